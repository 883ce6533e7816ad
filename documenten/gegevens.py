"""What an agreement says, gathered from what Schakel already knows.

`voorstel(document)` proposes the procesregisseur's input from the werkgever intake, the
organisations, the traject's phase plan and partners; the procesregisseur checks and completes
it on the document page (documenten.forms). `gegevens(document)` turns the input plus the
vacatures, baangarantie and traject into the data the template prints, with the list of what is
still missing: nothing is sent (and so nothing printed) while that list is not empty.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from organisaties.models import Organisatie
from trajecten.models import CONTRACT_MIN_MAANDEN, CONTRACT_MIN_UREN, Fase, PartnerRol
from werving.forms import SUBSIDIES, ingevuld
from werving.models import IntakeStatus, Vacature, VacatureStatus, WerkgeverIntake

from .models import DocumentSoort

PROEFPERIODE_MAANDEN = 2
UREN_PER_DAG = 8  # "≥ 28 uur of ≥ 3 dagen": 3 days of 8 hours


def datum_tekst(waarde) -> str:
    if not waarde:
        return ""
    if isinstance(waarde, str):
        waarde = date.fromisoformat(waarde)
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(waarde, "j F Y")


def _intake_van(werkgever: Organisatie) -> dict:
    """The cleaned steps of the werkgever's latest approved intake ({} without one)."""
    intake = (
        WerkgeverIntake.objects.filter(organisatie=werkgever, status=IntakeStatus.AKKOORD)
        .select_related("uitnodiging")
        .order_by("-beoordeeld_op")
        .first()
    )
    return {k: v or {} for k, v in ingevuld(intake).items()} if intake else {}


def _fase(traject, fase: str):
    return next((f for f in traject.faseplanning.all() if f.fase == fase), None)


def _partner(traject, rol: str):
    return next((p.organisatie for p in traject.partners.all() if p.rol == rol), None)


def partners(traject, rol: str) -> list[Organisatie]:
    return [p.organisatie for p in traject.partners.all() if p.rol == rol]


def voorstel(document, *, door) -> dict:
    """The proposed input for a new agreement (JSON-safe: dates as ISO text)."""
    traject, werkgever = document.traject, document.werkgever
    intake = _intake_van(werkgever)
    bedrijf, contact = intake.get("bedrijf", {}), intake.get("contact", {})
    regisseur = _partner(traject, PartnerRol.PROCESREGISSEUR)
    proef = _fase(traject, Fase.PROEFPERIODE)
    nazorg = _fase(traject, Fase.NAZORG)
    gemeenten, fondsen = (
        partners(traject, PartnerRol.GEMEENTE),
        partners(traject, PartnerRol.OO_FONDS),
    )
    basis = {
        "werkgever_kvk": werkgever.kvk_nummer or bedrijf.get("kvk_nummer", ""),
        "werkgever_adres": "",
        "werkgever_postcode": bedrijf.get("postcode", ""),
        "werkgever_plaats": bedrijf.get("vestigingsplaats", ""),
        "werkgever_ondertekenaar": contact.get("contactpersoon", ""),
        "werkgever_functie": "",
        "werkgever_email": contact.get("email", ""),
        "bijzondere_afspraken": "",
    }
    if document.soort == DocumentSoort.INSPANNINGSOVEREENKOMST:
        return basis | {
            "projectleider": contact.get("projectleider", ""),
            "buddy": "",
            "regisseur_kvk": regisseur.kvk_nummer if regisseur else "",
            "regisseur_adres": "",
            "regisseur_postcode": "",
            "regisseur_plaats": "",
            "regisseur_ondertekenaar": door.naam,
            "regisseur_functie": str(_("Procesregisseur")),
            "salarisindicatie": "",
            "startdatum": proef.gepland_start.isoformat() if proef else "",
            "looptijd_tot": nazorg.gepland_eind.isoformat() if nazorg else "",
            "opzegtermijn_weken": 4,
            "gemeente": gemeenten[0].pk if len(gemeenten) == 1 else None,
            "fonds": fondsen[0].pk if len(fondsen) == 1 else None,
        }
    deelname = document.deelname
    kandidaat = deelname.kandidaat
    vacature = deelname.vacature
    start = deelname.contract_start or (proef.gepland_start if proef else None)
    return basis | {
        "functie": vacature.functie if vacature else "",
        "werklocatie": vacature.werklocatie if vacature else "",
        "uren_per_week": vacature.uren_per_week if vacature else None,
        "startdatum": start.isoformat() if start else "",
        "einddatum": (start + relativedelta(months=PROEFPERIODE_MAANDEN)).isoformat()
        if start
        else "",
        "buddy": "",
        "begeleider": "",
        "gemeente_ondertekenaar": kandidaat.klantmanager.naam if kandidaat.klantmanager else "",
        "gemeente_functie": str(_("Klantmanager")),
    }


def _organisatie(pk, toegestaan: list[Organisatie]) -> Organisatie | None:
    return next((o for o in toegestaan if o.pk == pk), None)


# Labels of the input that must be there before sending (the template prints all of them).
VERPLICHT = {
    DocumentSoort.INSPANNINGSOVEREENKOMST: {
        "werkgever_kvk": _("KvK-nummer van de werkgever"),
        "werkgever_adres": _("adres van de werkgever"),
        "werkgever_postcode": _("postcode van de werkgever"),
        "werkgever_plaats": _("vestigingsplaats van de werkgever"),
        "werkgever_ondertekenaar": _("wie tekent namens de werkgever"),
        "werkgever_functie": _("functie van wie tekent namens de werkgever"),
        "werkgever_email": _("e-mailadres voor de ondertekening"),
        "projectleider": _("projectleider bij de werkgever"),
        "regisseur_kvk": _("KvK-nummer van de procesregisseur"),
        "regisseur_adres": _("adres van de procesregisseur"),
        "regisseur_postcode": _("postcode van de procesregisseur"),
        "regisseur_plaats": _("vestigingsplaats van de procesregisseur"),
        "regisseur_ondertekenaar": _("wie tekent namens de procesregisseur"),
        "regisseur_functie": _("functie van wie tekent namens de procesregisseur"),
        "salarisindicatie": _("salarisindicatie"),
        "startdatum": _("startdatum van de proefperiode"),
        "looptijd_tot": _("looptijd van de overeenkomst"),
        "opzegtermijn_weken": _("opzegtermijn"),
    },
    DocumentSoort.PROEFPLAATSINGSOVEREENKOMST: {
        "werkgever_kvk": _("KvK-nummer van de werkgever"),
        "werkgever_adres": _("adres van de werkgever"),
        "werkgever_postcode": _("postcode van de werkgever"),
        "werkgever_plaats": _("vestigingsplaats van de werkgever"),
        "werkgever_ondertekenaar": _("wie tekent namens de werkgever"),
        "werkgever_functie": _("functie van wie tekent namens de werkgever"),
        "werkgever_email": _("e-mailadres voor de ondertekening"),
        "functie": _("functie tijdens de proefplaatsing"),
        "werklocatie": _("werklocatie"),
        "uren_per_week": _("uren per week"),
        "startdatum": _("startdatum van de proefplaatsing"),
        "einddatum": _("einddatum van de proefplaatsing"),
        "gemeente_ondertekenaar": _("wie tekent namens de gemeente"),
        "gemeente_functie": _("functie van wie tekent namens de gemeente"),
    },
}


def gegevens(document, invoer: dict | None = None) -> tuple[dict, list[str]]:
    """(what the agreement says, labels of what is missing). `invoer` defaults to the
    document's saved input."""
    i = dict(document.invoer if invoer is None else invoer)
    ontbrekend = [
        str(label) for veld, label in VERPLICHT[document.soort].items() if not i.get(veld)
    ]
    traject, werkgever = document.traject, document.werkgever
    g = {
        "soort": document.soort,
        "kenmerk": f"{document.soort[:2].upper()}-{document.regio_id}-{document.pk}",
        "traject": {
            "naam": traject.naam,
            "ronde": traject.ronde,
            "beroep": traject.beroep.naam,
            "branche": traject.get_branche_display(),
        },
        "werkgever": {
            "naam": werkgever.naam,
            "kvk": i.get("werkgever_kvk", ""),
            "adres": i.get("werkgever_adres", ""),
            "postcode": i.get("werkgever_postcode", ""),
            "plaats": i.get("werkgever_plaats", ""),
            "ondertekenaar": i.get("werkgever_ondertekenaar", ""),
            "functie": i.get("werkgever_functie", ""),
            "email": i.get("werkgever_email", ""),
        },
        "bijzondere_afspraken": i.get("bijzondere_afspraken", ""),
        "startdatum": datum_tekst(i.get("startdatum")),
        "waarschuwingen": [],
    }
    if document.soort == DocumentSoort.INSPANNINGSOVEREENKOMST:
        _inspanning(document, i, g, ontbrekend)
    else:
        _proefplaatsing(document, i, g)
    return g, ontbrekend


def _inspanning(document, i: dict, g: dict, ontbrekend: list[str]) -> None:
    traject, werkgever = document.traject, document.werkgever
    regisseur = _partner(traject, PartnerRol.PROCESREGISSEUR)
    gemeente = _organisatie(i.get("gemeente"), partners(traject, PartnerRol.GEMEENTE))
    fonds = _organisatie(i.get("fonds"), partners(traject, PartnerRol.OO_FONDS))
    vacatures = list(
        Vacature.objects.filter(traject=traject, werkgever=werkgever)
        .exclude(status=VacatureStatus.INGETROKKEN)
        .order_by("functie", "pk")
    )
    if not vacatures:
        ontbrekend.append(str(_("een vacature van deze werkgever in dit traject")))
    intake = _intake_van(werkgever)
    wensen = intake.get("wensen", {})
    subsidies = dict(SUBSIDIES)
    g.update(
        procesregisseur={
            "naam": regisseur.naam if regisseur else "",
            "kvk": i.get("regisseur_kvk", ""),
            "adres": i.get("regisseur_adres", ""),
            "postcode": i.get("regisseur_postcode", ""),
            "plaats": i.get("regisseur_plaats", ""),
            "ondertekenaar": i.get("regisseur_ondertekenaar", ""),
            "functie": i.get("regisseur_functie", ""),
        },
        gemeente={"naam": gemeente.naam} if gemeente else None,
        fonds={"naam": fonds.naam} if fonds else None,
        baangarantie={
            "plaatsen": document.baangarantie.aantal_plaatsen,
            "afgegeven_op": datum_tekst(document.baangarantie.afgegeven_op),
        },
        vacatures=[
            {
                "functie": v.functie,
                "plaatsen": v.aantal_plaatsen,
                "werklocatie": v.werklocatie,
                "uren": v.uren_per_week,
                "contract_maanden": v.contract_maanden,
                "cao": v.cao,
                "flexibele_starttijden": v.flexibele_starttijden,
                "deeltijd": v.deeltijd_mogelijk,
                "religieuze_feestdagen": v.vrij_religieuze_feestdagen,
            }
            for v in vacatures
        ],
        contract={
            "min_maanden": CONTRACT_MIN_MAANDEN,
            "min_uren": CONTRACT_MIN_UREN,
            "salarisindicatie": i.get("salarisindicatie", ""),
        },
        proefperiode_maanden=PROEFPERIODE_MAANDEN,
        projectleider=i.get("projectleider", ""),
        buddy=i.get("buddy", ""),
        cultuur_op_de_werkvloer=bool(wensen.get("cultuur_op_de_werkvloer")),
        subsidies=[
            str(subsidies[s]) for s in wensen.get("subsidie_informatie", []) if s in subsidies
        ],
        looptijd_tot=datum_tekst(i.get("looptijd_tot")),
        opzegtermijn_weken=i.get("opzegtermijn_weken") or "",
    )
    for v in vacatures:
        if v.contract_maanden < CONTRACT_MIN_MAANDEN or v.uren_per_week < 3 * UREN_PER_DAG:
            g["waarschuwingen"].append(
                _(
                    "De vacature %(f)s biedt %(m)s maanden en %(u)s uur per week: minder dan "
                    "het model vraagt (%(min_m)s maanden, %(min_u)s uur of 3 dagen)."
                )
                % {
                    "f": v.functie,
                    "m": v.contract_maanden,
                    "u": v.uren_per_week,
                    "min_m": CONTRACT_MIN_MAANDEN,
                    "min_u": CONTRACT_MIN_UREN,
                }  # fmt: skip
            )
    if sum(v.aantal_plaatsen for v in vacatures) < document.baangarantie.aantal_plaatsen:
        g["waarschuwingen"].append(
            _("De vacatures hebben samen minder plaatsen dan de baangarantie.")
        )


def _proefplaatsing(document, i: dict, g: dict) -> None:
    deelname = document.deelname
    kandidaat = deelname.kandidaat
    g.update(
        deelnemer={
            "naam": f"{kandidaat.voornaam} {kandidaat.achternaam}",
            "woonplaats": kandidaat.woonplaats,
            "uitkering": kandidaat.get_uitkering_display() if kandidaat.uitkering else "",
        },
        gemeente={
            "naam": kandidaat.gemeente.naam,
            "ondertekenaar": i.get("gemeente_ondertekenaar", ""),
            "functie": i.get("gemeente_functie", ""),
        },
        plaatsing={
            "functie": i.get("functie", ""),
            "werklocatie": i.get("werklocatie", ""),
            "uren_per_week": i.get("uren_per_week") or "",
            "einddatum": datum_tekst(i.get("einddatum")),
            "maanden": PROEFPERIODE_MAANDEN,
        },
        buddy=i.get("buddy", ""),
        begeleider=i.get("begeleider", ""),
        contract={"min_maanden": CONTRACT_MIN_MAANDEN, "min_uren": CONTRACT_MIN_UREN},
    )
