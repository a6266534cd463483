"""Files of a local run in var/ (never committed): secrets generated once and reused."""

from collections.abc import Callable
from pathlib import Path


def local_secret(var_dir: Path, name: str, make: Callable[[], str]) -> str:
    """The secret `name` in `var_dir`: made once with `make`, readable by the owner only, then reused."""
    path = var_dir / name
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


def forget_local_secret(var_dir: Path, name: str) -> None:
    """Removes the secret `name`, so the next local_secret() makes a new one."""
    (var_dir / name).unlink(missing_ok=True)
