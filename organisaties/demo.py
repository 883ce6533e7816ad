"""Demo data modelled on the pilots of seed 000 (fictional people, real kinds of parties).

Idempotent: every row is found by its natural key first, so loading twice changes nothing.
"""

import base64
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scope

from . import tweestaps
from .models import Lidmaatschap, Organisatie, Regio, Rol, User

DEMO_WACHTWOORD = "schakel-demo-2026"
# The authenticator key of every demo login whose role requires the second step (ADR 0015):
# known and printed, for the demo only. Add it to an authenticator app, or
# `oathtool --totp -b SCHAKELDEMOTWEESTAPSCHAKELDEMO26` prints the current code.
DEMO_TOTP_SLEUTEL = "SCHAKELDEMOTWEESTAPSCHAKELDEMO26"

S = Organisatie.Soort

# name, kind, KvK number (fictional, 8 digits) – shared between regio's where the name is.
ORGANISATIES = {
    "wcnob": ("Werkcentrum Noordoost-Brabant", S.RWC_WSP, ""),
    "wijtechniek": ("Wij Techniek", S.OO_FONDS, "41181396"),
    "vakwijs": ("Vakwijs", S.OPLEIDER, "17263645"),
    "denbosch": ("Gemeente 's-Hertogenbosch", S.GEMEENTE, ""),
    "oss": ("Gemeente Oss", S.GEMEENTE, ""),
    "vwn": ("VluchtelingenWerk Zuid-Nederland", S.DIENSTVERLENER, "41083207"),
    "heuvel": ("Installatiebedrijf Van den Heuvel B.V.", S.WERKGEVER, "16052471"),
    "maasland": ("Elektrotechniek Maasland B.V.", S.WERKGEVER, "17098632"),
    "wsprijnmond": ("Werkgeversservicepunt Rijnmond", S.RWC_WSP, ""),
    "ooi": ("OOI – Opleidings- en Ontwikkelingsfonds Isolatie", S.OO_FONDS, "41149683"),
    "rotterdam": ("Gemeente Rotterdam", S.GEMEENTE, ""),
    "rapf": ("Rijnmonds Arbeidsmarkt Perspectieffonds", S.SUBSIDIEGEVER, ""),
    "isorijn": ("Isolatietechniek Rijnmond B.V.", S.WERKGEVER, "24418875"),
    "dakgevel": ("Dak & Gevel Isolatie Zuid B.V.", S.WERKGEVER, "24375512"),
}

REGIOS = {
    "noordoost-brabant": (
        "Noordoost-Brabant",
        ["wcnob", "wijtechniek", "vakwijs", "denbosch", "oss", "vwn", "heuvel", "maasland"],
    ),
    "rijnmond": ("Rijnmond", ["wsprijnmond", "ooi", "rotterdam", "rapf", "isorijn", "dakgevel"]),
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    naam: str
    regio: str
    organisatie: str
    rol: str


LOGINS = [
    DemoLogin(
        "procesregisseur@nob.example",
        "Marieke van Dijk",
        "noordoost-brabant",
        "wcnob",
        Rol.PROCESREGISSEUR,
    ),
    DemoLogin(
        "klantmanager.denbosch@nob.example",
        "Ahmed Bouzid",
        "noordoost-brabant",
        "denbosch",
        Rol.KLANTMANAGER,
    ),
    DemoLogin(
        "klantmanager.oss@nob.example",
        "Els Verhoeven",
        "noordoost-brabant",
        "oss",
        Rol.KLANTMANAGER,
    ),
    DemoLogin(
        "financier@nob.example", "Ruud Janssen", "noordoost-brabant", "wijtechniek", Rol.FINANCIER
    ),
    # A financier that is not an O&O-fonds: the Werkcentrum pays the procesregie (pilot 4).
    DemoLogin(
        "financier.werkcentrum@nob.example",
        "Jeroen Kuijpers",
        "noordoost-brabant",
        "wcnob",
        Rol.FINANCIER,
    ),
    DemoLogin("opleider@nob.example", "Ingrid Smits", "noordoost-brabant", "vakwijs", Rol.OPLEIDER),
    DemoLogin("begeleider@nob.example", "Yonas Tesfay", "noordoost-brabant", "vwn", Rol.BEGELEIDER),
    DemoLogin(
        "werkgever@nob.example", "Hans van den Heuvel", "noordoost-brabant", "heuvel", Rol.WERKGEVER
    ),
    DemoLogin("beheerder@nob.example", "Petra de Wit", "noordoost-brabant", "wcnob", Rol.BEHEERDER),
    DemoLogin(
        "procesregisseur@rijnmond.example",
        "Kees Hoogendoorn",
        "rijnmond",
        "wsprijnmond",
        Rol.PROCESREGISSEUR,
    ),
    DemoLogin(
        "klantmanager@rijnmond.example",
        "Samira El Idrissi",
        "rijnmond",
        "rotterdam",
        Rol.KLANTMANAGER,
    ),
    DemoLogin("financier@rijnmond.example", "Wim de Graaf", "rijnmond", "ooi", Rol.FINANCIER),
    DemoLogin("financier.rap@rijnmond.example", "Fatma Yilmaz", "rijnmond", "rapf", Rol.FINANCIER),
    DemoLogin("opleider@rijnmond.example", "Bart Kok", "rijnmond", "ooi", Rol.OPLEIDER),
    DemoLogin(
        "begeleider@rijnmond.example", "Lotte Mulder", "rijnmond", "wsprijnmond", Rol.BEGELEIDER
    ),
    DemoLogin(
        "werkgever@rijnmond.example", "Dennis Vermeulen", "rijnmond", "isorijn", Rol.WERKGEVER
    ),
    DemoLogin(
        "beheerder@rijnmond.example", "Anouk Peters", "rijnmond", "wsprijnmond", Rol.BEHEERDER
    ),
    # One person in both regio's: a trajectcoördinator of Wij Techniek / OOI's shared desk.
    DemoLogin(
        "coordinator@beide.example",
        "Noor Hendriks",
        "noordoost-brabant",
        "wcnob",
        Rol.PROCESREGISSEUR,
    ),
    DemoLogin(
        "coordinator@beide.example", "Noor Hendriks", "rijnmond", "wsprijnmond", Rol.PROCESREGISSEUR
    ),
]


def _organisatie(sleutel: str) -> Organisatie:
    naam, soort, kvk = ORGANISATIES[sleutel]
    organisatie, _ = Organisatie.objects.get_or_create(
        naam=naam, defaults={"soort": soort, "kvk_nummer": kvk}
    )
    return organisatie


@transaction.atomic
def laad_demodata() -> list[DemoLogin]:
    regios = {}
    for slug, (naam, sleutels) in REGIOS.items():
        regio, _ = Regio.objects.get_or_create(slug=slug, defaults={"naam": naam})
        regio.organisaties.add(*(_organisatie(s) for s in sleutels))
        regios[slug] = regio
    for login in LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = User.objects.create_user(login.email, DEMO_WACHTWOORD, naam=login.naam)
        regio = regios[login.regio]
        with scope(regio=regio.pk):
            Lidmaatschap.objects.get_or_create(
                regio=regio,
                user=user,
                organisatie=_organisatie(login.organisatie),
                rol=login.rol,
                beeindigd_op__isnull=True,
            )
    for user in User.objects.filter(email__in={login.email for login in LOGINS}):
        if tweestaps.is_verplicht(user) and not tweestaps.ingesteld(user):
            TOTPDevice.objects.create(
                user=user,
                name="Demo",
                key=base64.b32decode(DEMO_TOTP_SLEUTEL).hex(),
                confirmed=True,
            )
    return LOGINS
