"""Fixtures the admin workspace tests share; a module opts in with

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
"""

import pytest
import time_machine


@pytest.fixture
def admin_in_english(settings):
    """Admin speaks the site's default language (it is outside the language prefixes): English here,
    so that these tests read the same before and after the catalogues are translated."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def frozen_at_now(request):
    """The module's NOW, with the clock stopped (a session signed in at another time has expired)."""
    with time_machine.travel(request.module.NOW, tick=False) as traveller:
        yield traveller
