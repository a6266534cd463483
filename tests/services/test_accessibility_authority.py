"""The accessibility statement names the enforcement authority of 2026 (data migration 0004)."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from .conftest import url

migration = importlib.import_module("services.migrations.0004_accessibility_authority_lvv")
pytestmark = pytest.mark.django_db
COLUMNS = ("body", "body_fi", "body_sv", "body_en")


def stored() -> dict[str, str]:
    """The page's texts as stored (modeltranslation would read `body` in the active language)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM services_page WHERE key = %s", ["accessibility"])
        return dict(zip(COLUMNS, cursor.fetchone(), strict=True))


def store(**texts) -> None:
    with connection.cursor() as cursor:
        assignments = ", ".join(f"{column} = %s" for column in texts)
        cursor.execute(
            f"UPDATE services_page SET {assignments} WHERE key = %s", [*texts.values(), "accessibility"]
        )


NEW = {
    "fi": "Lupa- ja valvontavirasto",
    "sv": "Tillstånds- och tillsynsverket",
    "en": "Finnish Supervisory Agency",
}
OLD = {
    "fi": "aluehallintoviras",
    "sv": "Regionförvaltningsverket",
    "en": "Regional State Administrative Agency",
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_fresh_install_names_the_finnish_supervisory_agency(client, lang):
    texts = stored()
    body = texts[f"body_{lang}"]
    assert NEW[lang] in body and "www.saavutettavuusvaatimukset.fi" in body
    assert OLD[lang] not in body and "avi.fi" not in body and "0295 016 000" not in body
    assert "Etelä-Suomen" not in body
    html = client.get(url("services:accessibility", lang)).content.decode()
    assert NEW[lang] in html and OLD[lang] not in html
    assert texts["body"] == texts["body_fi"]  # the original column follows the Finnish text


def test_an_edited_text_gets_only_the_new_name_and_a_rewritten_one_is_left_alone():
    edited = "Ota yhteyttä Etelä-Suomen aluehallintovirastoon. Oma lisäykseni jää.\n\nEtelä-Suomen aluehallintovirasto"
    assert migration.updated(edited, "fi") == (
        "Ota yhteyttä Lupa- ja valvontavirastoon. Oma lisäykseni jää.\n\nLupa- ja valvontavirasto"
    )
    assert migration.updated("Regionförvaltningsverket i Södra Finland, enheten", "sv") == (
        "Tillstånds- och tillsynsverket, enheten"
    )
    rewritten = "Contact the Finnish Supervisory Agency at www.saavutettavuusvaatimukset.fi."
    assert migration.updated(rewritten, "en") == rewritten


def test_the_migration_changes_only_the_languages_that_still_have_the_old_wording():
    own_sv = "Vår egen text om tillsynen, redan uppdaterad."
    store(
        body=migration.OLD_SECTION["fi"],
        body_fi="Alku.\n\n" + migration.OLD_SECTION["fi"],
        body_sv=own_sv,
        body_en=migration.OLD_SECTION["en"] + "\n\nMore of our own text.",
    )
    # The models as the migration sees them (no modeltranslation descriptors on historical models).
    apps = MigrationLoader(connection).project_state(("services", "0004_accessibility_authority_lvv")).apps
    migration.forwards(apps, None)
    expected = {
        "body": migration.NEW_SECTION["fi"],
        "body_fi": "Alku.\n\n" + migration.NEW_SECTION["fi"],
        "body_sv": own_sv,
        "body_en": migration.NEW_SECTION["en"] + "\n\nMore of our own text.",
    }
    assert stored() == expected
    migration.forwards(apps, None)  # running again changes nothing more
    assert stored() == expected
