"""The merge data of a letter: every value it shows, read from the records where it was
entered once (the dossier, the trajectory and its steps, the college's decision, the
provider, the terms, the signer), never typed again.

The data are stored with the letter (``Brief.gegevens``), so they are JSON: dates as
Dutch readers write them ("15 januari 2027", :mod:`regio.dates`), amounts as Dutch euros
("€ 1.500,00"). A Word template uses them as ``{{ zorgaanbieder.naam }}``; ``FIELDS``
lists the names a template may use.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from dossieroverleg.models import Advies, Maatregel
from juridisch.models import JuridischTraject, Last, TrajectStap
from regio import dates
from regio.models import Orgaan
from regio.roles import Rol, group_names

# The top-level names of the merge data; a template that uses another one is refused.
FIELDS = frozenset(
    {
        "vandaag",
        "dossier",
        "zorgaanbieder",
        "traject",
        "stap",
        "besluit",
        "termijn",
        "termijnen",
        "sanctie",
        "nazorg",
        "advies",
        "opsteller",
        "ondertekening",
    }
)

# Who decides in whose name, when the step does not say: the college of Nijmegen under
# mandate of the other municipalities for decisions (Samenwerkingsovereenkomst ROB
# art. 3 lid 2-3; DVO BW/MO Bijlage A art. 2 lid 3), the mayor of Nijmegen under power of
# attorney for acts under the contract (Bijlage A art. 2 lid 5).
IN_NAAM_VAN = {
    JuridischTraject.Spoor.BESTUURSRECHT: "college van burgemeester en wethouders van Nijmegen",
    JuridischTraject.Spoor.PRIVAATRECHT: "burgemeester van Nijmegen",
}

# A signer's function in the signature block, by role.
FUNCTIES = {
    Rol.TEAMLEIDER: "teamleider handhaving",
    Rol.JURIST: "juridisch adviseur",
    Rol.HANDHAVER: "toezichthouder handhaving",
}


def datum(day: datetime.date | datetime.datetime | None) -> str:
    return dates.datum(day) if day else ""


def euro(amount: Decimal | None) -> str:
    return dates.euro(amount) if amount is not None else ""


def _with_article(organ: str) -> str:
    """ "college van ..." -> "het college van ...": the signature block reads "namens …"."""
    for noun, article in (("college", "het"), ("burgemeester", "de")):
        if organ.startswith(noun):
            return f"{article} {organ}"
    return organ


def _person(user) -> dict:
    if user is None:
        return {"naam": "", "functie": ""}
    roles = group_names(user)
    functie = next((f for role, f in FUNCTIES.items() if role in roles), "")
    return {"naam": user.get_full_name() or user.get_username(), "functie": functie}


def _provider(dossier) -> dict:
    aanbieder = dossier.zorgaanbieder
    # The provider has no address of its own in the register; the letter goes to the
    # location of the dossier that has one.
    vestiging = next((v for v in dossier.vestigingen.all() if v.straat), None)
    return {
        "naam": aanbieder.naam,
        "kvk_nummer": aanbieder.kvk_nummer or "",
        "straat": vestiging.straat if vestiging else "",
        "postcode": vestiging.postcode if vestiging else "",
        "plaats": vestiging.plaats if vestiging else "",
    }


def _dossier(dossier) -> dict:
    return {"nummer": dossier.nummer, "domein": dossier.get_domein_display()}


def _decision(besluit) -> dict:
    if besluit is None:
        return {}
    return {
        "datum": datum(besluit.datum),
        "bekendmaking_op": datum(besluit.bekendmaking_op),
        "maatregelen": ", ".join(besluit.maatregelen_display()),
        "toelichting": besluit.toelichting,
    }


def _term(termijn) -> dict:
    if termijn is None:
        return {}
    return {
        "omschrijving": termijn.omschrijving,
        "uiterlijk": datum(termijn.uiterlijk),
        "status": termijn.get_status_display(),
    }


def _sanction(traject: JuridischTraject) -> dict:
    """The order under penalty or administrative coercion of the trajectory, once it is
    recorded: what the provider must do, its compliance period, the penalty in euros."""
    last = Last.objects.filter(traject=traject).select_related("begunstigingstermijn").first()
    if last is None:
        return {}
    return {
        "soort": last.get_soort_display(),
        "lastgeving": last.lastgeving,
        "begunstigingstermijn": _term(last.begunstigingstermijn),
        "bedrag": euro(last.bedrag),
        "per": last.get_per_display() if last.per else "",
        "maximum": euro(last.maximum),
    }


def _aftercare(dossier) -> list[dict]:
    return [
        {
            "gemeente": v.gemeente.naam,
            "uiterlijk": datum(v.termijn.uiterlijk if v.termijn else None),
        }
        for v in dossier.nazorg.select_related("gemeente", "termijn")
    ]


def _signature(stap: TrajectStap, by) -> dict:
    """Who signs, in whose name, under which mandate: as recorded on the step when it is a
    decision taken under the mandate register; else, on the administrative track, in the
    name the college's decision was taken, and the default organ of the track; signed by
    the user making the letter."""
    traject = stap.traject
    in_naam_van = stap.in_naam_van
    if not in_naam_van and traject.spoor == JuridischTraject.Spoor.BESTUURSRECHT:
        in_naam_van = traject.besluit.in_naam_van
    in_naam_van = in_naam_van or IN_NAAM_VAN[traject.spoor]
    mandaat = stap.mandaat
    grond = ""
    if mandaat is not None:
        kind = "volmacht" if mandaat.gever_orgaan == Orgaan.BURGEMEESTER else "mandaat"
        grond = f"{kind} ({mandaat.bron})" if mandaat.bron else kind
    return {
        "in_naam_van": in_naam_van,
        "namens": _with_article(in_naam_van),
        **_person(stap.ondertekend_door or by),
        "mandaat": grond,
    }


def merge_data(stap: TrajectStap, *, by) -> dict:
    """The merge data of a letter of ``stap``, made by ``by`` today."""
    traject = JuridischTraject.objects.select_related("besluit", "dossier__zorgaanbieder").get(
        pk=stap.traject_id
    )
    stap = TrajectStap.objects.select_related("termijn", "mandaat", "ondertekend_door").get(
        pk=stap.pk
    )
    dossier = traject.dossier
    termijnen = [
        _term(s.termijn)
        for s in traject.stappen.select_related("termijn").order_by("datum", "id")
        if s.termijn_id
    ]
    return {
        "vandaag": datum(timezone.localdate()),
        "dossier": _dossier(dossier),
        "zorgaanbieder": _provider(dossier),
        "traject": {
            "maatregel": traject.get_maatregel_display(),
            "spoor": traject.spoor,
            "fase": traject.get_fase_display(),
        },
        "stap": {
            "soort": stap.get_soort_display(),
            "datum": datum(stap.datum),
            "ingang": datum(stap.ingang or stap.datum),
            "toelichting": stap.toelichting,
            "uitkomst": stap.get_uitkomst_display() if stap.uitkomst else "",
            "bedrag": euro(stap.bedrag),
        },
        "besluit": _decision(traject.besluit),
        "termijn": _term(stap.termijn),
        "termijnen": termijnen,
        "sanctie": _sanction(traject),
        "nazorg": _aftercare(dossier),
        "advies": {},
        "opsteller": _person(by),
        "ondertekening": _signature(stap, by),
    }


def advice_merge_data(advies: Advies, *, by) -> dict:
    """The merge data of the letter that puts ``advies`` to the college of Nijmegen."""
    dossier = advies.dossier
    labels = dict(Maatregel.choices)
    return {
        "vandaag": datum(timezone.localdate()),
        "dossier": _dossier(dossier),
        "zorgaanbieder": _provider(dossier),
        "traject": {},
        "stap": {},
        "besluit": _decision(getattr(dossier, "besluit", None)),
        "termijn": {},
        "termijnen": [],
        "sanctie": {},
        "nazorg": [],
        "advies": {
            "maatregelen": ", ".join(str(labels.get(m, m)) for m in advies.maatregelen),
            "motivering": advies.motivering,
            "juridische_grondslag": advies.juridische_grondslag,
            "opgesteld_op": datum(advies.opgesteld_op),
            "opgesteld_door": _person(advies.opgesteld_door)["naam"],
            "beoordeeld_op": datum(advies.beoordeeld_op),
            "beoordeeld_door": _person(advies.beoordeeld_door)["naam"],
        },
        "opsteller": _person(by),
        "ondertekening": {
            "in_naam_van": "Dossieroverleg Regionale Handhaving",
            "namens": "het Dossieroverleg Regionale Handhaving",
            **_person(by),
            "mandaat": "",
        },
    }


# Example data: a template is tried on them when it is uploaded.
EXAMPLE = {
    "vandaag": "15 januari 2027",
    "dossier": {"nummer": "HH-2027-0001", "domein": "Wmo"},
    "zorgaanbieder": {
        "naam": "Voorbeeld Zorg B.V.",
        "kvk_nummer": "12345678",
        "straat": "Voorbeeldstraat 1",
        "postcode": "6511 AA",
        "plaats": "Nijmegen",
    },
    "traject": {"maatregel": "last onder dwangsom", "spoor": "bestuursrecht", "fase": "besluit"},
    "stap": {
        "soort": "besluit bekendgemaakt",
        "datum": "15 januari 2027",
        "ingang": "15 januari 2027",
        "toelichting": "Toelichting bij de stap.",
        "uitkomst": "",
        "bedrag": "€ 3.000,00",
    },
    "besluit": {
        "datum": "4 januari 2027",
        "bekendmaking_op": "5 januari 2027",
        "maatregelen": "last onder dwangsom",
        "toelichting": "",
    },
    "termijn": {"omschrijving": "Bezwaartermijn", "uiterlijk": "1 maart 2027", "status": "lopend"},
    "termijnen": [
        {"omschrijving": "Bezwaartermijn", "uiterlijk": "1 maart 2027", "status": "lopend"}
    ],
    "sanctie": {
        "soort": "last onder dwangsom",
        "lastgeving": "Zorg dat elke cliënt zijn medicatie op tijd krijgt.",
        "begunstigingstermijn": {
            "omschrijving": "Begunstigingstermijn",
            "uiterlijk": "15 februari 2027",
            "status": "lopend",
        },
        "bedrag": "€ 1.500,00",
        "per": "per overtreding",
        "maximum": "€ 15.000,00",
    },
    "nazorg": [{"gemeente": "Druten", "uiterlijk": "29 januari 2027"}],
    "advies": {
        "maatregelen": "last onder dwangsom",
        "motivering": "Motivering.",
        "juridische_grondslag": "Wmo 2015 art. 6.1",
        "opgesteld_op": "10 december 2026",
        "opgesteld_door": "A. de Vries",
        "beoordeeld_op": "12 december 2026",
        "beoordeeld_door": "B. Jansen",
    },
    "opsteller": {"naam": "J. Jansen", "functie": "juridisch adviseur"},
    "ondertekening": {
        "in_naam_van": "college van burgemeester en wethouders van Nijmegen",
        "namens": "het college van burgemeester en wethouders van Nijmegen",
        "naam": "J. Jansen",
        "functie": "juridisch adviseur",
        "mandaat": "mandaat (Samenwerkingsovereenkomst ROB art. 3)",
    },
}
