"""Demo financing: pilot 2's voor- en resultaatfinanciering for the running traject in
Noordoost-Brabant (with the fund, claims, approvals, payments, a budget and costs) and a
subsidy + in-kind agreement for the Rijnmond traject (pilots 5–6). Built through the services.
Idempotent: a traject that has an agreement is left alone."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from organisaties.models import Organisatie, Regio, User
from trajecten import services as traject_services
from trajecten.models import Traject

from . import services
from .models import Financieringsafspraak, Vordering
from .services import RegelInvoer

D = Decimal


def _org(naam):
    return Organisatie.objects.get(naam=naam)


@transaction.atomic
def laad_demofinanciering() -> None:
    nob = Regio.objects.get(slug="noordoost-brabant")
    rijnmond = Regio.objects.get(slug="rijnmond")
    with scope(regio=nob.pk):
        traject = Traject.objects.filter(
            naam="Installatiemonteur Noordoost-Brabant, ronde 1"
        ).first()
        if traject and not Financieringsafspraak.objects.filter(traject=traject).exists():
            _nob(nob, traject)
    with scope(regio=rijnmond.pk):
        traject = Traject.objects.filter(naam="Isolatiemonteur Rijnmond, ronde 1").first()
        if traject and not Financieringsafspraak.objects.filter(traject=traject).exists():
            _rijnmond(traject)


def _nob(regio, traject):
    regisseur = User.objects.get(email="procesregisseur@nob.example")
    fonds = _org("Wij Techniek")
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="voor_resultaat",
        fonds=fonds,
        regels=[
            RegelInvoer(
                financier=None,
                start_per_kandidaat=D(1000),
                resultaat_1_per_kandidaat=D(1500),
                resultaat_2_per_kandidaat=D(2250),
            ),
            RegelInvoer(financier=fonds, voorfinanciering=D(80000)),
        ],
        toelichting="Zoals proeftuin 2 (glas): start € 1.000, opleiding € 1.500, contract € 2.250.",
    )
    services.zet_begroting(
        traject=traject,
        door=regisseur,
        bedragen={
            "werving_begeleiding": D(45000),
            "vakopleiding": D(27500),
            "vca": D(5000),
            "procesregie": D(12500),
            "ontwikkeling": D(16000),
        },
    )
    vandaag = timezone.localdate()
    services.boek_uitgave(
        traject=traject,
        door=regisseur,
        categorie="ontwikkeling",
        datum=date(2026, 6, 30),
        omschrijving="Ontwikkeling vakopleiding en stappenplan",
        bedrag=D(15250),
    )
    services.boek_uitgave(
        traject=traject,
        door=regisseur,
        categorie="werving_begeleiding",
        datum=vandaag,
        omschrijving="Voorlichtingsdag, intakes en assessments",
        bedrag=D(18400),
    )
    services.boek_inleg(
        regio=regio,
        fonds=fonds,
        door=regisseur,
        bedrag=D(80000),
        datum=date(2026, 8, 15),
        omschrijving="Innovatiebudget Wij Techniek",
    )
    services.boek_voorfinanciering(
        regio=regio,
        fonds=fonds,
        traject=traject,
        door=regisseur,
        bedrag=D(80000),
        datum=date(2026, 9, 1),
    )
    # Two deelnemers completed the vakopleiding: resultaat I.
    for deelname in traject.deelnames.filter(status="vakopleiding").order_by("pk")[:2]:
        traject_services.registreer_resultaat(
            deelname=deelname, door=regisseur, vakopleiding_afgerond_op=vandaag
        )
    services.maak_verdiende_vorderingen(traject=traject)
    denbosch = User.objects.get(email="klantmanager.denbosch@nob.example")
    te_betalen = 2
    for v in Vordering.objects.filter(
        traject=traject, gemeente=_org("Gemeente 's-Hertogenbosch")
    ).order_by("pk"):
        services.beoordeel_vordering(vordering=v, door=denbosch, akkoord=True)
        if te_betalen:
            services.registreer_betaling(
                vordering=v, door=regisseur, betaald_op=vandaag, kenmerk="Demo-betaling"
            )
            te_betalen -= 1


def _rijnmond(traject):
    regisseur = User.objects.get(email="procesregisseur@rijnmond.example")
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="subsidie",
        penvoerder=_org("Werkgeversservicepunt Rijnmond"),
        verantwoording=(
            "Inhoudelijke en financiële eindverantwoording aan het RAP, met "
            "accountantscontrole; tussenrapportage na de eerste ronde."
        ),
        verantwoording_uiterlijk=date(2028, 3, 1),
        regels=[
            RegelInvoer(
                financier=_org("Rijnmonds Arbeidsmarkt Perspectieffonds"),
                aandeel_procent=D(50),
                voorfinanciering=D(42000),
            ),
            RegelInvoer(
                financier=_org("OOI – Opleidings- en Ontwikkelingsfonds Isolatie"),
                aandeel_procent=D(50),
                in_natura="De basisvakopleiding isolatiemonteur",
            ),
        ],
    )
