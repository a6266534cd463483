"""Apps register the personal data they hold; retention, export and erasure walk this registry.

privacy.registry.register(PersonalData(
    name="bookings", find=lambda email: ..., export=lambda objs: [...], erase=lambda objs: n,
    purge_due=lambda now: n,  # retention: removes what has outlived its time, returns a count
))
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalData:
    name: str
    find: Callable[[str], Iterable[Any]]
    export: Callable[[Iterable[Any]], list[dict]]
    erase: Callable[[Iterable[Any]], int]
    purge_due: Callable[[dt.datetime], int] | None = None
    retention: str = ""


_registry: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> None:
    _registry[entry.name] = entry


def entries() -> list[PersonalData]:
    return list(_registry.values())
