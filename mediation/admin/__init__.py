"""Mediation in Django admin: the mediator runs each case here. Only the case's own mediator and
superusers ever see a case (see base.py)."""

from . import agreement, case, meeting  # noqa: F401
