from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_scopes import scope

from financiering import services
from financiering.services import RegelInvoer
from organisaties.models import Rol
from tests.factories import lid, maak_traject, meld_aan
from trajecten import services as traject_services
from trajecten.models import DeelnameStatus as S
from trajecten.models import PartnerRol

PAD = [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT]


def D(tekst) -> Decimal:
    return Decimal(str(tekst))


@pytest.fixture(autouse=True)
def _eind_2027():
    """These tests play rounds of 2027 (results in March, contracts from June); results cannot
    lie in the future (organisaties.datums.GEBEURD), so they run as if it were December 2027."""
    with time_machine.travel(datetime(2027, 12, 1, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        yield


@pytest.fixture
def regisseur(wereld):
    return wereld.per_rol[Rol.PROCESREGISSEUR]


@pytest.fixture
def in_regio_a(wereld):
    with scope(regio=wereld.regio_a.pk):
        yield


@pytest.fixture
def traject(wereld, regisseur):
    return maak_traject(wereld.regio_a, regisseur, gemeenten=2)


def partner(traject, rol):
    with scope(regio=traject.regio_id):
        return [p.organisatie for p in traject.partners.filter(rol=rol).order_by("pk")]


@pytest.fixture
def fonds(traject):
    return partner(traject, PartnerRol.OO_FONDS)[0]


@pytest.fixture
def gemeenten(traject):
    return partner(traject, PartnerRol.GEMEENTE)


@pytest.fixture
def klantmanagers(wereld, gemeenten):
    return [lid(wereld.regio_a, Rol.KLANTMANAGER, organisatie=g) for g in gemeenten]


@pytest.fixture
def uitvoeren(django_capture_on_commit_callbacks):
    """Runs what services schedule after commit (signals → receivers → eager tasks)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def pilot2_afspraak(traject, door, fonds, voorfinanciering="65000", **bedragen):
    """Seed 000 pilot 2: € 1,000 start, € 1,500 resultaat I, € 2,250 resultaat II."""
    with scope(regio=traject.regio_id):
        return services.leg_afspraak_vast(
            traject=traject,
            door=door,
            soort="voor_resultaat",
            fonds=fonds,
            regels=[
                RegelInvoer(
                    financier=None,
                    start_per_kandidaat=D(bedragen.get("start", "1000")),
                    resultaat_1_per_kandidaat=D(bedragen.get("r1", "1500")),
                    resultaat_2_per_kandidaat=D(bedragen.get("r2", "2250")),
                ),
                RegelInvoer(financier=fonds, voorfinanciering=D(voorfinanciering)),
            ],
        )


def ga_naar(deelname, door, doel, *, contract_maanden=12, afwijking=""):
    """Moves a deelname along the main path up to `doel` through the real service."""
    volgorde = [*PAD, S.VAKOPLEIDING, S.PROEFPERIODE, S.IN_DIENST]
    with scope(regio=deelname.regio_id):
        deelname.refresh_from_db()
        werkgever = deelname.traject.partners.filter(rol=PartnerRol.WERKGEVER).first().organisatie
        start = volgorde.index(deelname.status) + 1 if deelname.status in volgorde else 0
        for naar in volgorde[start : volgorde.index(doel) + 1]:
            gegevens = {}
            if naar == S.PROEFPERIODE:
                gegevens = {"werkgever": werkgever}
            if naar == S.IN_DIENST:
                gegevens = {
                    "contract_start": date(2027, 6, 1),
                    "contract_duur_maanden": contract_maanden,
                    "contract_uren_per_week": 36,
                    "cao": "Cao Glas",
                    "contract_afwijking_reden": afwijking,
                }
            traject_services.verplaats_deelname(
                deelname=deelname,
                naar=naar,
                door=door,
                gegevens=gegevens,
                reden="Nagespeeld zonder verslagen",
            )
        deelname.refresh_from_db()
    return deelname


def vakopleiding_af(deelname, door, op=date(2027, 3, 15)):
    with scope(regio=deelname.regio_id):
        return traject_services.registreer_resultaat(
            deelname=deelname, door=door, vakopleiding_afgerond_op=op
        )


__all__ = ["D", "ga_naar", "meld_aan", "pilot2_afspraak", "vakopleiding_af"]
