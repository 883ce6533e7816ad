"""Demo financing: pilot 2's voor- en resultaatfinanciering for the running traject in
Noordoost-Brabant (with the fund, claims, approvals, payments, a budget and costs), the
Werkcentrum paying the procesregie and a gemeente the travel costs (pilots 3–4), and a
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
from .services import DekkingInvoer, RegelInvoer

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
    # Pilot 4: the Werkcentrum pays the procesregie; pilot 3: the gemeente only travel costs.
    werkcentrum, oss = _org("Werkcentrum Noordoost-Brabant"), _org("Gemeente Oss")
    services.leg_dekking_vast(
        traject=traject,
        door=regisseur,
        regels=[
            DekkingInvoer(financier=werkcentrum, categorie="procesregie", procent=D(100)),
            DekkingInvoer(financier=oss, categorie="reiskosten", maximum=D(1500)),
        ],
    )
    vandaag = timezone.localdate()
    services.boek_uitgave(
        traject=traject,
        door=regisseur,
        categorie="procesregie",
        datum=vandaag,
        omschrijving="Procesregie eerste kwartaal",
        bedrag=D(3125),
    )
    services.boek_uitgave(
        traject=traject,
        door=regisseur,
        categorie="reiskosten",
        datum=vandaag,
        omschrijving="OV-kaarten voorschakeltraject",
        bedrag=D("642.40"),
    )
    services.boek_financiersbetaling(
        traject=traject,
        door=regisseur,
        financier=werkcentrum,
        bedrag=D(3125),
        datum=vandaag,
        omschrijving="Procesregie Q1",
    )
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
    rap, ooi = (
        _org("Rijnmonds Arbeidsmarkt Perspectieffonds"),
        _org("OOI – Opleidings- en Ontwikkelingsfonds Isolatie"),
    )
    services.leg_dekking_vast(
        traject=traject,
        door=regisseur,
        regels=[
            *(
                DekkingInvoer(financier=rap, categorie=c, procent=D(100))
                for c in ["werving", "voorschakeltraject", "begeleiding", "vca", "procesregie"]
            ),
            DekkingInvoer(
                financier=ooi, categorie="vakopleiding", maximum=D(27500), in_natura=True
            ),
        ],
    )
    vandaag = timezone.localdate()
    for categorie, omschrijving, bedrag, natura in [
        ("werving", "Voorlichting en intakes", D(8500), None),
        ("procesregie", "Procesregie eerste ronde", D(6250), None),
        ("vakopleiding", "Basisvakopleiding door de opleiders van OOI", D(27500), ooi),
    ]:
        services.boek_uitgave(
            traject=traject,
            door=regisseur,
            categorie=categorie,
            datum=vandaag,
            omschrijving=omschrijving,
            bedrag=bedrag,
            in_natura_door=natura,
        )
    services.boek_financiersbetaling(
        traject=traject,
        door=regisseur,
        financier=rap,
        bedrag=D(21000),
        datum=vandaag,
        omschrijving="RAP-subsidie, eerste voorschot",
    )
