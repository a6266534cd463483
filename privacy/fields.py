"""EncryptedTextField: the database only ever holds Fernet tokens; Python sees plain text."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. Not searchable or orderable by content, by design.

    The empty string stays empty (no token), so an optional field left blank costs nothing.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(value)
