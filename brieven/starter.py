"""The starter templates: one Dutch letter per kind, built into a .docx here (python-docx)
so that their text is reviewed in the repository. They are loaded as version 1 of each
kind (:func:`brieven.services.load_starter_templates`); a municipality replaces one by
uploading its own version in the admin.

A letter is a list of blocks: a plain string is a paragraph, ``kop(...)`` a bold
heading, and a string starting with ``{%p`` a docxtpl paragraph tag (a condition or a loop
over whole paragraphs). The merge fields are those of :mod:`brieven.merge`.
"""

import io

from docx import Document
from docx.shared import Pt

from .briefsoort import Briefsoort

AFZENDER = [
    "Gemeente Nijmegen",
    "Regionale Handhaving Wmo en Jeugd",
    "Postbus 9105, 6500 HG Nijmegen",
]
POSTADRES_BEZWAAR = (
    "het college van burgemeester en wethouders van Nijmegen, Postbus 9105, 6500 HG Nijmegen"
)


class kop(str):  # noqa: N801 - reads as a marker in the texts below
    """A bold heading."""


AAN_ZORGAANBIEDER = [
    "{{ zorgaanbieder.naam }}",
    "{%p if zorgaanbieder.straat %}",
    "{{ zorgaanbieder.straat }}",
    "{{ zorgaanbieder.postcode }}  {{ zorgaanbieder.plaats }}",
    "{%p endif %}",
    "{%p if zorgaanbieder.kvk_nummer %}",
    "KvK-nummer {{ zorgaanbieder.kvk_nummer }}",
    "{%p endif %}",
]

AAN_COLLEGE_NIJMEGEN = [
    "Het college van burgemeester en wethouders van Nijmegen",
    "Postbus 9105",
    "6500 HG Nijmegen",
]

AAN_GEMEENTEN = [
    "Aan het college van burgemeester en wethouders van:",
    "{%p for verzoek in nazorg %}",
    "de gemeente {{ verzoek.gemeente }}",
    "{%p endfor %}",
]

ONDERTEKENING = [
    "Met vriendelijke groet,",
    "namens {{ ondertekening.namens }},",
    "",
    "",
    "{{ ondertekening.naam }}",
    "{{ ondertekening.functie }}",
    "{%p if ondertekening.mandaat %}",
    "Ondertekend krachtens {{ ondertekening.mandaat }}",
    "{%p endif %}",
]

TOELICHTING = [
    "{%p if stap.toelichting %}",
    "{{ stap.toelichting }}",
    "{%p endif %}",
]

BEZWAAR = [
    kop("Bezwaar"),
    "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop dit "
    "besluit is bekendgemaakt bezwaar maken (artikelen 6:7 en 6:8 van de Algemene wet "
    "bestuursrecht). De bezwaartermijn eindigt op {{ termijn.uiterlijk }}.",
    "Stuur uw bezwaarschrift aan " + POSTADRES_BEZWAAR + ". Vermeld daarin uw naam en adres, "
    "de datum, het kenmerk {{ dossier.nummer }}, welk besluit u bestrijdt en waarom, en "
    "onderteken het (artikel 6:5 Awb).",
    "Een bezwaarschrift schorst de werking van dit besluit niet (artikel 6:16 Awb). Is de zaak "
    "spoedeisend, dan kunt u de voorzieningenrechter van de rechtbank Gelderland vragen om een "
    "voorlopige voorziening (artikel 8:81 Awb).",
]

BEROEP = [
    kop("Beroep"),
    "Bent u het niet eens met deze beslissing op bezwaar? Dan kunt u binnen zes weken na de dag "
    "waarop zij is bekendgemaakt beroep instellen bij de rechtbank Gelderland (artikelen 6:7, "
    "6:8 en 8:1 van de Algemene wet bestuursrecht). De beroepstermijn eindigt op "
    "{{ termijn.uiterlijk }}. Voor het instellen van beroep is griffierecht verschuldigd.",
    "Is de zaak spoedeisend, dan kunt u de voorzieningenrechter van de rechtbank vragen om een "
    "voorlopige voorziening (artikel 8:81 Awb).",
]

AANLEIDING = (
    "Bij besluit van {{ besluit.datum }} heeft het college van burgemeester en wethouders van "
    "Nijmegen, mede namens de gemeenten in de regio, besloten tot de maatregel(en) "
    "{{ besluit.maatregelen }} naar aanleiding van het toezicht op de zorg die u levert "
    "({{ dossier.domein }}, dossier {{ dossier.nummer }})."
)

LETTERS: dict[str, dict] = {
    Briefsoort.VOORNEMEN: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Voornemen tot {{ traject.maatregel }}",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            "Met deze brief maken wij u ons voornemen bekend om u een {{ traject.maatregel }} "
            "op te leggen.",
            *TOELICHTING,
            kop("Zienswijze"),
            "Voordat wij een besluit nemen, geven wij u de gelegenheid uw zienswijze op dit "
            "voornemen naar voren te brengen (artikel 4:8 van de Algemene wet bestuursrecht). "
            "Dat kan schriftelijk of mondeling, uiterlijk op {{ termijn.uiterlijk }}. Vermeld "
            "daarbij het kenmerk {{ dossier.nummer }}.",
            "Na deze termijn nemen wij een besluit, waarin wij uw zienswijze betrekken. Dit "
            "voornemen is zelf geen besluit; u kunt er geen bezwaar tegen maken.",
        ],
    },
    Briefsoort.LAST_ONDER_DWANGSOM: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Besluit: last onder dwangsom",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            "Wij hebben uw zienswijze, voor zover u die gaf, bij dit besluit betrokken. Wij "
            "leggen u hierbij een last onder dwangsom op (artikel 5:32 van de Algemene wet "
            "bestuursrecht).",
            *TOELICHTING,
            kop("De last"),
            "{%p if sanctie %}",
            "{{ sanctie.lastgeving }}",
            "U doet dit uiterlijk op {{ sanctie.begunstigingstermijn.uiterlijk }} "
            "(begunstigingstermijn, artikel 5:32a Awb). Doet u dat niet, dan verbeurt u een "
            "dwangsom van {{ sanctie.bedrag }} {{ sanctie.per }}, tot ten hoogste "
            "{{ sanctie.maximum }} (artikel 5:32b Awb).",
            "{%p else %}",
            "U beëindigt de overtreding en houdt deze beëindigd binnen de termijn die in de "
            "toelichting is genoemd. Doet u dat niet, dan verbeurt u de daar genoemde dwangsom "
            "(artikel 5:32b Awb).",
            "{%p endif %}",
            "Een verbeurde dwangsom vorderen wij bij een afzonderlijk besluit in (artikel 5:37 "
            "Awb).",
            *BEZWAAR,
        ],
    },
    Briefsoort.LAST_ONDER_BESTUURSDWANG: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Besluit: last onder bestuursdwang",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            "Wij hebben uw zienswijze, voor zover u die gaf, bij dit besluit betrokken. Wij "
            "leggen u hierbij een last onder bestuursdwang op (artikel 125 van de Gemeentewet "
            "en artikel 5:21 van de Algemene wet bestuursrecht).",
            *TOELICHTING,
            kop("De last"),
            "{%p if sanctie %}",
            "{{ sanctie.lastgeving }}",
            "{%p endif %}",
            "U beëindigt de overtreding en houdt deze beëindigd{% if sanctie %}, uiterlijk op "
            "{{ sanctie.begunstigingstermijn.uiterlijk }}{% endif %} (begunstigingstermijn, "
            "artikel 5:24 Awb). Doet u dat niet, dan treffen wij zelf de nodige maatregelen. "
            "De kosten daarvan komen voor uw rekening (artikel 5:25 Awb).",
            *BEZWAAR,
        ],
    },
    Briefsoort.INGEBREKESTELLING: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Ingebrekestelling",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            "U levert deze zorg op grond van een overeenkomst met de gemeenten. Wij stellen "
            "vast dat u de verplichtingen uit die overeenkomst niet nakomt.",
            *TOELICHTING,
            kop("Ingebrekestelling"),
            "Wij stellen u hierbij in gebreke (artikel 6:82 van het Burgerlijk Wetboek). Wij "
            "geven u de gelegenheid uw verplichtingen alsnog na te komen, uiterlijk op "
            "{{ termijn.uiterlijk }}.",
            "Komt u uw verplichtingen niet binnen deze termijn na, dan bent u in verzuim. Wij "
            "kunnen de overeenkomst dan geheel of gedeeltelijk ontbinden (artikel 6:265 BW) en "
            "schadevergoeding vorderen.",
            "Deze brief gaat over de uitvoering van de overeenkomst en is geen besluit in de "
            "zin van de Algemene wet bestuursrecht; u kunt er geen bezwaar tegen maken.",
        ],
    },
    Briefsoort.ONTBINDING: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Ontbinding van de overeenkomst",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            "Wij hebben u in gebreke gesteld en u een termijn gegeven om uw verplichtingen uit "
            "de overeenkomst alsnog na te komen. Dat hebt u niet gedaan; u bent in verzuim.",
            *TOELICHTING,
            kop("Ontbinding"),
            "Wij ontbinden hierbij de overeenkomst met ingang van {{ stap.ingang }} (artikelen "
            "6:265 en 6:267 van het Burgerlijk Wetboek). Wij behouden ons het recht voor "
            "schadevergoeding te vorderen.",
            "De gemeenten regelen voor uw cliënten andere zorg. Wij verwachten dat u daaraan "
            "meewerkt en de zorg zorgvuldig overdraagt.",
            "Deze brief gaat over de uitvoering van de overeenkomst en is geen besluit in de "
            "zin van de Algemene wet bestuursrecht; u kunt er geen bezwaar tegen maken.",
        ],
    },
    Briefsoort.INVORDERINGSBESLUIT: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Invorderingsbesluit",
        "aanhef": "Geachte directie,",
        "tekst": [
            AANLEIDING,
            *TOELICHTING,
            "{%p if traject.spoor == 'bestuursrecht' %}",
            kop("Invordering van verbeurde dwangsommen"),
            "U hebt niet (tijdig) aan de last voldaan; daardoor zijn dwangsommen verbeurd "
            "(artikel 5:33 van de Algemene wet bestuursrecht). Wij besluiten de verbeurde "
            "dwangsommen in te vorderen{% if stap.bedrag %}: in totaal {{ stap.bedrag }}"
            "{% endif %} (artikel 5:37 Awb).",
            "Betaal het bedrag binnen zes weken na de dagtekening van deze brief (artikel 4:87 "
            "Awb), onder vermelding van het kenmerk {{ dossier.nummer }}.",
            *BEZWAAR,
            "{%p else %}",
            kop("Invordering"),
            "U hebt het bedrag dat wij van u terugvorderden niet binnen de betalingstermijn "
            "betaald. Wij gaan daarom over tot invordering van dat bedrag, vermeerderd met de "
            "wettelijke rente (artikel 6:119 van het Burgerlijk Wetboek).",
            "Betaal het bedrag binnen veertien dagen na de dagtekening van deze brief, onder "
            "vermelding van het kenmerk {{ dossier.nummer }}. Betaalt u niet, dan dragen wij de "
            "invordering over aan een deurwaarder; de kosten komen voor uw rekening.",
            "{%p endif %}",
        ],
    },
    Briefsoort.BESLISSING_OP_BEZWAAR: {
        "aan": AAN_ZORGAANBIEDER,
        "onderwerp": "Beslissing op uw bezwaar",
        "aanhef": "Geachte directie,",
        "tekst": [
            "U hebt bezwaar gemaakt tegen ons besluit over de maatregel {{ traject.maatregel }} "
            "(dossier {{ dossier.nummer }}). Het besluit van het college dateert van "
            "{{ besluit.datum }}. Met deze brief beslissen wij op uw bezwaar (artikel 7:11 van "
            "de Algemene wet bestuursrecht).",
            kop("Beslissing"),
            "Wij verklaren uw bezwaar {{ stap.uitkomst }}.",
            *TOELICHTING,
            "Op dit bezwaar is beslist door een medewerker die niet bij het primaire besluit "
            "betrokken was (Mandaatbesluit Centrumregeling, Bijlage A artikel 2 lid 4).",
            *BEROEP,
        ],
    },
    Briefsoort.VERZOEK_ALTERNATIEVE_ZORG: {
        "aan": AAN_GEMEENTEN,
        "onderwerp": "Verzoek alternatieve zorg regelen: {{ zorgaanbieder.naam }}",
        "aanhef": "Geacht college,",
        "tekst": [
            "De overeenkomst met {{ zorgaanbieder.naam }} is met ingang van {{ stap.ingang }} "
            "ontbonden (dossier {{ dossier.nummer }}, besluit van het college van "
            "{{ besluit.datum }}).",
            "De gemeente die de zorg contracteerde of het persoonsgebonden budget verstrekte, "
            "regelt voor de cliënten andere zorg (DVO BW/MO artikel 5.2). Wij verzoeken u dat te "
            "doen voor de cliënten van uw gemeente en ons in het portaal te laten weten wanneer "
            "het is geregeld, uiterlijk op:",
            "{%p for verzoek in nazorg %}",
            "{{ verzoek.gemeente }}: {{ verzoek.uiterlijk }}",
            "{%p endfor %}",
            "Deze brief noemt geen cliënten; hun gegevens ontvangt u via de gebruikelijke "
            "beveiligde weg.",
        ],
    },
    Briefsoort.ADVIES_COLLEGE: {
        "aan": AAN_COLLEGE_NIJMEGEN,
        "onderwerp": "Advies handhaving {{ zorgaanbieder.naam }} ({{ dossier.nummer }})",
        "aanhef": "Geacht college,",
        "tekst": [
            "Het Dossieroverleg Regionale Handhaving heeft het dossier {{ dossier.nummer }} "
            "({{ dossier.domein }}) over {{ zorgaanbieder.naam }} besproken. Wij adviseren u "
            "de volgende maatregel(en) te nemen: {{ advies.maatregelen }}.",
            kop("Motivering"),
            "{{ advies.motivering }}",
            kop("Juridische grondslag"),
            "{{ advies.juridische_grondslag }}",
            kop("Totstandkoming"),
            "Dit advies is opgesteld door {{ advies.opgesteld_door }} op {{ advies.opgesteld_op }}"
            " en goedgekeurd door {{ advies.beoordeeld_door }} op {{ advies.beoordeeld_op }}.",
            "Wij verzoeken u over de voorgestelde maatregelen te besluiten. Uw besluit neemt u "
            "mede namens de gemeenten die bij de overeenkomst partij zijn.",
        ],
    },
}


def _paragraph(document, text: str, *, bold: bool = False, space_after: int = 6) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.bold = bold


def build(soort: str) -> bytes:
    """The starter template of ``soort`` as a .docx."""
    letter = LETTERS[soort]
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    for line in AFZENDER:
        _paragraph(document, line, bold=line == AFZENDER[0], space_after=0)
    _paragraph(document, "")
    for line in letter["aan"]:
        _paragraph(document, line, space_after=0)
    _paragraph(document, "")
    _paragraph(document, "Datum: {{ vandaag }}", space_after=0)
    _paragraph(document, "Ons kenmerk: {{ dossier.nummer }}", space_after=0)
    _paragraph(document, "Onderwerp: " + letter["onderwerp"])
    _paragraph(document, "")
    _paragraph(document, letter["aanhef"])
    for block in letter["tekst"]:
        _paragraph(document, block, bold=isinstance(block, kop))
    _paragraph(document, "")
    for line in ONDERTEKENING:
        _paragraph(document, line, space_after=0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
