"""Demo identity of the practice: the practitioner's name, titles and introduction in three languages,
and the places' texts in three languages (directions, getting in, accessibility, parking; online: how
to join). Everything a place promises is in the text itself, which every confirmation and reminder
carries: no door code "sent later".

No portrait (the site shows the project's own illustration), business ID or postal address: the
go-live checklist on the workspace's front page lists those for the practitioner. Idempotent, and it
never overwrites what the practitioner has written in the workspace: it fills empty fields only.
"""

from bookings.models import Location, Practitioner
from practice.actions import profile_save
from practice.selectors import profile

PRACTITIONER = "Aino Ohjaaja"
PROFILE = {
    "practitioner_name": PRACTITIONER,
    "titles_fi": "työnohjaaja (STOry), työyhteisösovittelija, äänimaljaterapeutti (Peter Hess)",
    "titles_sv": "arbetshandledare (STOry), arbetsplatsmedlare, klangskålsterapeut (Peter Hess)",
    "titles_en": "work supervisor (STOry), workplace mediator, sound therapist (Peter Hess)",
    "intro_short_fi": (
        "Olen työnohjaaja ja työyhteisösovittelija. Kuljen ammattilaisten ja työyhteisöjen rinnalla "
        "silloin, kun työ kuormittaa, kun muutos haastaa tai kun yhteistyö on jumissa."
    ),
    "intro_short_sv": (
        "Jag är arbetshandledare och arbetsplatsmedlare. Jag går vid sidan av yrkesmänniskor och "
        "arbetsgemenskaper när arbetet tynger, när en förändring utmanar eller när samarbetet har kört fast."
    ),
    "intro_short_en": (
        "I am a work supervisor and workplace mediator. I work alongside professionals and working "
        "communities when work weighs heavily, when change is challenging or when cooperation has stalled."
    ),
    "intro_long_fi": (
        "Olen työnohjaaja ja työyhteisösovittelija. Kuljen ammattilaisten ja työyhteisöjen rinnalla "
        "silloin, kun työ kuormittaa, kun muutos haastaa tai kun yhteistyö on jumissa.\n\n"
        "> ”Me emme etsi syyllisiä – meidän tehtävämme on päästä käsiksi juurisyihin, ja sitä kautta "
        "löytää yhteistyössä ratkaisuja syntyneisiin oireisiin.”\n\n"
        "## Miten työskentelen\n\n"
        "Työskentelen luottamuksellisesti ja ratkaisukeskeisesti. Tapaamme läsnä tai verkossa, ja "
        "työskentely sovitetaan teidän arkeenne. Kaiken perustana on turvallinen tila, jossa asioista "
        "voi puhua avoimesti.\n\n"
        "Rentoutuksessa käytän Peter Hess -menetelmää: äänimaljojen ja gongien soinnit auttavat kehoa ja "
        "mieltä palautumaan."
    ),
    "intro_long_sv": (
        "Jag är arbetshandledare och arbetsplatsmedlare. Jag går vid sidan av yrkesmänniskor och "
        "arbetsgemenskaper när arbetet tynger, när en förändring utmanar eller när samarbetet har kört fast.\n\n"
        "> ”Vi letar inte efter syndabockar – vår uppgift är att komma åt grundorsakerna och därigenom "
        "tillsammans hitta lösningar på de symtom som uppstått.”\n\n"
        "## Hur jag arbetar\n\n"
        "Jag arbetar konfidentiellt och lösningsinriktat. Vi träffas på plats eller på distans, och "
        "arbetet anpassas till er vardag. Grunden för allt är ett tryggt rum där man kan tala öppet.\n\n"
        "För avslappning använder jag Peter Hess-metoden: klangerna från klangskålar och gonger hjälper "
        "kropp och sinne att återhämta sig."
    ),
    "intro_long_en": (
        "I am a work supervisor and workplace mediator. I work alongside professionals and working "
        "communities when work weighs heavily, when change is challenging or when cooperation has stalled.\n\n"
        "> “We are not looking for someone to blame – our task is to get to the root causes and, through "
        "them, to find solutions together to the symptoms that have arisen.”\n\n"
        "## How I work\n\n"
        "I work confidentially and with a focus on solutions. We meet in person or online, and the work "
        "is fitted to your everyday life. Everything rests on a safe space where things can be discussed "
        "openly.\n\n"
        "For relaxation I use the Peter Hess method: the sounds of singing bowls and gongs help body and "
        "mind to recover."
    ),
}

PRACTICE_ROOM = {
    "kind": Location.Kind.PRACTICE,
    "name_fi": "Vastaanotto Kamppi",
    "name_sv": "Mottagningen i Kampen",
    "name_en": "Practice room in Kamppi",
    "address_fi": "Kalevankatu 12 A 3, 00100 Helsinki",
    "address_sv": "Kalevagatan 12 A 3, 00100 Helsingfors",
    "address_en": "Kalevankatu 12 A 3, 00100 Helsinki",
    "directions_fi": (
        "Raitiovaunut 1 ja 3 pysähtyvät Simonkadulla, kahden minuutin kävelymatkan päässä. Kampin "
        "metroasemalta on noin viiden minuutin kävely. Sisäänkäynti on pihan puolelta, A-rappu, 3. kerros."
    ),
    "directions_sv": (
        "Spårvagnarna 1 och 3 stannar på Simonsgatan, två minuters promenad bort. Från metrostationen i "
        "Kampen är det cirka fem minuters promenad. Ingången är från gården, trappa A, tredje våningen."
    ),
    "directions_en": (
        "Trams 1 and 3 stop on Simonkatu, a two-minute walk away. Kamppi metro station is about five "
        "minutes on foot. The entrance is from the courtyard, staircase A, third floor."
    ),
    "entry_fi": (
        "Ulko-ovi on auki arkisin klo 8–16. Muulloin soita ovipuhelimesta nimeä ”Ohjaamo”, niin avaan "
        "oven. Odotustila on käytävän päässä."
    ),
    "entry_sv": (
        "Ytterdörren är öppen vardagar kl. 8–16. Andra tider ringer du på porttelefonen under namnet "
        "”Ohjaamo”, så öppnar jag. Väntrummet finns i slutet av korridoren."
    ),
    "entry_en": (
        "The front door is open on weekdays 8–16. At other times, call “Ohjaamo” on the door phone and I "
        "will let you in. The waiting area is at the end of the corridor."
    ),
    "step_free_access": True,
    "lift": True,
    "induction_loop": False,
    "parking_fi": "Kadunvarsipysäköinti on maksullista; lähin pysäköintilaitos on Kampin keskuksessa. Pyörätelineet ovat pihalla.",
    "parking_sv": "Gatuparkeringen är avgiftsbelagd; närmaste parkeringshus finns i Kampens centrum. Cykelställ finns på gården.",
    "parking_en": "Street parking is paid; the nearest car park is in the Kamppi centre. Bicycle racks are in the courtyard.",
}
ONLINE_ROOM = {
    "kind": Location.Kind.ONLINE,
    "name_fi": "Videotapaaminen",
    "name_sv": "Videomöte",
    "name_en": "Video meeting",
    "directions_fi": (
        "Avaa tapaamisen linkki tietokoneella, tabletilla tai puhelimella noin viisi minuuttia ennen alkua. "
        "Sovellusta ei tarvita: selain kysyy luvan kameran ja mikrofonin käyttöön. Käytä mieluiten "
        "kuulokkeita ja istu rauhallisessa paikassa, jossa voit puhua luottamuksellisesti."
    ),
    "directions_sv": (
        "Öppna mötets länk på datorn, surfplattan eller telefonen cirka fem minuter innan det börjar. Ingen "
        "app behövs: webbläsaren ber om lov att använda kameran och mikrofonen. Använd gärna hörlurar och "
        "sitt på en lugn plats där du kan tala konfidentiellt."
    ),
    "directions_en": (
        "Open the meeting link on a computer, tablet or phone about five minutes before the start. No app "
        "is needed: the browser asks for permission to use the camera and microphone. Headphones help; sit "
        "somewhere quiet where you can talk in confidence."
    ),
}
# What the first demo said, and no email ever sent: replaced wherever it is still there.
UNKEPT_PROMISE = "Ovikoodi lähetetään vahvistusviestissä. Lähin raitiovaunupysäkki: Simonkatu."


def _fill(obj, values: dict) -> bool:
    """Sets the fields that are still empty; True if any was."""
    empty = {field: value for field, value in values.items() if getattr(obj, field) in (None, "")}
    for field, value in empty.items():
        setattr(obj, field, value)
    return bool(empty)


def places(person: Practitioner) -> None:
    room = person.locations.filter(kind=Location.Kind.PRACTICE).order_by("pk").first()
    if room is None:
        Location.objects.create(practitioner=person, **PRACTICE_ROOM)
    else:
        if room.directions_fi == UNKEPT_PROMISE:
            room.directions_fi = ""
        if _fill(room, PRACTICE_ROOM):
            room.save()
    if not person.locations.filter(kind=Location.Kind.ONLINE).exists():
        Location.objects.create(practitioner=person, **ONLINE_ROOM)


def load(out) -> None:
    person = Practitioner.objects.filter(display_name=PRACTITIONER).order_by("pk").first()
    if person is not None:
        places(person)
    found = profile()
    if _fill(found, PROFILE):
        profile_save(profile=found)
