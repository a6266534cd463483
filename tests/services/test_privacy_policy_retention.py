"""The privacy policy states the retention times the code enforces (data migration 0005)."""

import importlib
import re
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from notifications import conf as notifications_conf

from .conftest import url

migration = importlib.import_module("services.migrations.0005_privacy_policy_retention")
initial = importlib.import_module("services.migrations.0002_initial_content")
pytestmark = pytest.mark.django_db
COLUMNS = ("body", "body_fi", "body_sv", "body_en")
INITIAL = {"fi": initial.PRIVACY_FI, "sv": initial.PRIVACY_SV, "en": initial.PRIVACY_EN}

# What each language must say (visible text of the rendered page, whitespace collapsed).
STATED = {
    "fi": [
        "Varaukset: asiakkaan tiedot",
        "anonymisoidaan 730 päivän eli kahden vuoden kuluttua tapaamisesta",
        "Viestiloki: 365 päivää eli 12 kuukautta viestin lähettämisestä",
        "terveysvakuutukset poistetaan 30 päivän kuluttua tilaisuudesta",
        "poistetaan 365 päivän eli 12 kuukauden kuluttua sovittelun päättymisestä",
        "Pyyntölomakkeet: 24 kuukautta pyynnön vastaanottamisesta",
        "poistetaan 730 päivän eli kahden vuoden kuluttua viimeisestä tapaamisesta",
        "säilytetään kolme vuotta",
        "kahdeksan tunnin kuluttua",
        "Varmuuskopiot: 30 päivää",
        "Palvelinlokit: enintään 30 päivää",
    ],
    "sv": [
        "Bokningar: klientens uppgifter",
        "anonymiseras 730 dagar, det vill säga två år, efter träffen",
        "Meddelandeloggen: 365 dagar, det vill säga 12 månader, från att meddelandet skickades",
        "hälsodeklarationerna vid klangavslappning raderas 30 dagar efter tillfället",
        "raderas 365 dagar, det vill säga 12 månader, efter att medlingen avslutats",
        "Förfrågningsformulär: 24 månader från att förfrågan togs emot",
        "raderas 730 dagar, det vill säga två år, efter den sista träffen",
        "sparas i tre år",
        "åtta timmar efter",
        "Säkerhetskopior: 30 dagar",
        "Serverloggar: högst 30 dagar",
    ],
    "en": [
        "Bookings: the client",
        "are anonymised 730 days, that is two years, after the session",
        "Message log: 365 days, that is 12 months, after a message was sent",
        "health self-declarations for sound relaxation are deleted 30 days after the event",
        "deleted 365 days, that is 12 months, after the mediation has closed",
        "Request forms: 24 months from receipt of the request",
        "deleted 730 days, that is two years, after the last session",
        "kept for three years",
        "eight hours after the last page request",
        "Backups: 30 days",
        "Server logs: at most 30 days",
    ],
}
# The wrong wording of 0002: invoiced bookings kept six years on the site, the message log 24 months.
WRONG = {
    "fi": ["laskutetut varaukset kuusi vuotta", "Viestiloki: 24 kuukautta"],
    "sv": ["fakturerade bokningar i sex år", "Meddelandeloggen: 24 månader"],
    "en": ["invoiced bookings for six years", "Message log: 24 months"],
}


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace(" :", ":")


def stored() -> dict[str, str]:
    """The page's texts as stored (modeltranslation would read `body` in the active language)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM services_page WHERE key = %s", ["privacy"])
        return dict(zip(COLUMNS, cursor.fetchone(), strict=True))


def store(**texts) -> None:
    with connection.cursor() as cursor:
        assignments = ", ".join(f"{column} = %s" for column in texts)
        cursor.execute(f"UPDATE services_page SET {assignments} WHERE key = %s", [*texts.values(), "privacy"])


def test_the_figures_are_the_ones_the_code_enforces():
    # If a default changes, the policy text (a new data migration) has to change with it.
    assert settings.BOOKING_RETENTION_DAYS == 730
    assert notifications_conf.log_retention().days == 365
    assert settings.EVENT_HEALTH_RETENTION_DAYS == 30
    assert settings.MEDIATION_RETENTION_DAYS == 365
    assert settings.PRIVACY_REQUEST_RETENTION_DAYS == 3 * 365
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_privacy_policy_page_states_the_enforced_retention(client, lang):
    response = client.get(url("services:privacy", lang))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    for phrase in STATED[lang]:
        assert phrase in text, phrase
    for phrase in WRONG[lang]:
        assert phrase not in text, phrase
    texts = stored()
    assert texts["body"] == texts["body_fi"]  # the original column follows the Finnish text


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_old_section_is_the_one_0002_wrote_and_is_replaced_whole(lang):
    assert migration.OLD_SECTION[lang] in INITIAL[lang]
    new = migration.updated(INITIAL[lang], lang)
    assert migration.NEW_SECTION[lang] in new and migration.OLD_SECTION[lang] not in new
    # Nothing outside the section changes.
    assert new.replace(migration.NEW_SECTION[lang], "") == INITIAL[lang].replace(
        migration.OLD_SECTION[lang], ""
    )


def test_an_edited_text_gets_only_the_two_wrong_entries_replaced_and_a_rewritten_one_is_left_alone():
    edited = f"## Omat säilytysajat\n\n{migration.OLD_BOOKINGS['fi']}\n- Oma rivi.\n{migration.OLD_MESSAGE_LOG['fi']}"
    assert migration.updated(edited, "fi") == (
        f"## Omat säilytysajat\n\n{migration.NEW_BOOKINGS['fi']}\n- Oma rivi.\n{migration.NEW_MESSAGE_LOG['fi']}"
    )
    rewritten = "- **Message log:** one year after sending, as we decided ourselves."
    assert migration.updated(rewritten, "en") == rewritten


def test_the_migration_changes_only_the_languages_that_still_have_the_old_wording():
    own_sv = "Vår egen text om lagringstiderna, redan uppdaterad."
    store(
        body=INITIAL["fi"],
        body_fi=INITIAL["fi"],
        body_sv=own_sv,
        body_en="Our intro.\n\n" + migration.OLD_SECTION["en"],
    )
    # The models as the migration sees them (no modeltranslation descriptors on historical models).
    apps = MigrationLoader(connection).project_state(("services", "0005_privacy_policy_retention")).apps
    migration.forwards(apps, None)
    new_fi = INITIAL["fi"].replace(migration.OLD_SECTION["fi"], migration.NEW_SECTION["fi"])
    expected = {
        "body": new_fi,
        "body_fi": new_fi,
        "body_sv": own_sv,
        "body_en": "Our intro.\n\n" + migration.NEW_SECTION["en"],
    }
    assert stored() == expected
    migration.forwards(apps, None)  # running again changes nothing more
    assert stored() == expected
