"""The privacy policy's retention times as the code enforces them.

0002 wrote that invoiced bookings are kept six years on the site and the message log 24 months.
The site keeps neither that long: a booking's client details are anonymised
BOOKING_RETENTION_DAYS (730) days after the session, keeping only what the accounts need (the
invoices themselves are kept six years in the practice's bookkeeping, outside the site), and the
message log is purged MESSAGES_LOG_RETENTION_DAYS (365) days after sending. The section also left
out event seats, supervision agreements, privacy request records, sessions and backups.

Only texts that still carry the old wording change: the retention section as 0002 wrote it is
replaced whole; in a text the practitioner has edited, only the two wrong entries (bookings and
message log) are replaced where they are still word for word as 0002 wrote them. Texts rewritten
already are left as they are. Going back changes nothing.
"""

from django.db import migrations

OLD_BOOKINGS = {
    "fi": "- **Varaukset:** laskutetut varaukset kuusi vuotta sen vuoden lopusta, jona palvelu annettiin (kirjanpitolaki). Laskuttamattomat ja peruutetut varaukset sekä palautevastaukset poistetaan 24 kuukauden kuluttua.",
    "sv": "- **Bokningar:** fakturerade bokningar i sex år från utgången av det år då tjänsten gavs (bokföringslagen). Bokningar som inte fakturerats, avbokade bokningar och responssvar raderas efter 24 månader.",
    "en": "- **Bookings:** invoiced bookings for six years from the end of the year in which the service was given (Accounting Act). Bookings not invoiced, cancelled bookings and feedback answers are deleted after 24 months.",
}
OLD_MESSAGE_LOG = {
    "fi": "- **Viestiloki:** 24 kuukautta.",
    "sv": "- **Meddelandeloggen:** 24 månader.",
    "en": "- **Message log:** 24 months.",
}
OLD_SECTION = {
    "fi": f"""## Säilytysajat

{OLD_BOOKINGS["fi"]}
- **Pyyntölomakkeet:** 24 kuukautta pyynnön vastaanottamisesta. Laskutukseen siirtyneet tiedot säilytetään kirjanpitolain mukaan.
- **Sovittelun luottamukselliset tekstit** (ennakkovastaukset, muistiinpanot, seurantavastaukset): poistetaan 12 kuukauden kuluttua sovittelun päättymisestä.
- **Sointurentoutuksen terveystiedot:** poistetaan 30 päivän kuluttua tilaisuudesta.
{OLD_MESSAGE_LOG["fi"]}
- **Henkilökohtaiset linkit** vanhenevat itsestään; tietokantaan tallennetaan vain linkin tiiviste, ei linkkiä itseään.
- **Palvelinlokit:** enintään 30 päivää.""",
    "sv": f"""## Lagringstider

{OLD_BOOKINGS["sv"]}
- **Förfrågningsformulär:** 24 månader från att förfrågan togs emot. Uppgifter som gått vidare till faktureringen sparas enligt bokföringslagen.
- **Konfidentiella texter i medlingen** (förhandssvar, anteckningar, svar vid uppföljningen): raderas 12 månader efter att medlingen avslutats.
- **Hälsouppgifter vid klangavslappning:** raderas 30 dagar efter tillfället.
{OLD_MESSAGE_LOG["sv"]}
- **Personliga länkar** går ut av sig själva; i databasen sparas endast en hash av länken, inte själva länken.
- **Serverloggar:** högst 30 dagar.""",
    "en": f"""## How long we keep data

{OLD_BOOKINGS["en"]}
- **Request forms:** 24 months from receipt of the request. Details that became part of an invoice are kept as the Accounting Act requires.
- **Confidential texts of a mediation** (answers before the sessions, notes, follow-up answers): deleted 12 months after the mediation has closed.
- **Health data for sound relaxation:** deleted 30 days after the event.
{OLD_MESSAGE_LOG["en"]}
- **Personal links** expire by themselves; the database stores only a hash of a link, never the link itself.
- **Server logs:** at most 30 days.""",
}

NEW_BOOKINGS = {
    "fi": "- **Varaukset:** asiakkaan tiedot (nimi, yhteystiedot, viestit ja palautekyselyn vastaukset) anonymisoidaan 730 päivän eli kahden vuoden kuluttua tapaamisesta. Kirjanpitoa varten varaukseen jäävät aika, palvelu, hinta ja arvonlisävero sekä laskutettavan organisaation nimi, Y-tunnus ja verkkolaskuosoite. Laskut säilytetään kirjanpitolain mukaisesti kuusi vuotta kirjanpidossamme, jota ei hoideta tällä sivustolla.",
    "sv": "- **Bokningar:** klientens uppgifter (namn, kontaktuppgifter, meddelanden och svar på responsenkäten) anonymiseras 730 dagar, det vill säga två år, efter träffen. För bokföringen står tid, tjänst, pris och mervärdesskatt kvar, liksom den fakturerade organisationens namn, FO-nummer och e-fakturaadress. Fakturorna sparas i sex år enligt bokföringslagen i vår bokföring, som inte sköts på den här webbplatsen.",
    "en": "- **Bookings:** the client's details (name, contact details, messages and feedback answers) are anonymised 730 days, that is two years, after the session. For the accounts, the time, service, price and VAT stay, as do the invoiced organisation's name, business ID and e-invoice address. Invoices are kept for six years under the Accounting Act in our bookkeeping, which is not part of this site.",
}
NEW_MESSAGE_LOG = {
    "fi": "- **Viestiloki:** 365 päivää eli 12 kuukautta viestin lähettämisestä.",
    "sv": "- **Meddelandeloggen:** 365 dagar, det vill säga 12 månader, från att meddelandet skickades.",
    "en": "- **Message log:** 365 days, that is 12 months, after a message was sent.",
}
NEW_SECTION = {
    "fi": f"""## Säilytysajat

Sivusto poistaa ja anonymisoi tiedot automaattisesti, kun säilytysaika on päättynyt.

{NEW_BOOKINGS["fi"]}
- **Pyyntölomakkeet:** 24 kuukautta pyynnön vastaanottamisesta.
- **Tilaisuuksien paikat ja jonot:** sointurentoutuksen terveysvakuutukset poistetaan 30 päivän kuluttua tilaisuudesta. Paikan varanneiden ja jonoon ilmoittautuneiden nimet ja yhteystiedot poistetaan 730 päivän eli kahden vuoden kuluttua tilaisuudesta.
- **Työnohjaussopimukset:** yhteyshenkilön tiedot ja osallistujat poistetaan 730 päivän eli kahden vuoden kuluttua viimeisestä tapaamisesta. Maksajan laskutustiedot jäävät kirjanpitoa varten.
- **Työyhteisösovittelu:** luottamuksellinen sisältö (osapuolten tiedot ja ennakkovastaukset, sovittelijan muistiinpanot, sopimus, seurantavastaukset ja yhteyshenkilön tiedot) poistetaan 365 päivän eli 12 kuukauden kuluttua sovittelun päättymisestä. Jäljelle jäävät päivämäärät, vaiheet ja lopputulos sekä tilaajan laskutustiedot.
{NEW_MESSAGE_LOG["fi"]}
- **Tietopyynnöt:** kirjaus tietojen tarkastus- ja poistopyynnöistä säilytetään kolme vuotta, jotta voimme osoittaa pyynnön tulleen täytetyksi.
- **Istunnon lomaketiedot** (esimerkiksi kesken oleva varaus): poistetaan kahdeksan tunnin kuluttua viimeisestä sivupyynnöstä.
- **Henkilökohtaiset linkit** vanhenevat itsestään; tietokantaan tallennetaan vain linkin tiiviste, ei linkkiä itseään.
- **Varmuuskopiot:** 30 päivää. Poistetut tiedot häviävät myös varmuuskopioista viimeistään 30 päivän kuluttua.
- **Palvelinlokit:** enintään 30 päivää.""",
    "sv": f"""## Lagringstider

Webbplatsen raderar och anonymiserar uppgifterna automatiskt när lagringstiden har gått ut.

{NEW_BOOKINGS["sv"]}
- **Förfrågningsformulär:** 24 månader från att förfrågan togs emot.
- **Platser och köer vid evenemang:** hälsodeklarationerna vid klangavslappning raderas 30 dagar efter tillfället. Namn och kontaktuppgifter för dem som bokat en plats eller anmält sig till kön raderas 730 dagar, det vill säga två år, efter tillfället.
- **Handledningsavtal:** kontaktpersonens uppgifter och deltagarna raderas 730 dagar, det vill säga två år, efter den sista träffen. Betalarens faktureringsuppgifter står kvar för bokföringen.
- **Arbetsplatsmedling:** det konfidentiella innehållet (parternas uppgifter och förhandssvar, medlarens anteckningar, överenskommelsen, svaren vid uppföljningen och kontaktpersonens uppgifter) raderas 365 dagar, det vill säga 12 månader, efter att medlingen avslutats. Kvar står datum, skeden och resultat samt beställarens faktureringsuppgifter.
{NEW_MESSAGE_LOG["sv"]}
- **Begäranden om registerutdrag och radering:** uppgifterna om en begäran sparas i tre år, så att vi kan visa att den har uppfyllts.
- **Formuläruppgifter i sessionen** (till exempel en pågående bokning): raderas åtta timmar efter den senaste sidvisningen.
- **Personliga länkar** går ut av sig själva; i databasen sparas endast en hash av länken, inte själva länken.
- **Säkerhetskopior:** 30 dagar. Raderade uppgifter försvinner också ur säkerhetskopiorna senast efter 30 dagar.
- **Serverloggar:** högst 30 dagar.""",
    "en": f"""## How long we keep data

The site deletes and anonymises data automatically once its retention time has passed.

{NEW_BOOKINGS["en"]}
- **Request forms:** 24 months from receipt of the request.
- **Event seats and waiting lists:** health self-declarations for sound relaxation are deleted 30 days after the event. The names and contact details of those who booked a seat or joined the waiting list are deleted 730 days, that is two years, after the event.
- **Supervision agreements:** the contact person's details and the participants are deleted 730 days, that is two years, after the last session. The payer's invoicing details stay for the accounts.
- **Workplace mediation:** the confidential content (the parties' details and answers before the sessions, the mediator's notes, the agreement, the follow-up answers and the contact person's details) is deleted 365 days, that is 12 months, after the mediation has closed. The dates, stages and outcome stay, as do the commissioning organisation's invoicing details.
{NEW_MESSAGE_LOG["en"]}
- **Access and erasure requests:** the record of a request is kept for three years as proof that it was met.
- **Form data in a session** (such as a booking in progress): deleted eight hours after the last page request.
- **Personal links** expire by themselves; the database stores only a hash of a link, never the link itself.
- **Backups:** 30 days. Deleted data is gone from the backups too at the latest 30 days later.
- **Server logs:** at most 30 days.""",
}


def updated(text: str, lang: str) -> str:
    """The text with the retention times corrected (the same text when it has none of the old wording)."""
    text = text.replace(OLD_SECTION[lang], NEW_SECTION[lang])
    text = text.replace(OLD_BOOKINGS[lang], NEW_BOOKINGS[lang])
    return text.replace(OLD_MESSAGE_LOG[lang], NEW_MESSAGE_LOG[lang])


def forwards(apps, schema_editor):
    Page = apps.get_model("services", "Page")
    for page in Page.objects.filter(key="privacy"):
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
    dependencies = [("services", "0004_accessibility_authority_lvv")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
