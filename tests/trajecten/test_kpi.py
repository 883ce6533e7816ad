"""The funnel and success rate against hand-computed figures for a round built like pilot 1 of
seed 000 (glaszetten: 10 starters, 10 VCA, 9 opleiding afgerond, 7 arbeidscontracten)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import maak_traject, meld_aan
from trajecten import selectors, services
from trajecten.models import (
    ChecklistStap,
    PartnerRol,
    StapStatus,
    UitvalReden,
)
from trajecten.models import (
    DeelnameStatus as S,
)
from trajecten.models import (
    TrajectStatus as T,
)

AMS = ZoneInfo("Europe/Amsterdam")


def op(dag: date):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS), tick=False)


def verplaats(deelnames, naar, regisseur, **gegevens):
    for d in deelnames:
        services.verplaats_deelname(
            deelname=d,
            naar=naar,
            door=regisseur,
            gegevens=gegevens or None,
            reden="Pilot 1 nagespeeld, zonder verslagen",
        )


@pytest.fixture
def pilot1(wereld, regisseur, in_regio_a):
    with op(date(2026, 10, 1)):
        traject = maak_traject(wereld.regio_a, regisseur, start=date(2026, 11, 1))
    werkgever = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie
    ChecklistStap.objects.filter(traject=traject).update(status=StapStatus.GEDAAN)
    with op(date(2026, 11, 1)):
        services.verplaats_traject(traject=traject, naar=T.WERVING, door=regisseur)
        alle = meld_aan(traject, regisseur, 14)
    with op(date(2026, 12, 1)):
        verplaats(alle[:13], S.INTAKE, regisseur)
        verplaats(alle[:12], S.ASSESSMENT, regisseur)
    with op(date(2027, 1, 10)):
        verplaats(alle[:10], S.GESELECTEERD, regisseur)
        verplaats(alle[10:12], S.NIET_GESELECTEERD, regisseur, niet_geselecteerd_reden="Groep vol")
        verplaats(alle[10:12], S.WACHTLIJST, regisseur)
    starters = alle[:10]
    with op(date(2027, 1, 15)):
        services.verplaats_traject(traject=traject, naar=T.VOORSCHAKELTRAJECT, door=regisseur)
        verplaats(starters, S.VOORSCHAKELTRAJECT, regisseur)
    with op(date(2027, 2, 1)):
        verplaats(starters, S.VAKOPLEIDING, regisseur)
        for d in starters:  # all 10 VCA
            services.registreer_resultaat(
                deelname=d, door=regisseur, vca_behaald_op=date(2027, 2, 1)
            )
    with op(date(2027, 2, 20)):
        verplaats(
            starters[9:],
            S.UITGEVALLEN,
            regisseur,
            uitval_reden=UitvalReden.NIET_ARBEIDSFIT,
            uitval_toelichting="",
        )
    with op(date(2027, 3, 1)):
        for d in starters[:9]:  # 9 opleiding afgerond
            services.registreer_resultaat(
                deelname=d, door=regisseur, vakopleiding_afgerond_op=date(2027, 3, 1)
            )
        verplaats(
            starters[8:9],
            S.UITGEVALLEN,
            regisseur,
            uitval_reden=UitvalReden.SCHULDEN,
            uitval_toelichting="",
        )
    with op(date(2027, 3, 11)):
        verplaats(starters[:8], S.PROEFPERIODE, regisseur, werkgever=werkgever)
    with op(date(2027, 4, 1)):
        verplaats(
            starters[7:8],
            S.UITGEVALLEN,
            regisseur,
            uitval_reden=UitvalReden.HUISVESTING,
            uitval_toelichting="",
        )
    contract = {
        "contract_start": date(2027, 5, 11),
        "contract_duur_maanden": 12,
        "contract_uren_per_week": 38,
        "cao": "Cao Glas",
        "contract_afwijking_reden": "",
    }
    with op(date(2027, 5, 11)):
        verplaats(starters[:7], S.IN_DIENST, regisseur, **contract)
    return traject


def test_pilot1_trechter_en_succes(pilot1, regisseur, wereld):
    kpi = selectors.kpi_traject(user=regisseur, regio=wereld.regio_a, traject=pilot1)
    assert {code: n for code, _label, n in kpi.funnel} == {
        "aangemeld": 14,
        "intake": 13,
        "assessment": 12,
        "geselecteerd": 10,
        "gestart": 10,
        "vca": 10,
        "vakopleiding": 9,
        "proefperiode": 8,
        "in_dienst": 7,
        "nazorg_afgerond": 0,
    }
    assert kpi.succes_percentage == Decimal("70")
    assert kpi.succes_gehaald is True
    assert sorted(kpi.uitval) == [
        ("Huisvesting", 1),
        ("Niet arbeidsfit genoeg", 1),
        ("Schulden", 1),
    ]
    assert kpi.selectie_tot_proefperiode_dagen == 60  # 10 jan → 11 mrt
    assert kpi.werving_dagen == 75  # 1 nov → 15 jan


def test_regio_kpi_telt_alle_trajecten(pilot1, regisseur, wereld):
    with op(date(2027, 6, 1)):
        tweede = maak_traject(wereld.regio_a, regisseur)
        meld_aan(tweede, regisseur, 2)
    kpi = selectors.kpi_regio(user=regisseur, regio=wereld.regio_a)
    assert kpi.aantal("aangemeld") == 16
    assert kpi.aantal("in_dienst") == 7
    assert kpi.succes_percentage == Decimal("70")


def test_lege_trechter_geeft_geen_percentage(traject, regisseur, wereld, in_regio_a):
    kpi = selectors.kpi_traject(user=regisseur, regio=wereld.regio_a, traject=traject)
    assert kpi.succes_percentage is None and kpi.succes_gehaald is None


def test_klantmanager_telt_alleen_eigen_gemeente(wereld, regisseur, in_regio_a):
    from organisaties.models import Rol
    from tests.factories import lid

    traject = maak_traject(wereld.regio_a, regisseur, gemeenten=2)
    g1, g2 = [p.organisatie for p in traject.partners.filter(rol=PartnerRol.GEMEENTE)]
    meld_aan(traject, regisseur, 3, gemeente=g1)
    meld_aan(traject, regisseur, 2, gemeente=g2)
    km = lid(wereld.regio_a, Rol.KLANTMANAGER, organisatie=g2)
    assert (
        selectors.kpi_traject(user=km, regio=wereld.regio_a, traject=traject).aantal("aangemeld")
        == 2
    )
    assert selectors.deelnames_zichtbaar_voor(km, wereld.regio_a).count() == 2
    opleider = wereld.per_rol[Rol.OPLEIDER]
    assert selectors.deelnames_zichtbaar_voor(opleider, wereld.regio_a).count() == 0
