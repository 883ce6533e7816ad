"""Every edge of the Deelname table, allowed and refused, and every precondition."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from trajecten import services, workflow
from trajecten.models import Deelname, Gebeurtenis, PartnerRol, UitvalReden
from trajecten.models import DeelnameStatus as S

ALLE = list(S)


def geldige_gegevens(deelname, naar):
    """Data that satisfies the preconditions of `naar`."""
    werkgever = deelname.traject.partners.filter(rol=PartnerRol.WERKGEVER).first()
    return {
        S.NIET_GESELECTEERD: {
            "niet_geselecteerd_reden": "Taalniveau nog te laag voor de vakopleiding"
        },
        S.PLAN_B: {"plan_b": "Doorverwezen naar het traject Schilder in maart"},
        S.GEPARKEERD: {
            "parkeer_reden": "Verhuizing",
            "herbeoordeling_op": timezone.localdate() + timedelta(days=30),
        },
        S.UITGEVALLEN: {"uitval_reden": UitvalReden.HUISVESTING, "uitval_toelichting": ""},
        S.PROEFPERIODE: {"werkgever": werkgever.organisatie if werkgever else None},
        S.IN_DIENST: {
            "contract_start": date(2027, 6, 1),
            "contract_duur_maanden": 12,
            "contract_uren_per_week": 36,
            "cao": "Cao Bouw & Infra",
            "contract_afwijking_reden": "",
        },
    }.get(naar, {})


def zet_status(deelname, status, vorige=""):
    Deelname.objects.filter(pk=deelname.pk).update(status=status, vorige_status=vorige)
    deelname.refresh_from_db()
    return deelname


EDGES = [(van, naar) for van in ALLE for naar in ALLE]


@pytest.mark.parametrize(("van", "naar"), EDGES, ids=[f"{v}->{n}" for v, n in EDGES])
def test_elke_overgang(traject, deelname, regisseur, in_regio_a, van, naar):
    vorige = S.VAKOPLEIDING if van == S.GEPARKEERD else ""
    zet_status(deelname, van, vorige)
    if van == S.GEPARKEERD:
        toegestaan = naar in (S.VAKOPLEIDING, S.UITGEVALLEN)
    else:
        toegestaan = naar in workflow.OVERGANGEN[van]
    aantal_log = Gebeurtenis.objects.count()
    if toegestaan:
        services.verplaats_deelname(
            deelname=deelname, naar=naar, door=regisseur, gegevens=geldige_gegevens(deelname, naar)
        )
        deelname.refresh_from_db()
        assert deelname.status == naar
        log = Gebeurtenis.objects.filter(deelname=deelname, soort="overgang").latest("op")
        assert (log.van_status, log.naar_status, log.door) == (van, naar, regisseur)
    else:
        with pytest.raises(ValidationError, match="kan niet van"):
            services.verplaats_deelname(
                deelname=deelname,
                naar=naar,
                door=regisseur,
                gegevens=geldige_gegevens(deelname, naar),
            )
        deelname.refresh_from_db()
        assert deelname.status == van
        assert Gebeurtenis.objects.count() == aantal_log


def test_geparkeerd_gaat_terug_naar_de_vorige_status(deelname, regisseur, in_regio_a):
    zet_status(deelname, S.INTAKE)
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.GEPARKEERD,
        door=regisseur,
        gegevens=geldige_gegevens(deelname, S.GEPARKEERD),
    )
    deelname.refresh_from_db()
    assert (deelname.status, deelname.vorige_status) == (S.GEPARKEERD, S.INTAKE)
    assert workflow.toegestane_overgangen(deelname) == [S.INTAKE, S.UITGEVALLEN]
    services.verplaats_deelname(deelname=deelname, naar=workflow.VORIGE, door=regisseur)
    deelname.refresh_from_db()
    assert (deelname.status, deelname.vorige_status) == (S.INTAKE, "")


# ---- preconditions: refused without the data, nothing changes ----------------------------

ONVOLLEDIG = [
    (
        S.ASSESSMENT,
        S.NIET_GESELECTEERD,
        {"niet_geselecteerd_reden": "  "},
        "niet_geselecteerd_reden",
    ),
    (S.NIET_GESELECTEERD, S.PLAN_B, {"plan_b": ""}, "plan_b"),
    (
        S.INTAKE,
        S.GEPARKEERD,
        {"parkeer_reden": "", "herbeoordeling_op": date(2030, 1, 1)},
        "parkeer_reden",
    ),
    (
        S.INTAKE,
        S.GEPARKEERD,
        {"parkeer_reden": "Ziek", "herbeoordeling_op": None},
        "herbeoordeling_op",
    ),
    (
        S.INTAKE,
        S.GEPARKEERD,
        {"parkeer_reden": "Ziek", "herbeoordeling_op": date(2020, 1, 1)},
        "herbeoordeling_op",
    ),
    (S.VAKOPLEIDING, S.UITGEVALLEN, {"uitval_reden": "", "uitval_toelichting": ""}, "uitval_reden"),
    (
        S.VAKOPLEIDING,
        S.UITGEVALLEN,
        {"uitval_reden": UitvalReden.ANDERS, "uitval_toelichting": ""},
        "uitval_toelichting",
    ),
    (S.VAKOPLEIDING, S.PROEFPERIODE, {"werkgever": None}, "werkgever"),
]


@pytest.mark.parametrize(("van", "naar", "gegevens", "veld"), ONVOLLEDIG)
def test_voorwaarden(deelname, regisseur, in_regio_a, van, naar, gegevens, veld):
    zet_status(deelname, van)
    with pytest.raises(ValidationError) as fout:
        services.verplaats_deelname(deelname=deelname, naar=naar, door=regisseur, gegevens=gegevens)
    assert veld in fout.value.message_dict
    deelname.refresh_from_db()
    assert deelname.status == van
    assert not Gebeurtenis.objects.filter(deelname=deelname, soort="overgang").exists()


def test_proefperiode_alleen_met_werkgever_van_het_traject(deelname, regisseur, in_regio_a):
    from tests.factories import OrganisatieFactory

    zet_status(deelname, S.VAKOPLEIDING)
    vreemde = OrganisatieFactory(soort="werkgever")
    with pytest.raises(ValidationError, match="geen partner"):
        services.verplaats_deelname(
            deelname=deelname, naar=S.PROEFPERIODE, door=regisseur, gegevens={"werkgever": vreemde}
        )
    deelname.refresh_from_db()
    assert deelname.status == S.VAKOPLEIDING and deelname.werkgever is None


CONTRACT = {
    "contract_start": date(2027, 6, 1),
    "contract_duur_maanden": 12,
    "contract_uren_per_week": 36,
    "cao": "Cao Bouw & Infra",
    "contract_afwijking_reden": "",
}


@pytest.mark.parametrize(
    "ontbreekt", ["contract_start", "contract_duur_maanden", "contract_uren_per_week", "cao"]
)
def test_in_dienst_vraagt_volledig_contract(deelname, regisseur, in_regio_a, ontbreekt):
    zet_status(deelname, S.PROEFPERIODE)
    gegevens = {**CONTRACT, ontbreekt: "" if ontbreekt == "cao" else None}
    with pytest.raises(ValidationError) as fout:
        services.verplaats_deelname(
            deelname=deelname, naar=S.IN_DIENST, door=regisseur, gegevens=gegevens
        )
    assert list(fout.value.message_dict) == [ontbreekt]
    deelname.refresh_from_db()
    assert deelname.status == S.PROEFPERIODE


@pytest.mark.parametrize(
    ("veld", "waarde"), [("contract_duur_maanden", 5), ("contract_uren_per_week", 24)]
)
def test_kort_of_klein_contract_vraagt_reden(deelname, regisseur, in_regio_a, veld, waarde):
    zet_status(deelname, S.PROEFPERIODE)
    with pytest.raises(ValidationError) as fout:
        services.verplaats_deelname(
            deelname=deelname, naar=S.IN_DIENST, door=regisseur, gegevens={**CONTRACT, veld: waarde}
        )
    assert list(fout.value.message_dict) == ["contract_afwijking_reden"]
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.IN_DIENST,
        door=regisseur,
        gegevens={
            **CONTRACT,
            veld: waarde,
            "contract_afwijking_reden": "Seizoenswerk; verlenging besproken",
        },
    )
    deelname.refresh_from_db()
    assert deelname.status == S.IN_DIENST


def test_geen_overgang_in_afgesloten_traject(traject, deelname, regisseur, in_regio_a):
    from trajecten.models import Traject, TrajectStatus

    Traject.objects.filter(pk=traject.pk).update(status=TrajectStatus.GEANNULEERD)
    with pytest.raises(ValidationError, match="afgesloten of geannuleerd"):
        services.verplaats_deelname(deelname=deelname, naar=S.INTAKE, door=regisseur)


def test_effecten_na_commit(deelname, regisseur, django_capture_on_commit_callbacks):
    from trajecten.signals import deelname_overgegaan

    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs)

    deelname_overgegaan.connect(ontvanger)
    try:
        with (
            scope(regio=deelname.regio_id),
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            services.verplaats_deelname(deelname=deelname, naar=S.INTAKE, door=regisseur)
        assert ontvangen == []  # nothing before commit
        for callback in callbacks:
            callback()
        assert ontvangen == [
            {
                "signal": deelname_overgegaan,
                "deelname_id": deelname.pk,
                "van": S.AANGEMELD,
                "naar": S.INTAKE,
            }
        ]
    finally:
        deelname_overgegaan.disconnect(ontvanger)


def test_velden_van_een_andere_overgang_worden_geweigerd(deelname, regisseur, in_regio_a):
    with pytest.raises(ValueError, match="do not belong"):
        services.verplaats_deelname(
            deelname=deelname, naar=S.INTAKE, door=regisseur, gegevens={"cao": "x"}
        )
