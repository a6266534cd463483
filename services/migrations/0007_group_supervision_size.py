"""The group supervision price line says the usual group size, 3–6 participants.

0002 wrote "up to 8 participants"; group supervision defaults to 3–6 participants (a new group
session type starts at 3–6 in admin, and the demo's group type is 3–6). Only a unit still worded as
0002 wrote it changes; one the practitioner has edited stays. Going back restores 0002's wording
where this migration's is still in place.
"""

from django.db import migrations

OLD = {
    "fi": "90 min, enintään 8 osallistujaa",
    "sv": "90 min, högst 8 deltagare",
    "en": "90 min, up to 8 participants",
}
NEW = {
    "fi": "90 min, 3–6 osallistujaa",
    "sv": "90 min, 3–6 deltagare",
    "en": "90 min, 3–6 participants",
}


def _replace(apps, before: dict, after: dict) -> None:
    Price = apps.get_model("services", "Price")
    for lang, text in before.items():
        Price.objects.filter(page__key="supervision", **{f"unit_{lang}": text}).update(
            **{f"unit_{lang}": after[lang]}
        )


def forwards(apps, schema_editor):
    _replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("services", "0006_price_session_type")]

    operations = [migrations.RunPython(forwards, backwards)]
