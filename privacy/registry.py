"""Apps register the personal data they hold; retention, export and erasure walk this registry.

privacy.registry.register(PersonalData(
    name="bookings", find=lambda email: ..., export=lambda objs, viewer: [...], erase=lambda objs, by_user: n,
    purge_due=lambda now: n,  # retention: removes what has outlived its time, returns a count
))
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data. `export(objects, viewer=user)` leaves out what privacy.access
    does not let `viewer` see (and says who provides it); `erasable(viewer, obj)` refuses an erasure
    the viewer may not make (all or nothing); `protected(email)` marks the practice's own addresses,
    which are never erased."""

    name: str
    find: Callable[[str], Iterable[Any]]
    export: Callable[..., list[dict]]
    erase: Callable[..., int]  # erase(objects, by_user=user)
    purge_due: Callable[[dt.datetime], int] | None = None
    retention: str = ""
    erasable: Callable[[Any, Any], bool] | None = None
    protected: Callable[[str], bool] | None = None
    # What erasing these objects does to others (shown before the erasure is confirmed).
    effects: Callable[[Iterable[Any]], list[str]] | None = None


_registry: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> None:
    _registry[entry.name] = entry


def entries() -> list[PersonalData]:
    return list(_registry.values())
