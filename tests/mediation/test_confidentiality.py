"""Confidential text is encrypted at rest; keys rotate; nothing confidential reaches email or logs."""

import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from mediation.actions.parties import intake_save, party_consent
from mediation.models import Intake, StageChange, StageRecord
from notifications.models import Message
from notifications.registry import builder_for
from privacy import crypto

from .conftest import prepare

pytestmark = pytest.mark.django_db

SECRET = "Minua kiusataan kahvihuoneessa joka päivä"


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_party_answers_and_mediator_notes_are_never_plaintext_in_the_database(case, parties, clock):
    party_consent(party=parties[0])
    intake = intake_save(party=parties[0], answers={"situation": SECRET, "safety": SECRET}, submit=True)
    record = StageRecord.objects.get(case=case, stage=1)
    record.notes = "Mediator: " + SECRET
    record.save()
    for table, column, pk in (
        ("mediation_intake", "situation", intake.pk),
        ("mediation_intake", "safety", intake.pk),
        ("mediation_stagerecord", "notes", record.pk),
    ):
        stored = raw(table, column, pk)
        assert SECRET not in stored and "kiusataan" not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token
    assert Intake.objects.get(pk=intake.pk).situation == SECRET
    # No other column of any mediation table holds it either.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith(("mediation_", "notifications_", "privacy_")):
                continue
            cursor.execute(f"SELECT * FROM {table}")
            for row in cursor.fetchall():
                assert not any(isinstance(v, str) and "kiusataan" in v for v in row), table


def test_a_blank_answer_stays_empty_and_costs_no_token(case, parties, clock):
    party_consent(party=parties[0])
    intake = intake_save(party=parties[0], answers={"hopes": "x"}, submit=False)
    assert raw("mediation_intake", "situation", intake.pk) == ""


def test_emails_about_answers_carry_no_confidential_text(case, parties, clock, settings):
    prepare(case, parties, answers={"situation": SECRET})
    notices = Message.objects.filter(kind="mediation_new_answer")
    assert notices.count() == 3  # the commissioning agreement and two forms
    for message in notices:
        email = builder_for(message.kind)(message)
        assert SECRET not in email.text and SECRET not in email.html
        assert "/admin/mediation/mediationcase/" in email.text
        assert SECRET not in str(message.context)


def test_nothing_confidential_is_logged(case, parties, clock, caplog):
    caplog.set_level(logging.DEBUG)
    prepare(case, parties, answers={"situation": SECRET})
    from mediation.actions.case import case_move_stage

    case_move_stage(case=case, to_stage=2, note=SECRET)
    assert SECRET not in caplog.text
    assert SECRET not in raw("mediation_stagechange", "note", StageChange.objects.last().pk)


def test_an_old_key_still_decrypts_and_reencrypt_fields_moves_everything_to_the_new_key(
    case, parties, clock, settings
):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    party_consent(party=parties[0])
    intake = intake_save(party=parties[0], answers={"situation": SECRET}, submit=True)
    before = raw("mediation_intake", "situation", intake.pk)
    assert Fernet(old.encode()).decrypt(before.encode()).decode() == SECRET

    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"  # step 1: the new key first, the old one still there
    assert Intake.objects.get(pk=intake.pk).situation == SECRET
    call_command("reencrypt_fields", stdout=io.StringIO())
    after = raw("mediation_intake", "situation", intake.pk)
    assert after != before
    assert Fernet(new.encode()).decrypt(after.encode()).decode() == SECRET

    settings.FIELD_ENCRYPTION_KEY = new  # step 3: the old key removed
    assert Intake.objects.get(pk=intake.pk).situation == SECRET
    # Rows that had only the old key are unreadable now: the command is what made this safe.
    with pytest.raises(Exception, match="could not be decrypted"):
        crypto.decrypt(before)


def test_reencrypt_fields_reports_every_model_with_encrypted_fields(case, parties, clock, capsys):
    prepare(case, parties)
    call_command("reencrypt_fields")
    out = capsys.readouterr().out
    assert "mediation.Intake: 2 rows re-encrypted" in out
    assert "mediation.StageRecord" in out and "mediation.Commitment: 0 rows" in out
