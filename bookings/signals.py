"""Hooks for the apps above the calendar core (they connect in their AppConfig.ready()).

`block_freed(block, practitioner_id)`: sent once a change that freed some of a practitioner's time
(a block moved away or released) is committed; calendar_sync re-derives the external busy times
that were cut around it. Receivers run after the commit: a failing one is logged, the change stays.
"""

from django.dispatch import Signal

block_freed = Signal()
