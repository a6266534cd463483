"""python manage.py reencrypt_fields: re-encrypts every EncryptedTextField of every model with the
newest key (the first one in FIELD_ENCRYPTION_KEY).

Key rotation:
  1. Make a new key and put it FIRST: FIELD_ENCRYPTION_KEY=<new>,<old>  (restart web and workers:
     new text is written with the new key, old text still decrypts with the old one).
  2. Run this command: every stored value is decrypted and written again with the new key.
  3. Remove the old key: FIELD_ENCRYPTION_KEY=<new>, and restart.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from privacy.fields import EncryptedTextField


class Command(BaseCommand):
    help = "Re-encrypts every encrypted field with the first key of FIELD_ENCRYPTION_KEY."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        total = 0
        for model in apps.get_models():
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, EncryptedTextField) and f.model is model
            ]
            if not fields:
                continue
            count = self._rotate(model, fields, batch_size)
            total += count
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted ({', '.join(fields)})")
        self.stdout.write(f"done: {total} rows")

    def _rotate(self, model, fields: list[str], batch_size: int) -> int:
        """Reads each value (the field decrypts it with whichever key fits) and writes it back (the
        field encrypts it with the first key), batch by batch, each batch in a transaction."""
        manager = model._base_manager
        count, last_pk = 0, None
        while True:
            rows = manager.order_by("pk")
            if last_pk is not None:
                rows = rows.filter(pk__gt=last_pk)
            batch = list(rows.values_list("pk", *fields)[:batch_size])
            if not batch:
                return count
            with transaction.atomic():
                for pk, *values in batch:
                    changes = {name: value for name, value in zip(fields, values, strict=True) if value}
                    if changes:
                        manager.filter(pk=pk).update(**changes)
                        count += 1
            last_pk = batch[-1][0]
