"""Demo trajecten: a running round in Noordoost-Brabant and one in opstart in Rijnmond.

Built through the services, so history, mijlpalen and KPIs are real. Idempotent: a traject that
exists (by name) is left alone.
"""

from datetime import date

from django.db import transaction
from django_scopes import scope

from organisaties.models import Organisatie, Regio, User
from werving import services as werving_services
from werving.models import Ontvanger, Vacature

from . import services
from .models import (
    Beroep,
    PartnerRol,
    StapStatus,
    Traject,
    TrajectStatus,
    UitvalReden,
)
from .models import (
    DeelnameStatus as S,
)
from .opstart import BEROEPEN

NAMEN = [
    ("Ahmad", "Al-Hassan", "'s-Hertogenbosch"),
    ("Semhar", "Tesfamariam", "'s-Hertogenbosch"),
    ("Yusuf", "Rahimi", "Oss"),
    ("Mariam", "Haidari", "'s-Hertogenbosch"),
    ("Dawit", "Kidane", "Oss"),
    ("Omar", "Khalil", "'s-Hertogenbosch"),
    ("Rania", "Suleiman", "Oss"),
    ("Tesfay", "Gebremedhin", "'s-Hertogenbosch"),
    ("Farid", "Noori", "Oss"),
    ("Aster", "Woldu", "'s-Hertogenbosch"),
    ("Bilal", "Mansour", "Oss"),
    ("Hiba", "Darwish", "'s-Hertogenbosch"),
]

PROFIELEN = [
    {
        "taalniveau_nl": "A2",
        "dagen_beschikbaar": 4,
        "inburgering": "statushouder",
        "woonplaats": "'s-Hertogenbosch",
        "vervoer_geregeld": True,
        "digitaal_vaardig": True,
    },
    {
        "taalniveau_nl": "A1",
        "dagen_beschikbaar": 5,
        "inburgering": "statushouder",
        "woonplaats": "Oss",
        "rijbewijs": "lessen",
    },
    {
        "taalniveau_nl": "B1",
        "taalniveau_en": "B1",
        "dagen_beschikbaar": 3,
        "inburgering": "anderstalig",
        "woonplaats": "Rosmalen",
        "rijbewijs": "b",
        "vervoer_geregeld": True,
        "reiskosten_geregeld": True,
        "digitaal_vaardig": True,
    },
]

# Where each demo deelnemer ends up (index in NAMEN → path of states).
TOT_SELECTIE = [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD]
PADEN = {
    **{i: [*TOT_SELECTIE, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING] for i in range(0, 6)},
    **{i: [*TOT_SELECTIE, S.VOORSCHAKELTRAJECT] for i in range(6, 9)},
    9: [*TOT_SELECTIE, S.VOORSCHAKELTRAJECT, S.UITGEVALLEN],
    10: [S.INTAKE, S.ASSESSMENT, S.NIET_GESELECTEERD, S.WACHTLIJST],
    11: [S.INTAKE, S.GEPARKEERD],
}
GEGEVENS = {
    S.UITGEVALLEN: {
        "uitval_reden": UitvalReden.HUISVESTING,
        "uitval_toelichting": "Verhuisd naar een andere gemeente",
    },
    S.NIET_GESELECTEERD: {
        "niet_geselecteerd_reden": "Groep vol; sterke kandidaat voor de volgende ronde"
    },
    S.GEPARKEERD: {
        "parkeer_reden": "Gezinshereniging: wacht op aankomst gezin",
        "herbeoordeling_op": date(2027, 2, 1),
    },
}
# The demo records no intake or assessment reports and links coaches afterwards: the steps say why.
REDENEN = {
    S.INTAKE: "Intake op de voorlichtingsdag; het verslag volgt.",
    S.GESELECTEERD: "Uitslag van het assessment mondeling doorgegeven door Vakwijs.",
    S.VOORSCHAKELTRAJECT: "De arbeidscoach wordt in de eerste week gekoppeld.",
}


def _org(naam):
    return Organisatie.objects.get(naam=naam)


def _partners(namen: dict[str, list[str]]):
    return {rol: [_org(n) for n in lijst] for rol, lijst in namen.items()}


@transaction.atomic
def _beroep(naam: str) -> Beroep:
    """A job of the list the migrations seed; found or made again, because the browser tests
    (a live server) empty every table between tests, seeded rows too."""
    return Beroep.objects.get_or_create(naam=naam, defaults={"branche": dict(BEROEPEN)[naam]})[0]


def laad_demotrajecten() -> None:
    nob = Regio.objects.get(slug="noordoost-brabant")
    rijnmond = Regio.objects.get(slug="rijnmond")
    with scope(regio=nob.pk):
        if not Traject.objects.filter(
            naam="Installatiemonteur Noordoost-Brabant, ronde 1"
        ).exists():
            _nob(nob, User.objects.get(email="procesregisseur@nob.example"))
    with scope(regio=rijnmond.pk):
        if not Traject.objects.filter(naam="Isolatiemonteur Rijnmond, ronde 1").exists():
            _rijnmond(rijnmond, User.objects.get(email="procesregisseur@rijnmond.example"))


def _nob(regio, regisseur):
    traject = services.maak_traject(
        regio=regio,
        door=regisseur,
        naam="Installatiemonteur Noordoost-Brabant, ronde 1",
        branche="installatietechniek",
        beroep=_beroep("Installatiemonteur"),
        groepsgrootte=10,
        planning=services.standaard_faseplanning(date(2026, 9, 1)),
        partners=_partners(
            {
                PartnerRol.PROCESREGISSEUR: ["Werkcentrum Noordoost-Brabant"],
                PartnerRol.OO_FONDS: ["Wij Techniek"],
                PartnerRol.OPLEIDER: ["Vakwijs"],
                PartnerRol.DIENSTVERLENER: ["VluchtelingenWerk Zuid-Nederland"],
                PartnerRol.GEMEENTE: ["Gemeente 's-Hertogenbosch", "Gemeente Oss"],
                PartnerRol.WERKGEVER: [
                    "Installatiebedrijf Van den Heuvel B.V.",
                    "Elektrotechniek Maasland B.V.",
                ],
            }
        ),
    )
    for stap in traject.checklist.all():
        services.werk_checkliststap_bij(stap=stap, door=regisseur, status=StapStatus.GEDAAN)
    services.verplaats_traject(traject=traject, naar=TrajectStatus.WERVING, door=regisseur)
    for i, (voornaam, achternaam, plaats) in enumerate(NAMEN):
        deelname = werving_services.meld_aan(
            traject=traject,
            door=regisseur,
            voornaam=voornaam,
            achternaam=achternaam,
            gemeente=_org(f"Gemeente {plaats}"),
            toestemmingen={
                Ontvanger.PROCESREGISSEUR,
                Ontvanger.OPLEIDER,
                Ontvanger.BEGELEIDER,
                Ontvanger.WERKGEVER,
            },
            **PROFIELEN[i % len(PROFIELEN)],
        )
        for naar in PADEN[i]:
            services.verplaats_deelname(
                deelname=deelname,
                naar=naar,
                door=regisseur,
                gegevens=GEGEVENS.get(naar),
                reden=REDENEN.get(naar, ""),
            )
        if S.VAKOPLEIDING in PADEN[i]:
            services.registreer_resultaat(
                deelname=deelname, door=regisseur, vca_behaald_op=date(2026, 11, 6)
            )
    services.verplaats_traject(
        traject=traject, naar=TrajectStatus.VOORSCHAKELTRAJECT, door=regisseur
    )
    _werkgevers_nob(traject, regisseur)
    _begeleiding_nob(traject, regisseur)


def _werkgevers_nob(traject, regisseur):
    """Baangaranties, vacatures and two matches, as the pilots arranged them before recruitment."""
    heuvel = _org("Installatiebedrijf Van den Heuvel B.V.")
    maasland = _org("Elektrotechniek Maasland B.V.")
    for werkgever, plaatsen, functie, plaats, uren in [
        (heuvel, 6, "Installatiemonteur (leerling)", "'s-Hertogenbosch", 32),
        (maasland, 4, "Hulpmonteur elektrotechniek", "Oss", 36),
    ]:
        werving_services.leg_baangarantie_vast(
            traject=traject,
            werkgever=werkgever,
            aantal_plaatsen=plaatsen,
            door=regisseur,
        )
        Vacature.objects.create(
            regio_id=traject.regio_id,
            werkgever=werkgever,
            traject=traject,
            functie=functie,
            aantal_plaatsen=plaatsen,
            werklocatie=plaats,
            uren_per_week=uren,
            deeltijd_mogelijk=uren > 32,
            contract_maanden=12,
            cao="Cao Metaal en Techniek",
            taaleis="A2",
            buddy_beschikbaar=True,
            coaching_capaciteit=True,
        )
    vacatures = list(Vacature.objects.filter(traject=traject).order_by("pk"))
    for deelname in traject.deelnames.filter(status=S.VAKOPLEIDING).order_by("pk")[:2]:
        services.koppel_vacature(deelname=deelname, vacature=vacatures[0], door=regisseur)


def _rijnmond(regio, regisseur):
    traject = services.maak_traject(
        regio=regio,
        door=regisseur,
        naam="Isolatiemonteur Rijnmond, ronde 1",
        branche="isolatie",
        beroep=_beroep("Isolatiemonteur"),
        groepsgrootte=9,
        planning=services.standaard_faseplanning(date(2027, 2, 1)),
        partners=_partners(
            {
                PartnerRol.PROCESREGISSEUR: ["Werkgeversservicepunt Rijnmond"],
                PartnerRol.OO_FONDS: [
                    "OOI – Opleidings- en Ontwikkelingsfonds Isolatie",
                    "Rijnmonds Arbeidsmarkt Perspectieffonds",
                ],
                PartnerRol.OPLEIDER: ["OOI – Opleidings- en Ontwikkelingsfonds Isolatie"],
                PartnerRol.GEMEENTE: ["Gemeente Rotterdam"],
                PartnerRol.WERKGEVER: [
                    "Isolatietechniek Rijnmond B.V.",
                    "Dak & Gevel Isolatie Zuid B.V.",
                ],
            }
        ),
    )
    for stap in list(traject.checklist.all())[:3]:
        services.werk_checkliststap_bij(stap=stap, door=regisseur, status=StapStatus.GEDAAN)


def _begeleiding_nob(traject, regisseur):
    """Modules with sessions, coaches, a contactmoment with a follow-up and a confidential note."""
    from begeleiding import services as begeleiding_services

    vakwijs = _org("Vakwijs")
    vwn = _org("VluchtelingenWerk Zuid-Nederland")
    coach = User.objects.get(email="begeleider@nob.example")
    opleiding = begeleiding_services.voeg_module_toe(
        traject=traject, door=regisseur, soort="basisvakopleiding", aanbieder=vakwijs
    )
    vca = begeleiding_services.voeg_module_toe(
        traject=traject, door=regisseur, soort="vca", aanbieder=vakwijs
    )
    begeleiding_services.voeg_module_toe(
        traject=traject, door=regisseur, soort="werknemersvaardigheden", aanbieder=vwn
    )
    begeleiding_services.voeg_module_toe(
        traject=traject, door=regisseur, soort="cultuur_op_de_werkvloer", aanbieder=vwn
    )
    begeleiding_services.plan_sessie(
        module=vca, door=regisseur, datum=date(2026, 11, 6), locatie="Vakwijs, Oss"
    )
    for dag in (date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)):
        begeleiding_services.plan_sessie(
            module=opleiding, door=regisseur, datum=dag, locatie="Vakwijs, Oss"
        )
    for deelname in traject.deelnames.filter(
        status__in=[S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING]
    ).order_by("pk")[:6]:
        begeleiding_services.koppel_begeleider(
            deelname=deelname,
            door=regisseur,
            rol="arbeidscoach",
            persoon=coach,
            start=date(2026, 11, 2),
        )
    eerste = traject.deelnames.filter(status=S.VAKOPLEIDING).order_by("pk").first()
    begeleiding_services.leg_contactmoment_vast(
        deelname=eerste,
        door=coach,
        datum=date(2026, 11, 20),
        kanaal="whatsapp",
        deelnemers="Yonas, deelnemer",
        onderwerpen=["vervoer", "werk"],
        samenvatting="Fiets is kapot; komt met de bus naar de opleiding.",
        vervolgactie="Fiets via de gemeente regelen",
        vervolg_datum=date(2026, 11, 27),
        vervolg_eigenaar=coach,
    )
    begeleiding_services.schrijf_notitie(
        deelname=eerste,
        door=coach,
        tekst="Maakt zich zorgen over schulden; doorverwezen naar schuldhulp.",
    )
