"""Initial content of the site in Finnish, Swedish and English, from the practice's own texts.

After this migration the practitioner edits everything in admin; the migration is not run again.
"""

from decimal import Decimal

from django.db import migrations

LANGS = ("fi", "sv", "en")
QUOTE = {
    "fi": "> ”Me emme etsi syyllisiä – meidän tehtävämme on päästä käsiksi juurisyihin, ja sitä kautta löytää yhteistyössä ratkaisuja syntyneisiin oireisiin.”",
    "sv": "> ”Vi letar inte efter syndabockar – vår uppgift är att komma åt grundorsakerna och därigenom tillsammans hitta lösningar på de symtom som uppstått.”",
    "en": "> “We are not looking for someone to blame – our task is to get to the root causes and, through them, to find solutions together to the symptoms that have arisen.”",
}

PAGES = {
    "home": {
        "title": {
            "fi": "Tukea työhön ja työyhteisöille",
            "sv": "Stöd i arbetet och för arbetsgemenskaper",
            "en": "Support for work and working communities",
        },
        "meta_description": {
            "fi": "Työnohjausta yksilöille ja ryhmille, työyhteisösovittelua, inspiraatioluentoja ja sointurentoutusta Peter Hess -menetelmällä. Läsnä tai verkossa.",
            "sv": "Arbetshandledning för individer och grupper, arbetsplatsmedling, inspirationsföreläsningar och klangavslappning enligt Peter Hess-metoden. På plats eller på distans.",
            "en": "Work supervision for individuals and groups, workplace mediation, inspiration talks and sound relaxation with the Peter Hess method. In person or online.",
        },
        "summary": {
            "fi": "Kerro, mitä tarvitsette, niin ehdotamme sopivaa tapaa ja aikaa. Vastaamme kahden arkipäivän kuluessa.",
            "sv": "Berätta vad ni behöver, så föreslår vi ett lämpligt upplägg och en tid. Vi svarar inom två arbetsdagar.",
            "en": "Tell us what you need and we will suggest a suitable approach and time. We reply within two working days.",
        },
        "lead": {
            "fi": "Työnohjausta yksilöille ja ryhmille, työyhteisösovittelua, inspiroivia puheenvuoroja ja sointurentoutusta – läsnä eri puolilla Suomea tai verkossa.",
            "sv": "Arbetshandledning för individer och grupper, medling på arbetsplatsen, inspirerande föreläsningar och klangavslappning – på plats runt om i Finland eller på distans.",
            "en": "Work supervision for individuals and groups, workplace mediation, inspiring talks and sound relaxation – in person around Finland or online.",
        },
        "body": {
            "fi": "Olen työnohjaaja ja työyhteisösovittelija. Kuljen ammattilaisten ja työyhteisöjen rinnalla silloin, kun työ kuormittaa, kun muutos haastaa tai kun yhteistyö on jumissa.\n\n"
            + QUOTE["fi"]
            + "\n\nTyöskentelen luottamuksellisesti ja ratkaisukeskeisesti. Tapaamme läsnä tai verkossa, ja työskentely sovitetaan teidän arkeenne. Kaiken perustana on turvallinen tila, jossa asioista voi puhua avoimesti.\n\nRentoutuksessa käytän Peter Hess -menetelmää: äänimaljojen ja gongien soinnit auttavat kehoa ja mieltä palautumaan.",
            "sv": "Jag är arbetshandledare och arbetsplatsmedlare. Jag går vid sidan av yrkesmänniskor och arbetsgemenskaper när arbetet tynger, när en förändring utmanar eller när samarbetet har kört fast.\n\n"
            + QUOTE["sv"]
            + "\n\nJag arbetar konfidentiellt och lösningsinriktat. Vi träffas på plats eller på distans, och arbetet anpassas till er vardag. Grunden för allt är ett tryggt rum där man kan tala öppet.\n\nFör avslappning använder jag Peter Hess-metoden: klangerna från klangskålar och gonger hjälper kropp och sinne att återhämta sig.",
            "en": "I am a work supervisor and workplace mediator. I work alongside professionals and working communities when work weighs heavily, when change is challenging or when cooperation has stalled.\n\n"
            + QUOTE["en"]
            + "\n\nI work confidentially and with a focus on solutions. We meet in person or online, and the work is fitted to your everyday life. Everything rests on a safe space where things can be discussed openly.\n\nFor relaxation I use the Peter Hess method: the sounds of singing bowls and gongs help body and mind to recover.",
        },
    },
    "supervision": {
        "title": {"fi": "Työnohjaus", "sv": "Arbetshandledning", "en": "Work supervision"},
        "meta_description": {
            "fi": "Työnohjausta yksilöille ja ryhmille läsnä tai verkossa: tilaa reflektoida omaa työtä, kehittää ammattitaitoa ja vahvistaa työhyvinvointia.",
            "sv": "Arbetshandledning för individer och grupper på plats eller på distans: rum att reflektera över det egna arbetet, utveckla yrkeskunnandet och stärka välbefinnandet i arbetet.",
            "en": "Work supervision for individuals and groups, in person or online: room to reflect on your work, develop professional skills and strengthen wellbeing at work.",
        },
        "summary": {
            "fi": "Ammatillista tukea yksilöille ja ryhmille, läsnä tai verkossa. Työnohjauksessa pysähdytään oman työn äärelle ja löydetään uusia näkökulmia arjen haasteisiin.",
            "sv": "Professionellt stöd för individer och grupper, på plats eller på distans. I handledningen stannar man upp inför det egna arbetet och hittar nya perspektiv på vardagens utmaningar.",
            "en": "Professional support for individuals and groups, in person or online. Supervision is a pause to look at your own work and find new perspectives on everyday challenges.",
        },
        "lead": {
            "fi": "Teemme työnohjausta ryhmille sekä yksilöille läsnä tai verkossa.",
            "sv": "Vi erbjuder arbetshandledning för grupper och individer, på plats eller på distans.",
            "en": "We offer work supervision for groups and individuals, in person or online.",
        },
        "body": {
            "fi": "Työnohjaus on ammatillinen tukimuoto, joka tarjoaa työntekijöille mahdollisuuden reflektoida työhönsä liittyviä haasteita, tunteita ja ammatillista kehitystä. Se tapahtuu koulutetun työnohjaajan ohjauksessa ja auttaa työntekijöitä parantamaan ammatillista suoritustaan sekä työhyvinvointiaan.\n\nTyönohjauksessa käsitellään käytännön työtilanteita, vuorovaikutustaitoja ja henkilökohtaista kasvua, edistäen näin organisaation tehokkuutta ja työntekijöiden hyvinvointia.\n\n"
            + QUOTE["fi"]
            + "\n\n## Työnohjauksen tavoite\n\nTyönohjauksen tavoitteena on auttaa ammattilaisia reflektoimaan omaa työtään, kehittämään ammatillisia taitojaan, ratkaisemaan ongelmia työssään ja edistämään työhyvinvointiaan. Se tarjoaa tilan avoimelle keskustelulle ja itsetutkiskelulle, auttaen työntekijöitä näkemään asioita uudesta näkökulmasta ja löytämään ratkaisuja työssä kohtaamiinsa haasteisiin.\n\n## Yksin tai ryhmässä, läsnä tai verkossa\n\n- **Yksilötyönohjaus** keskittyy sinun työhösi ja kysymyksiisi. Voit varata yksittäisen ajan tai sopia sarjasta.\n- **Ryhmätyönohjaus** sopii tiimille tai saman alan ammattilaisten ryhmälle: ryhmä oppii toistensa kokemuksista.\n- **Läsnä tai verkossa:** tapaamme teidän tiloissanne tai turvallisen videoyhteyden välityksellä.",
            "sv": "Arbetshandledning är en form av professionellt stöd som ger anställda möjlighet att reflektera över utmaningar, känslor och yrkesmässig utveckling i arbetet. Den sker under ledning av en utbildad arbetshandledare och hjälper de anställda att utvecklas i sitt arbete och att må bättre i det.\n\nI handledningen behandlas praktiska arbetssituationer, färdigheter i växelverkan och personlig utveckling, vilket främjar både organisationens effektivitet och de anställdas välbefinnande.\n\n"
            + QUOTE["sv"]
            + "\n\n## Målet med arbetshandledning\n\nMålet med arbetshandledning är att hjälpa yrkesmänniskor att reflektera över sitt arbete, utveckla sina yrkesfärdigheter, lösa problem i arbetet och främja sitt välbefinnande i arbetet. Handledningen ger utrymme för öppna samtal och självrannsakan och hjälper de anställda att se saker ur ett nytt perspektiv och att hitta lösningar på de utmaningar de möter i arbetet.\n\n## Ensam eller i grupp, på plats eller på distans\n\n- **Individuell handledning** fokuserar på ditt arbete och dina frågor. Du kan boka en enskild tid eller komma överens om en serie.\n- **Grupphandledning** passar ett team eller en grupp yrkesmänniskor inom samma bransch: gruppen lär sig av varandras erfarenheter.\n- **På plats eller på distans:** vi träffas i era lokaler eller via en säker videoförbindelse.",
            "en": "Work supervision is a form of professional support that gives employees the opportunity to reflect on the challenges, feelings and professional growth connected with their work. It is led by a trained supervisor and helps employees to develop their professional performance and their wellbeing at work.\n\nSupervision deals with practical work situations, interaction skills and personal growth, and in this way promotes both the effectiveness of the organisation and the wellbeing of its employees.\n\n"
            + QUOTE["en"]
            + "\n\n## The aim of work supervision\n\nThe aim of work supervision is to help professionals reflect on their own work, develop their professional skills, solve problems at work and promote their wellbeing at work. It offers a space for open conversation and self-reflection, helping employees to see things from a new perspective and to find solutions to the challenges they face at work.\n\n## Alone or in a group, in person or online\n\n- **Individual supervision** focuses on your work and your questions. You can book a single session or agree on a series.\n- **Group supervision** suits a team or a group of professionals from the same field: the group learns from each other's experience.\n- **In person or online:** we meet at your premises or over a secure video connection.",
        },
    },
    "mediation": {
        "title": {"fi": "Työyhteisösovittelu", "sv": "Arbetsplatsmedling", "en": "Workplace mediation"},
        "meta_description": {
            "fi": "Työyhteisösovittelu auttaa ratkaisemaan työpaikan ristiriidat luottamuksellisesti ja rakentavasti. Sovittelu etenee kuudessa vaiheessa valmistelusta seurantaan.",
            "sv": "Arbetsplatsmedling hjälper till att lösa konflikter på arbetsplatsen konfidentiellt och konstruktivt. Medlingen framskrider i sex skeden, från förberedelse till uppföljning.",
            "en": "Workplace mediation helps to resolve conflicts at work confidentially and constructively. Mediation moves through six stages, from preparation to follow-up.",
        },
        "summary": {
            "fi": "Luottamuksellinen ja vapaaehtoinen tapa ratkaista työpaikan ristiriitoja. Sovittelija ohjaa osapuolia kohti ratkaisua, johon kaikki voivat sitoutua.",
            "sv": "Ett konfidentiellt och frivilligt sätt att lösa konflikter på arbetsplatsen. Medlaren leder parterna mot en lösning som alla kan förbinda sig till.",
            "en": "A confidential and voluntary way to resolve conflicts at work. The mediator guides the parties towards a solution they can all commit to.",
        },
        "lead": {
            "fi": "Työyhteisösovittelu on menetelmä konfliktien ratkaisemiseksi työpaikoilla. Se on vuorovaikutteinen prosessi, jonka tarkoituksena on parantaa työilmapiiriä ja edistää työntekijöiden välistä yhteistyötä.",
            "sv": "Arbetsplatsmedling är en metod för att lösa konflikter på arbetsplatser. Det är en interaktiv process som syftar till att förbättra arbetsklimatet och främja samarbetet mellan de anställda.",
            "en": "Workplace mediation is a method for resolving conflicts at work. It is an interactive process that aims to improve the working atmosphere and to promote cooperation between employees.",
        },
        "body": {
            "fi": "Sovittelussa osapuolet kokoontuvat yhteen luottamuksellisessa ympäristössä ja keskustelevat avoimesti ongelmistaan sovittelijan johdolla. Työyhteisösovittelu tarjoaa mahdollisuuden parantaa vuorovaikutusta ja vähentää konflikteja työyhteisössä. Se perustuu avoimeen keskusteluun, empatiaan ja yhteistyöhön, jotta voidaan saavuttaa kestäviä ratkaisuja ongelmiin.\n\n## Luottamuksellisuus ja vapaaehtoisuus\n\n- Sovitteluun osallistuminen on vapaaehtoista, ja jokainen osapuoli voi keskeyttää sen.\n- Kaikki, mitä sovittelussa käsitellään, on luottamuksellista. Työnantaja saa tiedon vain siitä, syntyikö sopimus.\n- Sovittelija on puolueeton: hän ei ratkaise asiaa osapuolten puolesta eikä etsi syyllisiä.\n- Osapuolten omat ennakkovastaukset näkevät vain he itse ja sovittelija, ja ne säilytetään salattuina.",
            "sv": "I medlingen samlas parterna i en konfidentiell miljö och diskuterar öppet sina problem under ledning av en medlare. Arbetsplatsmedling ger en möjlighet att förbättra växelverkan och minska konflikterna i arbetsgemenskapen. Den bygger på öppen dialog, empati och samarbete för att nå hållbara lösningar på problemen.\n\n## Konfidentialitet och frivillighet\n\n- Det är frivilligt att delta i medlingen, och varje part kan avbryta den.\n- Allt som behandlas i medlingen är konfidentiellt. Arbetsgivaren får endast veta om en överenskommelse nåddes.\n- Medlaren är opartisk: medlaren avgör inte saken i parternas ställe och letar inte efter skyldiga.\n- Parternas egna förhandssvar ser endast de själva och medlaren, och svaren förvaras krypterade.",
            "en": "In mediation the parties come together in a confidential setting and discuss their problems openly, guided by the mediator. Workplace mediation offers an opportunity to improve interaction and to reduce conflict in the working community. It rests on open dialogue, empathy and cooperation, so that lasting solutions can be found.\n\n## Confidentiality and voluntariness\n\n- Taking part in mediation is voluntary, and each party can stop it.\n- Everything discussed in mediation is confidential. The employer is told only whether an agreement was reached.\n- The mediator is impartial: the mediator does not decide the matter on the parties' behalf or look for someone to blame.\n- The parties' own answers before the sessions are seen only by themselves and the mediator, and they are stored encrypted.",
        },
    },
    "talks": {
        "title": {
            "fi": "Inspiraatioluennot ja alustukset",
            "sv": "Inspirationsföreläsningar och inledningsanföranden",
            "en": "Inspiration talks",
        },
        "meta_description": {
            "fi": "Inspiroivia puheenvuoroja ja alustuksia työyhteisöille: luottamus, muutos, itsetuntemus ja mentaalivalmennus. Sopii kehittämispäivään tai työpajan aloitukseen.",
            "sv": "Inspirerande föreläsningar och inledningsanföranden för arbetsgemenskaper: förtroende, förändring, självkännedom och mental träning. Passar en utvecklingsdag eller inledningen av en workshop.",
            "en": "Inspiring talks and opening addresses for working communities: trust, change, self-knowledge and mental coaching. Suited to a development day or to open a workshop.",
        },
        "summary": {
            "fi": "Joskus työyhteisöä voidaan herätellä inspiraatiopuheenvuorolla tai alustuksella, vaikka työpajan aloituksessa. Valitse aihe listalta, tai sovitaan aiheesta yhdessä.",
            "sv": "Ibland kan en arbetsgemenskap väckas med ett inspirerande anförande eller en inledning, till exempel i början av en workshop. Välj ett ämne i listan, eller så kommer vi överens om ämnet tillsammans.",
            "en": "Sometimes a working community can be energised by an inspiring talk or an opening address, for example at the start of a workshop. Choose a topic from the list, or we agree on one together.",
        },
        "lead": {
            "fi": "Joskus työyhteisöä voidaan herätellä inspiraatiopuheenvuorolla tai alustuksella, vaikka työpajan aloituksessa.",
            "sv": "Ibland kan en arbetsgemenskap väckas med ett inspirerande anförande eller ett inledningsanförande, till exempel i början av en workshop.",
            "en": "Sometimes a working community can be energised by an inspiring talk or an opening address, for example at the start of a workshop.",
        },
        "body": {
            "fi": "Puheenvuoro antaa yhteisen lähtökohdan päivän työskentelylle: ajatuksia, kysymyksiä ja käytännön työkaluja, joihin voi palata myöhemmin. Puheenvuoron pituus sovitetaan tilaisuuteen, tavallisesti 45–90 minuuttia, ja sen voi pitää läsnä tai verkossa. Sisältö räätälöidään teidän tilanteeseenne, ja mukaan voi liittää yhteistä pohdintaa tai pienryhmätehtäviä.",
            "sv": "Anförandet ger en gemensam utgångspunkt för dagens arbete: tankar, frågor och praktiska verktyg att återvända till senare. Längden anpassas till tillställningen, vanligen 45–90 minuter, och anförandet kan hållas på plats eller på distans. Innehållet skräddarsys efter er situation och kan kompletteras med gemensam reflektion eller uppgifter i smågrupper.",
            "en": "A talk gives the day's work a shared starting point: ideas, questions and practical tools to return to later. Its length is fitted to the event, usually 45–90 minutes, and it can be given in person or online. The content is tailored to your situation and can include shared reflection or small-group exercises.",
        },
    },
    "sound_relaxation": {
        "title": {"fi": "Sointurentoutus", "sv": "Klangavslappning", "en": "Sound relaxation"},
        "meta_description": {
            "fi": "Sointurentoutus Peter Hess -menetelmällä: 60 minuutin syvärentoutus äänimaljoilla ja gongeilla ryhmille, esimerkiksi TYHY- tai TYKY-päivään tai kehittämispäivään.",
            "sv": "Klangavslappning enligt Peter Hess-metoden: 60 minuters djupavslappning med klangskålar och gonger för grupper, till exempel på en rekreationsdag eller en utvecklingsdag.",
            "en": "Sound relaxation with the Peter Hess method: a 60-minute deep relaxation with singing bowls and gongs for groups, for example on a staff wellbeing day or a development day.",
        },
        "summary": {
            "fi": "Kehon ja mielen kokonaisvaltainen syvärentoutus äänimaljoilla ja gongeilla Peter Hess -menetelmällä. Sopii TYHY-, TYKY- tai kehittämispäivään.",
            "sv": "Djupavslappning för kropp och själ med klangskålar och gonger enligt Peter Hess-metoden. Passar en rekreations-, friskvårds- eller utvecklingsdag.",
            "en": "A holistic deep relaxation for body and mind with singing bowls and gongs, using the Peter Hess method. Suited to a staff wellbeing day or a development day.",
        },
        "lead": {
            "fi": "Syvärentoutus Peter Hess -menetelmällä TYHY-, TYKY- tai kehittämispäivään.",
            "sv": "Djupavslappning enligt Peter Hess-metoden för en rekreations-, friskvårds- eller utvecklingsdag.",
            "en": "Deep relaxation with the Peter Hess method for a staff wellbeing day (TYHY/TYKY) or a development day.",
        },
        "body": {
            "fi": "Sointurentoutus on kehon ja mielen kokonaisvaltainen syvärentoutus, joka voidaan toteuttaa yhdelle tai useamman henkilön ryhmälle. Rentoutuksessa istut tai lepäilet alustoilla, ja äänimaljoja, gongeja sekä muita instrumentteja soitetaan kehosi läheisyydessä. Äänimaljoja ei soiteta keholla.\n\nSointurentoutuksen vaikutukset ovat samanlaisia kuin yksilöllisessä äänimaljarentoutuksessa. Sointurentoutus voidaan toteuttaa missä tahansa sille soveltuvassa tilassa, esimerkiksi kokous- tai liikuntatilassa.",
            "sv": "Klangavslappning är en helhetsinriktad djupavslappning för kropp och själ som kan ordnas för en person eller för en grupp. Under avslappningen sitter du eller vilar på ett underlag, och klangskålar, gonger och andra instrument spelas nära din kropp. Klangskålarna spelas inte på kroppen.\n\nEffekterna av klangavslappning liknar dem av en individuell klangskålsavslappning. Klangavslappning kan ordnas i vilket lämpligt utrymme som helst, till exempel i ett mötes- eller motionsutrymme.",
            "en": "Sound relaxation is a holistic deep relaxation for body and mind that can be arranged for one person or for a group. During the relaxation you sit or rest on a mat while singing bowls, gongs and other instruments are played close to your body. The bowls are not played on the body.\n\nThe effects of sound relaxation are similar to those of an individual singing bowl relaxation. It can be held in any suitable space, such as a meeting room or a gym.",
        },
    },
    "contact": {
        "title": {"fi": "Yhteystiedot", "sv": "Kontakt", "en": "Contact"},
        "meta_description": {
            "fi": "Ota yhteyttä: työnohjaus, työyhteisösovittelu, inspiraatioluennot ja sointurentoutus. Vastaamme kahden arkipäivän kuluessa.",
            "sv": "Kontakta oss om arbetshandledning, arbetsplatsmedling, inspirationsföreläsningar och klangavslappning. Vi svarar inom två arbetsdagar.",
            "en": "Contact us about work supervision, workplace mediation, inspiration talks and sound relaxation. We reply within two working days.",
        },
        "summary": {"fi": "", "sv": "", "en": ""},
        "lead": {
            "fi": "Kysy lisää, varaa aika tai lähetä pyyntö. Vastaamme kahden arkipäivän kuluessa.",
            "sv": "Fråga mer, boka en tid eller skicka en förfrågan. Vi svarar inom två arbetsdagar.",
            "en": "Ask us anything, book a time or send a request. We reply within two working days.",
        },
        "body": {
            "fi": "## Toiminta-alue\n\nTyöskentelemme läsnä eri puolilla Suomea sekä verkossa. Matkakuluista sovitaan tarjouksen yhteydessä.\n\n## Kielet\n\nPalvelemme suomeksi, ruotsiksi ja englanniksi.\n\n## Luottamuksellisuus\n\nÄlä lähetä sähköpostilla tai lomakkeilla arkaluonteisia tietoja, kuten kuvausta työpaikan ristiriidasta tai terveystietoja. Käymme ne läpi luottamuksellisesti, kun tapaamme.",
            "sv": "## Verksamhetsområde\n\nVi arbetar på plats runt om i Finland och på distans. Resekostnaderna kommer vi överens om i samband med offerten.\n\n## Språk\n\nVi betjänar på finska, svenska och engelska.\n\n## Konfidentialitet\n\nSkicka inte känsliga uppgifter per e-post eller via formulären, till exempel en beskrivning av en konflikt på arbetsplatsen eller hälsouppgifter. Vi går igenom sådant konfidentiellt när vi träffas.",
            "en": "## Where we work\n\nWe work in person around Finland and online. Travel costs are agreed with the quote.\n\n## Languages\n\nWe serve you in Finnish, Swedish and English.\n\n## Confidentiality\n\nPlease do not send sensitive information by email or through the forms, such as a description of a workplace conflict or health information. We go through such matters confidentially when we meet.",
        },
    },
}

PRIVACY_FI = """## Mitä tietoja käsittelemme ja miksi

### Varaukset

Kun varaat ajan, tallennamme nimesi, sähköpostiosoitteesi, puhelinnumerosi (jos annat sen), kielen, varatun palvelun, ajan ja tapaamismuodon, osallistujamäärän ja viestisi. Jos laskutus menee organisaatiolle, tallennamme myös organisaation nimen, Y-tunnuksen, verkkolaskuosoitteen ja välittäjän tai laskutusosoitteen sekä viitteenne. Varauksen muutokset (kuka muutti ja milloin) kirjataan. Käytämme tietoja varauksen vahvistamiseen, muistutuksiin, siirtoihin ja peruutuksiin sekä laskutukseen.

Istunnon jälkeen saatat saada lyhyen palautekyselyn. Vastaaminen on vapaaehtoista; vastauksia käytetään palvelun kehittämiseen.

### Pyyntölomakkeet

Kun organisaatio lähettää pyynnön (luento, ryhmän sointurentoutus, ryhmätyönohjaus tai sovittelu), tallennamme organisaation nimen ja Y-tunnuksen, yhteyshenkilön nimen ja roolin, sähköpostin ja puhelinnumeron, toivotut päivät, paikan, osallistujamäärän, laskutustiedot ja viestin. Käytämme tietoja pyyntöön vastaamiseen, tarjoukseen ja työn suunnitteluun.

### Työyhteisösovittelu

Sovittelua varten käsittelemme tilaajaorganisaation ja sen yhteyshenkilön tiedot, osapuolten nimet ja sähköpostiosoitteet, heidän suostumuksensa, luottamukselliset ennakkovastaukset, sovittelijan muistiinpanot, sopimuksen sitoumukset ja seurantavastaukset. Luottamukselliset tekstit salataan tietokannassa, ja niitä näkevät vain kirjoittaja itse ja sovittelija. Työnantajalle kerrotaan vain, syntyikö sopimus.

### Sointurentoutuksen terveysvakuutus

Avoimeen sointurentoutukseen paikkaa varatessasi vastaat lyhyeen terveyttä koskevaan kysymykseen, jotta rentoutus on sinulle turvallinen. Vastaukset ovat terveystietoja: niitä kysytään vain nimenomaisella suostumuksellasi, ne salataan tietokannassa ja poistetaan 30 päivän kuluttua tilaisuudesta.

### Viestiloki

Kaikki sivuston lähettämät sähköpostit kirjataan: vastaanottajan osoite, viestin tyyppi ja aihe, lähetysaika ja mahdollinen virhe. Lokin avulla varmistamme, että jokainen viesti lähtee kerran, ja selvitämme toimitusongelmia.

### Tekninen käsittely

Lomakkeiden väärinkäytön estämiseksi IP-osoitetta käsitellään tiivistettynä välimuistissa enintään tunnin ajan. Verkkopalvelin kirjaa tietoturvan vuoksi pyynnöt (aika, sivu, IP-osoite) lokiin. Emme käytä analytiikkaa, mainontaa emmekä seurantaa.

## Käsittelyn oikeusperusteet

- **Sopimus ja sopimusta edeltävät toimet** (EU:n tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta): varaukset, sovittelun toimeksianto, tarjoukset.
- **Oikeutettu etu** (6 artiklan 1 kohdan f alakohta): organisaatioiden yhteyshenkilöiden tiedot, palautekyselyt, viestiloki, tietoturva ja väärinkäytösten estäminen.
- **Suostumus** (6 artiklan 1 kohdan a alakohta): sovittelun osapuolten osallistuminen ja ennakkovastaukset. Suostumuksen voi perua milloin tahansa.
- **Nimenomainen suostumus** (9 artiklan 2 kohdan a alakohta): sointurentoutuksen terveystiedot.
- **Lakisääteinen velvoite** (6 artiklan 1 kohdan c alakohta): kirjanpitolain mukaiset laskutustiedot.

## Säilytysajat

- **Varaukset:** laskutetut varaukset kuusi vuotta sen vuoden lopusta, jona palvelu annettiin (kirjanpitolaki). Laskuttamattomat ja peruutetut varaukset sekä palautevastaukset poistetaan 24 kuukauden kuluttua.
- **Pyyntölomakkeet:** 24 kuukautta pyynnön vastaanottamisesta. Laskutukseen siirtyneet tiedot säilytetään kirjanpitolain mukaan.
- **Sovittelun luottamukselliset tekstit** (ennakkovastaukset, muistiinpanot, seurantavastaukset): poistetaan 12 kuukauden kuluttua sovittelun päättymisestä.
- **Sointurentoutuksen terveystiedot:** poistetaan 30 päivän kuluttua tilaisuudesta.
- **Viestiloki:** 24 kuukautta.
- **Henkilökohtaiset linkit** vanhenevat itsestään; tietokantaan tallennetaan vain linkin tiiviste, ei linkkiä itseään.
- **Palvelinlokit:** enintään 30 päivää.

## Vastaanottajat

Emme myy emmekä luovuta tietoja markkinointiin. Tietoja käsittelevät puolestamme vain palveluntarjoajat, joiden kanssa meillä on tietojenkäsittelysopimus: sivuston palvelinpalvelu, sähköpostin lähetyspalvelu sekä kirjanpito- ja verkkolaskupalvelu (vain laskutustiedot). Tiedot säilytetään EU:n tai ETA:n alueella. Jos jokin palveluntarjoaja käsittelisi tietoja sen ulkopuolella, siirto perustuu Euroopan komission vakiosopimuslausekkeisiin.

## Evästeet

Käytämme vain sivuston toiminnalle välttämättömiä evästeitä, joten niihin ei tarvita suostumusta:

- **csrftoken** suojaa lomakkeita väärennetyiltä lähetyksiltä. Se asetetaan sivuille, joilla on lomake, ja se on voimassa vuoden.
- **sessionid** pitää kirjautumisen tai kesken olevan varauksen voimassa. Se poistuu viimeistään kahdeksan tunnin käyttämättömyyden jälkeen.
- **messages** välittää lyhyen ilmoituksen seuraavalle sivulle, esimerkiksi vahvistuksen muutoksesta, ja poistuu, kun ilmoitus on näytetty.

Kieli näkyy sivun osoitteessa, joten kielivalintaa varten ei tarvita evästettä. Sivusto ei lataa mitään kolmansien osapuolten palveluista.

## Tietoturva

Sivusto käyttää salattua HTTPS-yhteyttä. Luottamukselliset tekstit ja terveystiedot salataan tietokannassa. Henkilökohtaisissa linkeissä on pitkä satunnainen tunniste, joka vanhenee. Hallintaan pääsevät vain ammatinharjoittajat, ja kirjautuminen on suojattu kaksivaiheisella tunnistautumisella.

## Oikeutesi

Sinulla on oikeus

- saada tietää, mitä tietoja sinusta käsittelemme, ja saada niistä kopio
- pyytää virheellisten tietojen korjaamista
- pyytää tietojesi poistamista tai käsittelyn rajoittamista
- vastustaa oikeutettuun etuun perustuvaa käsittelyä
- siirtää itse antamasi tiedot järjestelmästä toiseen
- perua antamasi suostumus milloin tahansa; peruminen ei vaikuta aiemman käsittelyn lainmukaisuuteen.

Lähetä pyyntösi osoitteeseen [[email]]. Vastaamme kuukauden kuluessa. Jos katsot, että tietojasi käsitellään lainvastaisesti, voit tehdä valituksen tietosuojavaltuutetun toimistolle ([tietosuoja.fi](https://tietosuoja.fi)).

Emme tee automaattisia päätöksiä emmekä profiloi."""

PRIVACY_SV = """## Vilka uppgifter vi behandlar och varför

### Bokningar

När du bokar en tid sparar vi ditt namn, din e-postadress, ditt telefonnummer (om du uppger det), språk, den bokade tjänsten, tid och mötesform, antal deltagare och ditt meddelande. Om fakturan går till en organisation sparar vi också organisationens namn, FO-nummer, e-fakturaadress och förmedlare eller faktureringsadress samt er referens. Ändringar i bokningen (vem som ändrade och när) registreras. Vi använder uppgifterna för att bekräfta bokningen, skicka påminnelser, flytta och avboka tider samt för faktureringen.

Efter en träff kan du få en kort responsenkät. Det är frivilligt att svara; svaren används för att utveckla tjänsten.

### Förfrågningsformulär

När en organisation skickar en förfrågan (föreläsning, klangavslappning för en grupp, grupphandledning eller medling) sparar vi organisationens namn och FO-nummer, kontaktpersonens namn och roll, e-post och telefonnummer, önskade datum, plats, antal deltagare, faktureringsuppgifter och meddelandet. Vi använder uppgifterna för att besvara förfrågan, göra en offert och planera arbetet.

### Arbetsplatsmedling

För medlingen behandlar vi uppgifter om den beställande organisationen och dess kontaktperson, parternas namn och e-postadresser, deras samtycke, konfidentiella förhandssvar, medlarens anteckningar, åtagandena i överenskommelsen och svaren vid uppföljningen. Konfidentiella texter krypteras i databasen och kan ses endast av skribenten själv och medlaren. Arbetsgivaren får endast veta om en överenskommelse nåddes.

### Hälsodeklaration vid klangavslappning

När du bokar en plats vid en öppen klangavslappning svarar du på en kort fråga om din hälsa, så att avslappningen är trygg för dig. Svaren är hälsouppgifter: de efterfrågas endast med ditt uttryckliga samtycke, krypteras i databasen och raderas 30 dagar efter tillfället.

### Meddelandelogg

Alla e-postmeddelanden som webbplatsen skickar registreras: mottagarens adress, typ av meddelande och ämne, tidpunkt för sändningen och ett eventuellt fel. Med hjälp av loggen säkerställer vi att varje meddelande skickas en gång och utreder leveransproblem.

### Teknisk behandling

För att förhindra missbruk av formulären behandlas IP-adressen i hashad form i cacheminnet i högst en timme. Webbservern loggar av säkerhetsskäl förfrågningar (tidpunkt, sida, IP-adress). Vi använder varken analysverktyg, reklam eller spårning.

## Rättslig grund för behandlingen

- **Avtal och åtgärder före ett avtal** (artikel 6.1 b i EU:s dataskyddsförordning): bokningar, medlingsuppdrag, offerter.
- **Berättigat intresse** (artikel 6.1 f): uppgifter om organisationers kontaktpersoner, responsenkäter, meddelandeloggen, informationssäkerhet och förhindrande av missbruk.
- **Samtycke** (artikel 6.1 a): medlingsparternas deltagande och förhandssvar. Samtycket kan återkallas när som helst.
- **Uttryckligt samtycke** (artikel 9.2 a): hälsouppgifter vid klangavslappning.
- **Rättslig förpliktelse** (artikel 6.1 c): faktureringsuppgifter enligt bokföringslagen.

## Lagringstider

- **Bokningar:** fakturerade bokningar i sex år från utgången av det år då tjänsten gavs (bokföringslagen). Bokningar som inte fakturerats, avbokade bokningar och responssvar raderas efter 24 månader.
- **Förfrågningsformulär:** 24 månader från att förfrågan togs emot. Uppgifter som gått vidare till faktureringen sparas enligt bokföringslagen.
- **Konfidentiella texter i medlingen** (förhandssvar, anteckningar, svar vid uppföljningen): raderas 12 månader efter att medlingen avslutats.
- **Hälsouppgifter vid klangavslappning:** raderas 30 dagar efter tillfället.
- **Meddelandeloggen:** 24 månader.
- **Personliga länkar** går ut av sig själva; i databasen sparas endast en hash av länken, inte själva länken.
- **Serverloggar:** högst 30 dagar.

## Mottagare

Vi säljer inte uppgifter och lämnar inte ut dem för marknadsföring. Uppgifterna behandlas för vår räkning endast av tjänsteleverantörer som vi har ett personuppgiftsbiträdesavtal med: webbhotellet, tjänsten som skickar e-post samt bokförings- och e-fakturatjänsten (endast faktureringsuppgifter). Uppgifterna förvaras inom EU eller EES. Om någon leverantör skulle behandla uppgifter utanför detta område grundar sig överföringen på Europeiska kommissionens standardavtalsklausuler.

## Kakor

Vi använder endast kakor som är nödvändiga för att webbplatsen ska fungera, och därför behövs inget samtycke:

- **csrftoken** skyddar formulären mot förfalskade inlämningar. Den sätts på sidor med ett formulär och gäller i ett år.
- **sessionid** håller en inloggning eller en pågående bokning vid liv. Den försvinner senast efter åtta timmars inaktivitet.
- **messages** för över ett kort meddelande till nästa sida, till exempel en bekräftelse av en ändring, och försvinner när meddelandet har visats.

Språket syns i sidans adress, så ingen kaka behövs för språkvalet. Webbplatsen laddar ingenting från tredje parters tjänster.

## Informationssäkerhet

Webbplatsen använder en krypterad HTTPS-förbindelse. Konfidentiella texter och hälsouppgifter krypteras i databasen. Personliga länkar har en lång slumpmässig kod som går ut. Endast yrkesutövarna har tillgång till administrationen, och inloggningen är skyddad med tvåstegsverifiering.

## Dina rättigheter

Du har rätt att

- få veta vilka uppgifter vi behandlar om dig och få en kopia av dem
- begära att felaktiga uppgifter rättas
- begära att dina uppgifter raderas eller att behandlingen begränsas
- invända mot behandling som grundar sig på berättigat intresse
- överföra de uppgifter du själv lämnat från ett system till ett annat
- när som helst återkalla ditt samtycke; återkallelsen påverkar inte lagligheten i den tidigare behandlingen.

Skicka din begäran till [[email]]. Vi svarar inom en månad. Om du anser att dina uppgifter behandlas i strid med lagen kan du lämna in ett klagomål till dataombudsmannens byrå ([tietosuoja.fi/sv](https://tietosuoja.fi/sv)).

Vi fattar inga automatiserade beslut och gör ingen profilering."""

PRIVACY_EN = """## What data we process and why

### Bookings

When you book a time, we store your name, email address, phone number (if you give one), language, the service booked, the time and form of meeting, the number of participants and your message. If the invoice goes to an organisation, we also store the organisation's name, business ID, e-invoice address and operator or invoicing address, and your reference. Changes to the booking (who changed it and when) are recorded. We use the data to confirm the booking, send reminders, reschedule and cancel, and invoice.

After a session you may receive a short feedback survey. Answering is voluntary; the answers are used to improve the service.

### Request forms

When an organisation sends a request (a talk, a group sound relaxation, group supervision or a mediation), we store the organisation's name and business ID, the contact person's name and role, email and phone number, the preferred dates, the place, the number of participants, the invoicing details and the message. We use the data to answer the request, to make an offer and to plan the work.

### Workplace mediation

For a mediation we process the details of the commissioning organisation and its contact person, the names and email addresses of the parties, their consent, their confidential answers before the sessions, the mediator's notes, the commitments of the agreement and the answers at follow-up. Confidential texts are encrypted in the database and can be seen only by their author and the mediator. The employer is told only whether an agreement was reached.

### Health self-declaration for sound relaxation

When you book a seat at an open sound relaxation, you answer a short question about your health so that the relaxation is safe for you. The answers are health data: they are asked only with your explicit consent, encrypted in the database and deleted 30 days after the event.

### Message log

Every email the site sends is logged: the recipient's address, the kind and subject of the message, the time it was sent and any error. The log lets us make sure every message is sent once and look into delivery problems.

### Technical processing

To prevent misuse of the forms, the IP address is processed in hashed form in a cache for at most one hour. For security the web server logs requests (time, page, IP address). We use no analytics, advertising or tracking.

## Legal bases

- **Contract and steps before a contract** (Article 6(1)(b) of the EU General Data Protection Regulation): bookings, mediation commissions, offers.
- **Legitimate interest** (Article 6(1)(f)): details of organisations' contact persons, feedback surveys, the message log, security and the prevention of misuse.
- **Consent** (Article 6(1)(a)): the participation of mediation parties and their answers before the sessions. Consent can be withdrawn at any time.
- **Explicit consent** (Article 9(2)(a)): health data for sound relaxation.
- **Legal obligation** (Article 6(1)(c)): invoicing records under the Finnish Accounting Act.

## How long we keep data

- **Bookings:** invoiced bookings for six years from the end of the year in which the service was given (Accounting Act). Bookings not invoiced, cancelled bookings and feedback answers are deleted after 24 months.
- **Request forms:** 24 months from receipt of the request. Details that became part of an invoice are kept as the Accounting Act requires.
- **Confidential texts of a mediation** (answers before the sessions, notes, follow-up answers): deleted 12 months after the mediation has closed.
- **Health data for sound relaxation:** deleted 30 days after the event.
- **Message log:** 24 months.
- **Personal links** expire by themselves; the database stores only a hash of a link, never the link itself.
- **Server logs:** at most 30 days.

## Recipients

We do not sell data or hand it over for marketing. Data is processed on our behalf only by service providers with whom we have a data processing agreement: the hosting of the site, the email delivery service, and the accounting and e-invoicing service (invoicing details only). The data is kept within the EU or EEA. Should a provider process data outside it, the transfer is based on the European Commission's standard contractual clauses.

## Cookies

We use only cookies that are necessary for the site to work, so no consent is needed:

- **csrftoken** protects the forms against forged submissions. It is set on pages with a form and lasts one year.
- **sessionid** keeps a sign-in or a booking in progress alive. It expires at the latest after eight hours without use.
- **messages** carries a short notice to the next page, such as the confirmation of a change, and is removed once the notice has been shown.

The language is part of the page's address, so no cookie is needed for it. The site loads nothing from third-party services.

## Security

The site uses an encrypted HTTPS connection. Confidential texts and health data are encrypted in the database. Personal links carry a long random code that expires. Only the practitioners have access to the administration, and signing in is protected by two-step verification.

## Your rights

You have the right to

- know what data we process about you and get a copy of it
- have inaccurate data corrected
- have your data erased or its processing restricted
- object to processing based on legitimate interest
- move the data you gave us from one system to another
- withdraw your consent at any time; withdrawal does not affect the lawfulness of earlier processing.

Send your request to [[email]]. We reply within one month. If you believe your data is processed unlawfully, you can lodge a complaint with the Office of the Data Protection Ombudsman ([tietosuoja.fi/en](https://tietosuoja.fi/en)).

We make no automated decisions and do no profiling."""

ACCESSIBILITY_FI = """Tämä saavutettavuusseloste koskee sivustoa [[practice]] (julkiset sivut, varaus ja lomakkeet). Haluamme, että jokainen voi käyttää sivustoa, ja olemme tehneet sen Web Content Accessibility Guidelines (WCAG) 2.1 -ohjeistuksen AA-tason mukaiseksi.

## Saavutettavuuden tila

Sivusto täyttää WCAG 2.1 -tason A ja AA vaatimukset lukuun ottamatta alla kerrottuja puutteita.

- Sivut toimivat ilman JavaScriptiä ja näppäimistöllä.
- Sivuilla on ohituslinkki, selkeät otsikot ja maamerkit, ja näppäimistön kohdistus näkyy.
- Lomakkeiden virheet kerrotaan kentän vieressä ja koottuna lomakkeen alussa, eikä mitään kirjoitettua menetetä.
- Sisältö on suomeksi, ruotsiksi ja englanniksi.

## Tunnetut puutteet

- Jos jostakin tekstistä puuttuu ruotsin- tai englanninkielinen käännös, sivulla näytetään suomenkielinen teksti, jota ei ole merkitty suomenkieliseksi (WCAG 3.1.2). Korjaamme puuttuvat käännökset sitä mukaa kuin niitä havaitaan.
- Päivämääräkentissä käytetään selaimen omaa päivämäärävalitsinta, jonka saavutettavuus vaihtelee selaimittain. Päivämäärän voi aina kirjoittaa myös muodossa 24.11.2026.
- Sähköpostiviestien liitteenä lähetettävät kalenteritiedostot (.ics) avautuvat käyttäjän omassa kalenterissa, emmekä voi vaikuttaa sen saavutettavuuteen.

## Miten olemme arvioineet saavutettavuuden

Seloste perustuu omaan arvioomme. Jokainen sivu tarkistetaan kaikilla kolmella kielellä automaattisilla testeillä (axe-core) aina, kun sivustoa muutetaan, ja sivuja on testattu näppäimistöllä, ilman JavaScriptiä sekä kapealla ja leveällä näytöllä.

## Palaute

Huomasitko saavutettavuuspuutteen? Kerro siitä meille, niin korjaamme sen. Voit myös pyytää tietoa, joka ei ole saavutettavassa muodossa.

- Sähköposti: [[email]]
- Puhelin: [[phone]]

Vastaamme 14 päivän kuluessa.

## Valvontaviranomainen

Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon aikana, voit tehdä ilmoituksen Etelä-Suomen aluehallintovirastoon. Etelä-Suomen aluehallintoviraston sivulla kerrotaan tarkasti, miten ilmoituksen voi tehdä ja miten asia käsitellään.

**Valvontaviranomaisen yhteystiedot:**
Etelä-Suomen aluehallintovirasto
Saavutettavuuden valvonnan yksikkö
[www.saavutettavuusvaatimukset.fi](https://www.saavutettavuusvaatimukset.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
puhelinvaihde 0295 016 000"""

ACCESSIBILITY_SV = """Detta tillgänglighetsutlåtande gäller webbplatsen [[practice]] (de offentliga sidorna, bokningen och formulären). Vi vill att alla ska kunna använda webbplatsen, och vi har byggt den enligt nivå AA i riktlinjerna Web Content Accessibility Guidelines (WCAG) 2.1.

## Tillgänglighetsstatus

Webbplatsen uppfyller kraven på nivå A och AA i WCAG 2.1, med undantag för de brister som beskrivs nedan.

- Sidorna fungerar utan JavaScript och med tangentbord.
- Sidorna har en överhoppningslänk, tydliga rubriker och landmärken, och tangentbordsfokus syns.
- Fel i formulär visas intill fältet och sammanfattade i början av formuläret, och inget av det du skrivit går förlorat.
- Innehållet finns på finska, svenska och engelska.

## Kända brister

- Om en text saknar svensk eller engelsk översättning visas den finska texten, som inte är märkt som finskspråkig (WCAG 3.1.2). Vi åtgärdar saknade översättningar allteftersom de upptäcks.
- Datumfälten använder webbläsarens egen datumväljare, vars tillgänglighet varierar mellan webbläsare. Datumet kan alltid också skrivas in i formen 24.11.2026.
- Kalenderfiler (.ics) som skickas som bilagor till e-post öppnas i användarens egen kalender, och vi kan inte påverka dess tillgänglighet.

## Hur vi har bedömt tillgängligheten

Utlåtandet grundar sig på vår egen bedömning. Varje sida kontrolleras på alla tre språken med automatiska tester (axe-core) varje gång webbplatsen ändras, och sidorna har testats med tangentbord, utan JavaScript samt på smal och bred skärm.

## Respons

Har du upptäckt en tillgänglighetsbrist? Berätta för oss så åtgärdar vi den. Du kan också be om information som inte finns i tillgänglig form.

- E-post: [[email]]
- Telefon: [[phone]]

Vi svarar inom 14 dagar.

## Tillsynsmyndighet

Om du upptäcker problem med tillgängligheten på webbplatsen, ge först respons till oss. Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en anmälan till Regionförvaltningsverket i Södra Finland. På regionförvaltningsverkets webbplats finns information om hur du gör en anmälan och hur ärendet behandlas.

**Tillsynsmyndighetens kontaktuppgifter:**
Regionförvaltningsverket i Södra Finland (Etelä-Suomen aluehallintovirasto)
Enheten för tillsyn över tillgängligheten
[www.tillganglighetskrav.fi](https://www.tillganglighetskrav.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
telefonväxel 0295 016 000"""

ACCESSIBILITY_EN = """This accessibility statement applies to the [[practice]] website (the public pages, booking and the forms). We want everyone to be able to use the site, and we have built it to level AA of the Web Content Accessibility Guidelines (WCAG) 2.1.

## Compliance status

The site meets the level A and AA requirements of WCAG 2.1, except for the shortcomings described below.

- The pages work without JavaScript and with a keyboard.
- The pages have a skip link, clear headings and landmarks, and the keyboard focus is visible.
- Form errors are shown next to the field and summarised at the top of the form, and nothing you typed is lost.
- The content is available in Finnish, Swedish and English.

## Known shortcomings

- If a text lacks its Swedish or English translation, the Finnish text is shown without being marked as Finnish (WCAG 3.1.2). We add missing translations as soon as we notice them.
- The date fields use the browser's own date picker, whose accessibility varies between browsers. A date can always also be typed in the form 24.11.2026.
- Calendar files (.ics) attached to emails open in the user's own calendar, whose accessibility we cannot influence.

## How we assessed accessibility

This statement is based on our own assessment. Every page is checked in all three languages with automated tests (axe-core) whenever the site changes, and the pages have been tested with a keyboard, without JavaScript, and on narrow and wide screens.

## Feedback

Have you noticed an accessibility problem? Tell us and we will fix it. You can also ask for information that is not available in an accessible form.

- Email: [[email]]
- Phone: [[phone]]

We reply within 14 days.

## Enforcement authority

If you notice accessibility problems on the site, first give feedback to us. If you are not satisfied with our reply, or you receive no reply within two weeks, you can notify the Regional State Administrative Agency for Southern Finland (Etelä-Suomen aluehallintovirasto). Its website explains in detail how to make a notification and how the matter is handled.

**Contact details of the enforcement authority:**
Regional State Administrative Agency for Southern Finland
Accessibility Monitoring Unit
[www.webaccessibility.fi](https://www.webaccessibility.fi)
[saavutettavuus@avi.fi](mailto:saavutettavuus@avi.fi)
switchboard +358 295 016 000"""

PAGES["privacy"] = {
    "title": {"fi": "Tietosuojaseloste", "sv": "Dataskyddsbeskrivning", "en": "Privacy policy"},
    "meta_description": {
        "fi": "Mitä henkilötietoja sivusto käsittelee, miksi ja kuinka kauan, kenelle tietoja luovutetaan, mitä evästeitä käytämme ja mitkä ovat oikeutesi.",
        "sv": "Vilka personuppgifter webbplatsen behandlar, varför och hur länge, vem som får uppgifterna, vilka kakor vi använder och vilka dina rättigheter är.",
        "en": "What personal data the site processes, why and for how long, who receives it, which cookies we use and what your rights are.",
    },
    "summary": {"fi": "", "sv": "", "en": ""},
    "lead": {
        "fi": "Tässä selosteessa kerromme, miten käsittelemme henkilötietojasi, kun varaat ajan, lähetät pyynnön tai osallistut sovitteluun. Seloste perustuu EU:n yleiseen tietosuoja-asetukseen.",
        "sv": "I den här beskrivningen berättar vi hur vi behandlar dina personuppgifter när du bokar en tid, skickar en förfrågan eller deltar i en medling. Beskrivningen grundar sig på EU:s allmänna dataskyddsförordning.",
        "en": "This policy explains how we process your personal data when you book a time, send a request or take part in a mediation. It is based on the EU General Data Protection Regulation.",
    },
    "body": {"fi": PRIVACY_FI, "sv": PRIVACY_SV, "en": PRIVACY_EN},
}
PAGES["accessibility"] = {
    "title": {"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande", "en": "Accessibility statement"},
    "meta_description": {
        "fi": "Sivuston saavutettavuuden tila, tunnetut puutteet, palautekanava ja valvontaviranomainen.",
        "sv": "Webbplatsens tillgänglighetsstatus, kända brister, kanal för respons och tillsynsmyndighet.",
        "en": "The site's accessibility status, known shortcomings, how to give feedback and the enforcement authority.",
    },
    "summary": {"fi": "", "sv": "", "en": ""},
    "lead": {
        "fi": "Sivuston tulee olla kaikkien käytettävissä. Tässä kerromme, miten sivusto täyttää saavutettavuusvaatimukset ja miten voit antaa palautetta.",
        "sv": "Webbplatsen ska kunna användas av alla. Här berättar vi hur webbplatsen uppfyller tillgänglighetskraven och hur du kan ge respons.",
        "en": "The site should be usable by everyone. Here we explain how the site meets the accessibility requirements and how you can give feedback.",
    },
    "body": {"fi": ACCESSIBILITY_FI, "sv": ACCESSIBILITY_SV, "en": ACCESSIBILITY_EN},
}


def item(title_fi, title_sv, title_en, text_fi="", text_sv="", text_en=""):
    return {"title": {"fi": title_fi, "sv": title_sv, "en": title_en}, "text": {"fi": text_fi, "sv": text_sv, "en": text_en}}


ITEMS = {
    ("supervision", "audience"): [
        item(
            "Sosiaalityöntekijät", "Socialarbetare", "Social workers",
            "Työskentelevät sosiaalihuollossa ja tarvitsevat tukea asiakastyöhön liittyvissä tilanteissa.",
            "Arbetar inom socialvården och behöver stöd i situationer som gäller klientarbetet.",
            "Work in social services and need support in situations that arise in client work.",
        ),
        item(
            "Terapeutit ja psykologit", "Terapeuter och psykologer", "Therapists and psychologists",
            "Tarvitsevat tukea asiakastyössä, esimerkiksi vaikeiden tapausten käsittelyssä tai omien tunteiden hallinnassa.",
            "Behöver stöd i klientarbetet, till exempel för att bearbeta svåra fall eller hantera egna känslor.",
            "Need support in client work, for example in working through difficult cases or in managing their own emotions.",
        ),
        item(
            "Opettajat", "Lärare", "Teachers",
            "Työnohjaus voi auttaa opettajia opetustyön haasteiden ja oppilaiden kanssa työskentelyn kysymysten kanssa.",
            "Handledningen kan hjälpa lärare med utmaningarna i undervisningen och med frågor som gäller arbetet med eleverna.",
            "Supervision can help teachers with the challenges of teaching and with questions that arise in working with pupils.",
        ),
        item(
            "Johtajat ja esihenkilöt", "Ledare och chefer", "Leaders and managers",
            "Voivat hyötyä työnohjauksesta johtamisroolissaan, esimerkiksi tiimin johtamiseen ja konfliktien ratkaisuun liittyvissä tilanteissa.",
            "Kan ha nytta av handledning i sin ledarroll, till exempel i situationer som gäller att leda ett team och att lösa konflikter.",
            "Can benefit from supervision in their leadership role, for example in leading a team and in resolving conflicts.",
        ),
        item(
            "Lääkärit ja hoitohenkilökunta", "Läkare och vårdpersonal", "Doctors and nursing staff",
            "Tarvitsevat tukea esimerkiksi vaikeiden diagnoosien käsittelyssä tai potilaiden kohtaamisessa.",
            "Behöver stöd till exempel för att bearbeta svåra diagnoser eller i mötet med patienter.",
            "Need support, for example, in dealing with difficult diagnoses or in encounters with patients.",
        ),
    ],
    ("supervision", "process"): [
        item(
            "Työnohjaussopimus", "Handledningsavtal", "The supervision agreement",
            "Aluksi sovitaan tavoitteista, osallistujista, tapaamisten määrästä ja tiheydestä, hinnasta ja peruutusehdoista. Organisaation tilaamassa työnohjauksessa sopimuksen vahvistaa maksaja.",
            "Först kommer vi överens om mål, deltagare, antalet träffar och hur ofta de hålls, pris och avbokningsvillkor. När en organisation beställer handledningen bekräftar betalaren avtalet.",
            "First we agree on the goals, the participants, the number and frequency of sessions, the price and the cancellation terms. When an organisation commissions the supervision, the payer confirms the agreement.",
        ),
        item(
            "Tapaamiset", "Träffarna", "The sessions",
            "Tapaamme sovitusti, tavallisesti 3–4 viikon välein. Yksilötapaaminen kestää 60 minuuttia ja ryhmän tapaaminen 90 minuuttia. Keskustelut ovat luottamuksellisia.",
            "Vi träffas enligt överenskommelse, vanligen med 3–4 veckors mellanrum. En individuell träff varar 60 minuter och en gruppträff 90 minuter. Samtalen är konfidentiella.",
            "We meet as agreed, usually every 3–4 weeks. An individual session lasts 60 minutes and a group session 90 minutes. The conversations are confidential.",
        ),
        item(
            "Arvioinnit", "Utvärderingar", "Evaluations",
            "Prosessin puolivälissä ja lopussa arvioimme yhdessä, miten tavoitteet ovat toteutuneet ja mihin suuntaan työskentelyä kannattaa viedä.",
            "Halvvägs och i slutet av processen utvärderar vi tillsammans hur målen har uppnåtts och åt vilket håll det lönar sig att föra arbetet.",
            "Halfway through and at the end of the process we evaluate together how the goals have been met and in which direction to take the work.",
        ),
    ],
    ("mediation", "benefit"): [
        item(
            "Kun kahden tai useamman työntekijän välinen ristiriita on pitkittynyt ja vaikuttaa työhön.",
            "När en konflikt mellan två eller flera anställda har dragit ut på tiden och påverkar arbetet.",
            "When a conflict between two or more employees has dragged on and affects the work.",
        ),
        item(
            "Kun ilmapiiri on kiristynyt eivätkä tavalliset keskustelut enää auta.",
            "När stämningen har blivit spänd och vanliga samtal inte längre hjälper.",
            "When the atmosphere has become tense and ordinary conversations no longer help.",
        ),
        item(
            "Kun työyhteisö haluaa ratkaista tilanteen itse, ennen kuin se kärjistyy.",
            "När arbetsgemenskapen vill lösa situationen själv innan den tillspetsas.",
            "When the working community wants to resolve the situation itself before it escalates.",
        ),
        item(
            "Kun muutos, kuten uudelleenjärjestely, on jättänyt jälkeensä erimielisyyksiä.",
            "När en förändring, till exempel en omorganisation, har lämnat meningsskiljaktigheter efter sig.",
            "When a change, such as a reorganisation, has left disagreements behind.",
        ),
    ],
    ("mediation", "stage"): [
        item(
            "Valmistelu", "Förberedelse", "Preparation",
            "- **Sovittelijan valinta:** riippuen organisaatiosta ulkopuolinen sovittelija tai koulutettu henkilöstön jäsen voi toimia sovittelijana.\n- **Osapuolten kutsu:** konfliktin osapuolet kutsutaan osallistumaan sovitteluun.",
            "- **Val av medlare:** beroende på organisationen kan en utomstående medlare eller en utbildad person ur personalen fungera som medlare.\n- **Inbjudan till parterna:** konfliktens parter bjuds in att delta i medlingen.",
            "- **Choosing the mediator:** depending on the organisation, an external mediator or a trained member of staff can act as mediator.\n- **Inviting the parties:** the parties to the conflict are invited to take part in the mediation.",
        ),
        item(
            "Aloitusistunto", "Inledande möte", "Opening session",
            "- **Sovittelijan esittely:** sovittelija esittelee itsensä ja selittää sovitteluprosessin kulun.\n- **Osapuolten esittely:** osapuolet kertovat omista näkemyksistään ja tunteistaan konfliktiin liittyen.",
            "- **Medlaren presenterar sig:** medlaren presenterar sig och förklarar hur medlingsprocessen går till.\n- **Parterna presenterar sig:** parterna berättar om sina synsätt och känslor i anslutning till konflikten.",
            "- **The mediator's introduction:** the mediator introduces themselves and explains how the mediation will proceed.\n- **The parties' introductions:** the parties describe their views of the conflict and their feelings about it.",
        ),
        item(
            "Ongelman määrittely", "Problemdefinition", "Defining the problem",
            "- **Osapuolten näkemykset:** osapuolet kertovat omat näkemyksensä konfliktin syistä ja vaikutuksista.\n- **Yhteinen ongelman määrittely:** sovittelija auttaa osapuolia ymmärtämään konfliktin taustat ja yhteiset tavoitteet.",
            "- **Parternas synsätt:** parterna berättar hur de ser på konfliktens orsaker och följder.\n- **Gemensam problemdefinition:** medlaren hjälper parterna att förstå konfliktens bakgrund och de gemensamma målen.",
            "- **The parties' views:** the parties give their own views of the causes and effects of the conflict.\n- **A shared definition of the problem:** the mediator helps the parties understand the background of the conflict and their common goals.",
        ),
        item(
            "Keskustelu ja vuorovaikutus", "Diskussion och växelverkan", "Discussion and interaction",
            "- **Rakentava keskustelu:** osapuolet ilmaisevat tunteitaan ja näkemyksiään, ja sovittelija ohjaa keskustelua kohti rakentavaa ratkaisua.\n- **Empatia:** osapuolet pyrkivät ymmärtämään toistensa näkökulmia ja tunteita.",
            "- **Konstruktiv diskussion:** parterna uttrycker sina känslor och synsätt, och medlaren styr diskussionen mot en konstruktiv lösning.\n- **Empati:** parterna strävar efter att förstå varandras perspektiv och känslor.",
            "- **Constructive discussion:** the parties express their feelings and views, and the mediator steers the discussion towards a constructive solution.\n- **Empathy:** the parties try to understand each other's perspectives and feelings.",
        ),
        item(
            "Ratkaisujen etsiminen", "Sökande efter lösningar", "Finding solutions",
            "- **Ideointi:** osapuolet ja sovittelija etsivät yhdessä ratkaisuja, jotka voivat tyydyttää molempia osapuolia.\n- **Sopimuksen tekeminen:** kun ratkaisu löytyy, osapuolet sopivat yhteisesti sitoutuvansa siihen.",
            "- **Idéer:** parterna och medlaren söker tillsammans lösningar som kan tillfredsställa båda parterna.\n- **Överenskommelse:** när en lösning hittas kommer parterna gemensamt överens om att förbinda sig till den.",
            "- **Brainstorming:** the parties and the mediator look together for solutions that can satisfy both sides.\n- **Reaching an agreement:** when a solution is found, the parties agree together to commit to it.",
        ),
        item(
            "Seuranta", "Uppföljning", "Follow-up",
            "- **Sovitun toteutus:** osapuolet ja tarvittaessa sovittelija seuraavat, että sovittuun ratkaisuun sitoudutaan ja se toteutetaan.",
            "- **Det överenskomna genomförs:** parterna och vid behov medlaren följer upp att man håller fast vid den överenskomna lösningen och att den genomförs.",
            "- **Carrying out the agreement:** the parties, and the mediator where needed, follow up that the agreed solution is kept and carried out.",
        ),
    ],
    ("mediation", "process"): [
        item(
            "Lähetä pyyntö", "Skicka en förfrågan", "Send a request",
            "Kerro lomakkeella, kuka sovittelun tilaa, kuinka monta ihmistä tilanne koskee ja milloin voisimme tavata. Älä kuvaa ristiriitaa lomakkeessa.",
            "Berätta i formuläret vem som beställer medlingen, hur många personer situationen gäller och när vi kunde träffas. Beskriv inte konflikten i formuläret.",
            "Tell us in the form who commissions the mediation, how many people the situation concerns and when we could meet. Do not describe the conflict in the form.",
        ),
        item(
            "Alkukeskustelu", "Inledande samtal", "A first conversation",
            "Käymme työnantajan edustajan kanssa läpi tilanteen yleisellä tasolla ja sen, sopiiko sovittelu siihen.",
            "Tillsammans med arbetsgivarens representant går vi igenom situationen på ett allmänt plan och om medling passar för den.",
            "With the employer's representative we go through the situation in general terms and whether mediation suits it.",
        ),
        item(
            "Toimeksiantosopimus", "Uppdragsavtal", "The commissioning agreement",
            "Sovimme kirjallisesti sovittelun laajuudesta, aikataulusta ja hinnasta sekä siitä, mitä työnantajalle kerrotaan: vain se, syntyikö sopimus.",
            "Vi kommer skriftligen överens om medlingens omfattning, tidtabell och pris och om vad som berättas för arbetsgivaren: endast om en överenskommelse nåddes.",
            "We agree in writing on the scope, schedule and price of the mediation, and on what the employer is told: only whether an agreement was reached.",
        ),
        item(
            "Infotilaisuus ja erilliset tapaamiset", "Infotillfälle och separata möten", "Information session and separate meetings",
            "Osapuolet saavat henkilökohtaisen linkin, jonka kautta he antavat suostumuksensa ja vastaavat luottamuksellisiin ennakkokysymyksiin. Tapaan jokaisen osapuolen ensin erikseen.",
            "Parterna får en personlig länk där de ger sitt samtycke och svarar på konfidentiella förhandsfrågor. Jag träffar först varje part separat.",
            "The parties receive a personal link where they give their consent and answer confidential questions in advance. I first meet each party separately.",
        ),
        item(
            "Yhteinen istunto ja seuranta", "Gemensam session och uppföljning", "Joint session and follow-up",
            "Yhteinen sovitteluistunto kestää usein 4–8 tuntia ja päättyy kirjalliseen sopimukseen. Seurantatapaaminen pidetään 2–3 kuukauden kuluttua.",
            "Den gemensamma medlingssessionen varar ofta 4–8 timmar och avslutas med en skriftlig överenskommelse. Ett uppföljningsmöte hålls efter 2–3 månader.",
            "The joint mediation session often lasts 4–8 hours and ends in a written agreement. A follow-up meeting is held after 2–3 months.",
        ),
    ],
    ("talks", "topic"): [
        item(
            "Luottamus ihmisten välillä – kuinka sitä rakennetaan", "Förtroende mellan människor – hur det byggs", "Trust between people – how it is built",
            "Mistä luottamus syntyy, ja miksi se on yhteistyön perusta? Puheenvuoro käsittelee luottamuksen rakennusaineita arjen teoissa, sitä, miten luottamus särkyy ja miten sen voi korjata, sekä sitä, mitä jokainen voi tehdä luottamuksen vahvistamiseksi omassa työyhteisössään.",
            "Var uppstår förtroende, och varför är det grunden för samarbete? Anförandet handlar om förtroendets byggstenar i vardagens handlingar, om hur förtroende går sönder och hur det kan lagas, och om vad var och en kan göra för att stärka förtroendet i sin egen arbetsgemenskap.",
            "Where does trust come from, and why is it the foundation of cooperation? The talk looks at the building blocks of trust in everyday actions, at how trust breaks and how it can be repaired, and at what each of us can do to strengthen trust in our own working community.",
        ),
        item(
            "Muutoksen ABC – työkaluja onnistuneeseen muutokseen", "Förändringens ABC – verktyg för en lyckad förändring", "The ABC of change – tools for successful change",
            "Muutos herättää aina tunteita. Puheenvuorossa tarkastellaan, miten ihmiset kohtaavat muutoksen, mikä auttaa sitoutumaan ja miten muutosta viedään eteenpäin niin, että ihmiset pysyvät mukana. Mukaan saat käytännön työkaluja muutoksen suunnitteluun ja puheeksi ottamiseen.",
            "En förändring väcker alltid känslor. I anförandet granskar vi hur människor möter förändring, vad som hjälper dem att engagera sig och hur en förändring kan drivas framåt så att alla hänger med. Du får med dig praktiska verktyg för att planera förändringen och ta upp den till diskussion.",
            "Change always stirs up feelings. The talk examines how people meet change, what helps them commit to it and how to take change forward so that people stay on board. You leave with practical tools for planning change and for raising it for discussion.",
        ),
        item(
            "Itsetuntemus ja omien arvojen tiedostaminen", "Självkännedom och insikt om de egna värderingarna", "Self-knowledge and awareness of your own values",
            "Kun tunnistaa omat arvonsa ja toimintatapansa, on helpompi tehdä valintoja ja asettaa rajoja myös työssä. Puheenvuoro herättelee pohtimaan, mikä itselle on tärkeää, miten arvot näkyvät työssä ja mitä tapahtuu, kun ne joutuvat ristiriitaan.",
            "Den som känner igen sina värderingar och sitt sätt att agera har lättare att göra val och dra gränser, också i arbetet. Anförandet väcker tankar om vad som är viktigt för en själv, hur värderingarna syns i arbetet och vad som händer när de hamnar i konflikt.",
            "When you recognise your values and your ways of acting, it is easier to make choices and set boundaries, at work too. The talk invites you to consider what matters to you, how your values show in your work and what happens when they come into conflict.",
        ),
        item(
            "Mentaalivalmennuksen perusteet", "Grunderna i mental träning", "The basics of mental coaching",
            "Mentaalivalmennus on urheilusta tuttu tapa vahvistaa keskittymistä, palautumista ja paineensietoa. Puheenvuoro esittelee perusteet ja yksinkertaisia harjoituksia, joita voi käyttää työssä heti seuraavana päivänä.",
            "Mental träning är ett sätt att stärka koncentration, återhämtning och stresstålighet som är bekant från idrotten. Anförandet presenterar grunderna och enkla övningar som kan användas i arbetet redan nästa dag.",
            "Mental coaching is a way, familiar from sport, to strengthen concentration, recovery and resilience under pressure. The talk presents the basics and simple exercises you can use at work from the very next day.",
        ),
    ],
    ("talks", "occasion"): [
        item("Kehittämis- tai strategiapäivä", "Utvecklings- eller strategidag", "A development or strategy day"),
        item("Työpajan tai koulutuksen aloitus", "Inledningen av en workshop eller utbildning", "The opening of a workshop or training"),
        item("TYHY- tai TYKY-päivä", "Rekreations- eller friskvårdsdag (TYHY/TYKY)", "A staff wellbeing day (TYHY/TYKY)"),
        item("Henkilöstöinfo tai kick-off", "Personalinfo eller kick-off", "A staff briefing or kick-off"),
        item("Esihenkilöiden tai johtoryhmän tapaaminen", "Möte för chefer eller ledningsgruppen", "A meeting of managers or the management team"),
    ],
    ("sound_relaxation", "structure"): [
        item(
            "Alustus", "Inledning", "Introduction",
            "Kerron, mitä rentoutuksessa tapahtuu, ja jokainen asettuu mukavaan asentoon istumaan tai makaamaan.",
            "Jag berättar vad som händer under avslappningen, och var och en sätter sig eller lägger sig bekvämt.",
            "I explain what happens during the relaxation, and everyone settles into a comfortable position, sitting or lying down.",
        ),
        item(
            "Rentoutus", "Avslappning", "Relaxation",
            "Äänimaljojen, gongien ja muiden instrumenttien soinnit ohjaavat kehoa ja mieltä syvään rentoutumiseen.",
            "Klangerna från klangskålar, gonger och andra instrument leder kropp och sinne till djup avslappning.",
            "The sounds of singing bowls, gongs and other instruments guide body and mind into deep relaxation.",
        ),
        item(
            "Palautuminen", "Återhämtning", "Recovery",
            "Palaamme rauhassa tähän hetkeen. Lopuksi on hetki aikaa jakaa kokemuksia, jos haluaa.",
            "Vi återvänder i lugn och ro till nuet. Till sist finns en stund för att dela erfarenheter, om man vill.",
            "We return calmly to the present moment. At the end there is time to share experiences, if you wish.",
        ),
    ],
    ("sound_relaxation", "occasion"): [
        item("TYHY- ja TYKY-päivät", "Rekreations- och friskvårdsdagar (TYHY/TYKY)", "Staff wellbeing days (TYHY/TYKY)"),
        item("Kehittämis- ja koulutuspäivät, työpajat", "Utvecklings- och utbildningsdagar, workshoppar", "Development and training days, workshops"),
        item("Kick-offit ja tiimipäivät", "Kick-offer och teamdagar", "Kick-offs and team days"),
        item("Polttarit, vauvakutsut ja valmistujaiset", "Möhippor och svensexor, babyshower och examensfester", "Hen and stag parties, baby showers and graduation parties"),
        item("Harrasteryhmät, ystäväporukat, pariskunnat ja perheet", "Hobbygrupper, vängäng, par och familjer", "Hobby groups, groups of friends, couples and families"),
        item("Lahjaksi", "Som gåva", "As a gift"),
        item("Myös synnytykseen ja saattohoitoon, erikseen sopien", "Också vid förlossning och i vård i livets slutskede, enligt särskild överenskommelse", "Also during childbirth and in end-of-life care, by separate arrangement"),
    ],
    ("sound_relaxation", "preparation"): [
        item("Osallistujien määrä ja tila: mahtuuko jokainen istumaan tai makaamaan väljästi.", "Antalet deltagare och utrymmet: ryms alla att sitta eller ligga bekvämt.", "The number of participants and the space: whether everyone fits comfortably, sitting or lying down."),
        item("Onko paikalla alustoja, tyynyjä ja peittoja, vai tuodaanko ne mukana.", "Finns det underlag, kuddar och filtar på plats, eller ska de tas med.", "Whether mats, cushions and blankets are available on site or need to be brought."),
        item("Tilan esteettömyys, pysäköinti ja päivän aikataulu ennen rentoutusta ja sen jälkeen.", "Utrymmets tillgänglighet, parkering och dagens tidtabell före och efter avslappningen.", "Accessibility of the space, parking, and the day's schedule before and after the relaxation."),
        item(
            "Muistuta osallistujia kertomaan itse ennen rentoutusta, jos heillä on esimerkiksi epilepsia tai raskaus. Älä lähetä terveystietoja lomakkeella.",
            "Påminn deltagarna om att själva berätta före avslappningen om de till exempel har epilepsi eller är gravida. Skicka inte hälsouppgifter via formuläret.",
            "Remind participants to tell me themselves before the relaxation if, for example, they have epilepsy or are pregnant. Please do not send health information in the form.",
        ),
    ],
}


def price(name, unit, amount, note=("", "", "")):
    return {
        "name": dict(zip(LANGS, name, strict=True)),
        "unit": dict(zip(LANGS, unit, strict=True)),
        "note": dict(zip(LANGS, note, strict=True)),
        "amount": None if amount is None else Decimal(amount),
    }


TRAVEL = ("Matkakulut sovitaan erikseen.", "Resekostnader enligt överenskommelse.", "Travel costs as agreed.")
PRICES = {
    "supervision": [
        price(("Yksilötyönohjaus", "Individuell arbetshandledning", "Individual supervision"), ("60 min",) * 3, "120.00"),
        price(
            ("Ryhmätyönohjaus", "Grupphandledning", "Group supervision"),
            ("90 min, enintään 8 osallistujaa", "90 min, högst 8 deltagare", "90 min, up to 8 participants"),
            "240.00",
        ),
        price(
            ("Työnohjaussarja organisaatiolle", "Handledningsserie för organisationer", "Supervision series for organisations"),
            ("", "", ""),
            None,
            ("Tarjous sovitun sarjan mukaan.", "Offert enligt den överenskomna serien.", "Quote based on the agreed series."),
        ),
    ],
    "mediation": [
        price(
            ("Työyhteisösovittelu", "Arbetsplatsmedling", "Workplace mediation"),
            ("", "", ""),
            None,
            (
                "Tarjous tilanteen laajuuden mukaan: valmistelu, erilliset tapaamiset, yhteinen istunto ja seuranta.",
                "Offert enligt situationens omfattning: förberedelse, separata möten, gemensam session och uppföljning.",
                "Quote based on the scope: preparation, separate meetings, the joint session and follow-up.",
            ),
        ),
    ],
    "talks": [
        price(
            ("Inspiraatioluento tai alustus", "Inspirationsföreläsning eller inledningsanförande", "Inspiration talk or opening address"),
            ("45–90 min",) * 3,
            "450.00",
            TRAVEL,
        ),
    ],
    "sound_relaxation": [
        price(("Sointurentoutus ryhmälle", "Klangavslappning för en grupp", "Sound relaxation for a group"), ("60 min",) * 3, "290.00", TRAVEL),
    ],
}


def _translated(values: dict) -> dict:
    """Field values for the historical model: the original column and one per language."""
    row = {}
    for field, by_lang in values.items():
        row[field] = by_lang["fi"]
        for code in LANGS:
            row[f"{field}_{code}"] = by_lang[code]
    return row


def load(apps, schema_editor):
    Page = apps.get_model("services", "Page")
    PageItem = apps.get_model("services", "PageItem")
    Price = apps.get_model("services", "Price")
    pages = {}
    for key, values in PAGES.items():
        pages[key], _created = Page.objects.update_or_create(key=key, defaults=_translated(values))
    for (key, group), entries in ITEMS.items():
        for position, entry in enumerate(entries, start=1):
            PageItem.objects.create(page=pages[key], group=group, position=position, **_translated(entry))
    for key, rows in PRICES.items():
        for position, row in enumerate(rows, start=1):
            texts = {field: value for field, value in row.items() if field != "amount"}
            Price.objects.create(page=pages[key], position=position, amount=row["amount"], **_translated(texts))


def unload(apps, schema_editor):
    apps.get_model("services", "Page").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("services", "0001_site_content_and_requests")]

    operations = [migrations.RunPython(load, unload)]
