import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads of the test in a directory of its own (the default storage follows MEDIA_ROOT)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
