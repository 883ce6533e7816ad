"""Every edge of the Deelname tables, allowed and refused, in each mode (an ordinary step with
every werving plan, stopping a round, undoing a step), and every precondition."""

from datetime import date, timedelta
from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from trajecten import services, workflow
from trajecten.models import Deelname, Gebeurtenis, PartnerRol, Traject, UitvalReden
from trajecten.models import DeelnameStatus as S
from trajecten.workflow import Modus

ALLE = list(S)
VANDAAG = timezone.localdate


def geldige_gegevens(deelname, naar, modus=Modus.GEWOON):
    """Data that satisfies the preconditions of `naar`."""
    if modus == Modus.ONGEDAAN:
        return {}
    werkgever = deelname.traject.partners.filter(rol=PartnerRol.WERKGEVER).first()
    uitval = UitvalReden.TRAJECT_GESTOPT if modus == Modus.STOPPEN else UitvalReden.HUISVESTING
    return {
        S.NIET_GESELECTEERD: {
            "niet_geselecteerd_reden": "Taalniveau nog te laag voor de vakopleiding"
        },
        S.PLAN_B: {"plan_b": "Doorverwezen naar het traject Schilder in maart"},
        S.GEPARKEERD: {
            "parkeer_reden": "Verhuizing",
            "herbeoordeling_op": VANDAAG() + timedelta(days=30),
        },
        S.UITGEVALLEN: {"uitval_reden": uitval, "uitval_toelichting": ""},
        S.PROEFPERIODE: {"werkgever": werkgever.organisatie if werkgever else None},
        S.IN_DIENST: {
            "contract_start": VANDAAG(),
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


class _Terug(Exception):
    """Rolls one attempt back, so the next edge meets the same deelname."""


def probeer(deelname, van, naar, regisseur, modus=Modus.GEWOON):
    """Tries van → naar in `modus` inside a savepoint that is rolled back. Returns the status
    the deelname reached and its log row, or the refusal."""
    uitkomst = {}
    try:
        with transaction.atomic():
            vorige = S.VAKOPLEIDING if van == S.GEPARKEERD else ""
            zet_status(deelname, van, vorige)
            herstelt = None
            if modus == Modus.ONGEDAAN:
                # The step being undone: naar → van, just now, by the regisseur.
                herstelt = Gebeurtenis.objects.create(
                    regio_id=deelname.regio_id,
                    traject=deelname.traject,
                    deelname=deelname,
                    door=regisseur,
                    soort="overgang",
                    omschrijving="x",
                    van_status=naar,
                    naar_status=van,
                )
            aantal_log = Gebeurtenis.objects.count()
            try:
                services.verplaats_deelname(
                    deelname=deelname,
                    naar=naar,
                    door=regisseur,
                    gegevens=geldige_gegevens(deelname, naar, modus),
                    reden="Zo afgesproken",
                    modus=modus,
                    herstelt=herstelt,
                )
            except ValidationError as fout:
                deelname.refresh_from_db()
                uitkomst = {
                    "geweigerd": str(fout),
                    "status": deelname.status,
                    "log": Gebeurtenis.objects.count() - aantal_log,
                }
            else:
                deelname.refresh_from_db()
                log = Gebeurtenis.objects.filter(deelname=deelname, soort="overgang").latest(
                    "op", "pk"
                )
                uitkomst = {
                    "status": deelname.status,
                    "log": (log.van_status, log.naar_status, log.door, log.herstelt_id),
                    "herstelt": herstelt.pk if herstelt else None,
                }
            raise _Terug
    except _Terug:
        pass
    return uitkomst


def controleer(deelname, van, naar, regisseur, modus, toegestaan):
    uitkomst = probeer(deelname, van, naar, regisseur, modus)
    if toegestaan:
        assert "geweigerd" not in uitkomst, (van, naar, modus, uitkomst)
        assert uitkomst["status"] == naar, (van, naar, modus)
        assert uitkomst["log"] == (van, naar, regisseur, uitkomst["herstelt"])
    else:
        assert "kan niet van" in uitkomst.get("geweigerd", ""), (van, naar, modus, uitkomst)
        assert (uitkomst["status"], uitkomst["log"]) == (van, 0), (van, naar, modus)


@pytest.mark.parametrize("van", ALLE)
def test_elke_gewone_overgang(traject, deelname, regisseur, in_regio_a, van):
    """The full plan (intake, assessment and selection): the shortcuts are refused."""
    for naar in ALLE:
        if van == S.GEPARKEERD:
            toegestaan = naar in (S.VAKOPLEIDING, S.UITGEVALLEN)
        else:
            toegestaan = naar in workflow.OVERGANGEN[van] and not workflow.overgeslagen(van, naar)
        controleer(deelname, van, naar, regisseur, Modus.GEWOON, toegestaan)


PLANNEN = list(product([True, False], repeat=3))


@pytest.mark.parametrize(
    ("met_intake", "met_assessment", "met_selectie"),
    PLANNEN,
    ids=["-".join(n for n, aan in zip(("intake", "assessment", "selectie"), p, strict=True) if aan)
         or "geen" for p in PLANNEN],
)  # fmt: skip
def test_werving_routes_volgen_het_faseplan(
    traject, deelname, regisseur, in_regio_a, met_intake, met_assessment, met_selectie
):
    """Every edge within the werving route, for every plan: a step the plan leaves out is
    never entered and always jumped over; one it has is never jumped over."""
    plan = {
        "met_intake": met_intake,
        "met_assessment": met_assessment,
        "met_selectie": met_selectie,
    }
    Traject.objects.filter(pk=traject.pk).update(**plan)
    deelname.traject.refresh_from_db()
    route = workflow.WERVINGSROUTE
    for van, naar in product(route[:-1], route):
        overgeslagen = route[route.index(van) + 1 : route.index(naar)]
        toegestaan = (
            route.index(naar) > route.index(van)
            and plan.get(workflow.PLANSTAP.get(naar), True)
            and not any(plan[workflow.PLANSTAP[stap]] for stap in overgeslagen)
        )
        controleer(deelname, van, naar, regisseur, Modus.GEWOON, toegestaan)
        zet_status(deelname, van)
        assert (naar in workflow.toegestane_overgangen(deelname)) == toegestaan, (van, naar)


def test_zonder_assessment_selecteert_na_de_intake(traject, deelname, regisseur, in_regio_a):
    Traject.objects.filter(pk=traject.pk).update(met_assessment=False)
    deelname.traject.refresh_from_db()
    zet_status(deelname, S.INTAKE)
    assert workflow.toegestane_overgangen(deelname)[:2] == [S.GESELECTEERD, S.NIET_GESELECTEERD]


@pytest.mark.parametrize("van", ALLE)
def test_elke_overgang_bij_stoppen(traject, deelname, regisseur, in_regio_a, van):
    for naar in ALLE:
        controleer(deelname, van, naar, regisseur, Modus.STOPPEN, naar in workflow.BIJ_STOPPEN[van])


def test_stoppen_biedt_uitval_wachtlijst_of_plan_b():
    assert set(workflow.BIJ_STOPPEN) == set(S)
    for van, keuzes in workflow.BIJ_STOPPEN.items():
        if van in workflow.EINDSTATUSSEN or van in (S.IN_DIENST, S.NAZORG):
            assert keuzes == ()
        elif van == S.NIET_GESELECTEERD:
            assert keuzes == (S.WACHTLIJST, S.PLAN_B)
        else:
            assert keuzes == (S.UITGEVALLEN, S.WACHTLIJST, S.PLAN_B)


@pytest.mark.parametrize("van", ALLE)
def test_elke_overgang_bij_ongedaan_maken(traject, deelname, regisseur, in_regio_a, van):
    for naar in ALLE:
        controleer(deelname, van, naar, regisseur, Modus.ONGEDAAN, naar in workflow.TERUG[van])


def test_terug_is_precies_het_omgekeerde_van_de_gewone_tabel():
    gewoon = {
        (van, naar)
        for van, doelen in workflow.OVERGANGEN.items()
        for naar in doelen
        if naar != workflow.VORIGE
    }
    # Out of parking goes back to any state that can park.
    gewoon |= {(S.GEPARKEERD, s) for s, d in workflow.OVERGANGEN.items() if S.GEPARKEERD in d}
    assert set(workflow.TERUG) == set(S)
    terug = {(van, naar) for van, doelen in workflow.TERUG.items() for naar in doelen}
    assert terug == {(naar, van) for van, naar in gewoon}


def test_ongedaan_alleen_met_de_stap_die_het_terugdraait(deelname, regisseur, in_regio_a):
    zet_status(deelname, S.INTAKE)
    with pytest.raises(ValueError, match="reverses"):
        services.verplaats_deelname(
            deelname=deelname, naar=S.AANGEMELD, door=regisseur, modus=Modus.ONGEDAAN
        )
    andere = Gebeurtenis.objects.create(
        regio_id=deelname.regio_id,
        traject=deelname.traject,
        deelname=deelname,
        door=regisseur,
        soort="overgang",
        omschrijving="x",
        van_status=S.AANGEMELD,
        naar_status=S.NIET_GESELECTEERD,
    )
    with pytest.raises(ValueError, match="reverses"):
        services.verplaats_deelname(
            deelname=deelname,
            naar=S.AANGEMELD,
            door=regisseur,
            modus=Modus.ONGEDAAN,
            herstelt=andere,
        )


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


def test_traject_gestopt_is_geen_gewone_uitvalreden(deelname, regisseur, in_regio_a):
    zet_status(deelname, S.VAKOPLEIDING)
    with pytest.raises(ValidationError) as fout:
        services.verplaats_deelname(
            deelname=deelname,
            naar=S.UITGEVALLEN,
            door=regisseur,
            gegevens={"uitval_reden": UitvalReden.TRAJECT_GESTOPT, "uitval_toelichting": ""},
        )
    assert "uitval_reden" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.verplaats_deelname(
            deelname=deelname,
            naar=S.UITGEVALLEN,
            door=regisseur,
            gegevens={"uitval_reden": UitvalReden.SCHULDEN, "uitval_toelichting": ""},
            modus=Modus.STOPPEN,
        )
    assert "uitval_reden" in fout.value.message_dict


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
    "contract_start": timezone.localdate(),
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
            services.verplaats_deelname(
                deelname=deelname, naar=S.INTAKE, door=regisseur, reden="Telefonisch"
            )
        assert ontvangen == []  # nothing before commit
        for callback in callbacks:
            callback()
        assert ontvangen == [
            {
                "signal": deelname_overgegaan,
                "deelname_id": deelname.pk,
                "van": S.AANGEMELD,
                "naar": S.INTAKE,
                "ongedaan": False,
                "door_id": regisseur.pk,
            }
        ]
    finally:
        deelname_overgegaan.disconnect(ontvanger)


def test_velden_van_een_andere_overgang_worden_geweigerd(deelname, regisseur, in_regio_a):
    with pytest.raises(ValueError, match="do not belong"):
        services.verplaats_deelname(
            deelname=deelname, naar=S.INTAKE, door=regisseur, gegevens={"cao": "x"}
        )
