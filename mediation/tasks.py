"""mediation: no Celery tasks of its own. Its timed work (invitations, reminders, check-ins, the
follow-up prompt) is outbox rows with a due time, sent by notifications' send pass; the retention
purge runs daily in privacy.tasks.purge_expired through privacy.registry."""
