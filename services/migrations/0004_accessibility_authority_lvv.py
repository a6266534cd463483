"""The accessibility statement's enforcement authority after 1 January 2026.

The regional state administrative agencies (aluehallintovirastot) were merged into the Finnish
Supervisory Agency (Lupa- ja valvontavirasto, Tillstånds- och tillsynsverket), where the
accessibility supervision now is (www.saavutettavuusvaatimukset.fi). The contact block of 0002
named the Southern Finland agency with its avi.fi email and switchboard, which no longer exist.

Only texts that still carry the old wording change: the enforcement section as 0002 wrote it is
replaced whole; elsewhere (a text the practitioner has edited) only the agency's name is replaced.
Texts rewritten already are left as they are. Going back changes nothing.
"""

from django.db import migrations

OLD_SECTION = {
    "fi": """## Valvontaviranomainen

Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon aikana, voit tehdä ilmoituksen Etelä-Suomen aluehallintovirastoon. Etelä-Suomen aluehallintoviraston sivulla kerrotaan tarkasti, miten ilmoituksen voi tehdä ja miten asia käsitellään.

**Valvontaviranomaisen yhteystiedot:**
Etelä-Suomen aluehallintovirasto
Saavutettavuuden valvonnan yksikkö
[www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
puhelinvaihde 0295 016 000""",
    "sv": """## Tillsynsmyndighet

Om du upptäcker problem med tillgängligheten på webbplatsen, ge först respons till oss. Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en anmälan till Regionförvaltningsverket i Södra Finland. På regionförvaltningsverkets webbplats finns information om hur du gör en anmälan och hur ärendet behandlas.

**Tillsynsmyndighetens kontaktuppgifter:**
Regionförvaltningsverket i Södra Finland (Etelä-Suomen aluehallintovirasto)
Enheten för tillsyn över tillgängligheten
[www.tillganglighetskrav.fi](https://www.tillganglighetskrav.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
telefonväxel 0295 016 000""",
    "en": """## Enforcement authority

If you notice accessibility problems on the site, first give feedback to us. If you are not satisfied with our reply, or you receive no reply within two weeks, you can notify the Regional State Administrative Agency for Southern Finland (Etelä-Suomen aluehallintovirasto). Its website explains in detail how to make a notification and how the matter is handled.

**Contact details of the enforcement authority:**
Regional State Administrative Agency for Southern Finland
Accessibility Monitoring Unit
[www.webaccessibility.fi](https://www.webaccessibility.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
switchboard +358 295 016 000""",
}

NEW_SECTION = {
    "fi": """## Valvontaviranomainen

Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon aikana, voit tehdä ilmoituksen Lupa- ja valvontavirastoon. Lupa- ja valvontaviraston saavutettavuusvalvonnan sivuilla kerrotaan tarkasti, miten ilmoituksen voi tehdä ja miten asia käsitellään.

**Valvontaviranomaisen yhteystiedot:**
Lupa- ja valvontavirasto
Saavutettavuusvalvonta
[www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)""",
    "sv": """## Tillsynsmyndighet

Om du upptäcker problem med tillgängligheten på webbplatsen, ge först respons till oss. Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en anmälan till Tillstånds- och tillsynsverket. På Tillstånds- och tillsynsverkets webbplats för tillgänglighetstillsynen finns information om hur du gör en anmälan och hur ärendet behandlas.

**Tillsynsmyndighetens kontaktuppgifter:**
Tillstånds- och tillsynsverket (Lupa- ja valvontavirasto)
Tillgänglighetstillsynen
[www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)""",
    "en": """## Enforcement authority

If you notice accessibility problems on the site, first give feedback to us. If you are not satisfied with our reply, or you receive no reply within two weeks, you can notify the Finnish Supervisory Agency (Lupa- ja valvontavirasto). Its accessibility supervision website explains in detail how to make a notification and how the matter is handled.

**Contact details of the enforcement authority:**
Finnish Supervisory Agency (Lupa- ja valvontavirasto)
Accessibility supervision
[www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)""",
}

# In a text edited since: the old name → the new one, longest (inflected) forms first.
NAMES = {
    "fi": [
        ("Etelä-Suomen aluehallintovirastoon", "Lupa- ja valvontavirastoon"),
        ("Etelä-Suomen aluehallintoviraston", "Lupa- ja valvontaviraston"),
        ("Etelä-Suomen aluehallintovirasto", "Lupa- ja valvontavirasto"),
    ],
    "sv": [
        (
            "Regionförvaltningsverket i Södra Finland (Etelä-Suomen aluehallintovirasto)",
            "Tillstånds- och tillsynsverket (Lupa- ja valvontavirasto)",
        ),
        ("Regionförvaltningsverket i Södra Finland", "Tillstånds- och tillsynsverket"),
        ("regionförvaltningsverkets", "Tillstånds- och tillsynsverkets"),
    ],
    "en": [
        (
            "Regional State Administrative Agency for Southern Finland (Etelä-Suomen aluehallintovirasto)",
            "Finnish Supervisory Agency (Lupa- ja valvontavirasto)",
        ),
        ("Regional State Administrative Agency for Southern Finland", "Finnish Supervisory Agency"),
    ],
}


def updated(text: str, lang: str) -> str:
    """The text with the old authority replaced (the same text when it has none of the old wording)."""
    text = text.replace(OLD_SECTION[lang], NEW_SECTION[lang])
    for old, new in NAMES[lang]:
        text = text.replace(old, new)
    return text


def forwards(apps, schema_editor):
    Page = apps.get_model("services", "Page")
    for page in Page.objects.filter(key="accessibility"):
        # `body` is modeltranslation's original column, kept equal to the Finnish text.
        fields = {"body": "fi", "body_fi": "fi", "body_sv": "sv", "body_en": "en"}
        changes = {}
        for field, lang in fields.items():
            text = getattr(page, field) or ""
            new = updated(text, lang)
            if new != text:
                changes[field] = new
        if changes:
            # update(): the page's "updated" time stays the practitioner's last edit.
            Page.objects.filter(pk=page.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("services", "0003_request_decision")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
