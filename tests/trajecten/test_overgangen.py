"""No accidental moves: a step that skips what the round expects asks a reason (and the timeline
shows both), "in dienst" waits for the contract start, the last step can be undone for a short
while by who made it, and mijlpalen that no longer apply lapse with the reason."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from begeleiding import services as begeleiding_services
from tests.factories import meld_aan
from trajecten import selectors, services, tasks
from trajecten.models import Deelname, Gebeurtenis, Mijlpaal, MijlpaalStatus, PartnerRol
from trajecten.models import DeelnameStatus as S
from trajecten.models import MijlpaalSoort as M
from werving import services as werving_services

AMS = ZoneInfo("Europe/Amsterdam")
REDEN = "Besproken met de klantmanager"


def op(dag, uur=10, minuut=0):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMS))


def stap(deelname, naar, door, reden=REDEN, **gegevens):
    return services.verplaats_deelname(
        deelname=deelname, naar=naar, door=door, gegevens=gegevens or None, reden=reden
    )


def naar_status(deelname, door, *statussen, **gegevens):
    for naar in statussen:
        stap(deelname, naar, door, **gegevens.get(naar, {}))
    deelname.refresh_from_db()
    return deelname


def werkgever_van(traject):
    return traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie


def contract(start):
    return {
        "contract_start": start,
        "contract_duur_maanden": 12,
        "contract_uren_per_week": 36,
        "cao": "Cao Glas",
        "contract_afwijking_reden": "",
    }


def laatste_log(deelname):
    return Gebeurtenis.objects.filter(deelname=deelname, soort="overgang").latest("op", "pk")


# ---- a step that skips what the round expects ---------------------------------------------


def _intake(d, door):
    werving_services.leg_intake_vast(deelname=d, door=door, motivatie="Wil bouwen")


def _assessment(d, door):
    werving_services.leg_assessment_vast(deelname=d, door=door, uitslag="geschikt")


def _coach(d, door):
    begeleiding_services.koppel_begeleider(deelname=d, door=door, rol="buddy", naam="Kees")


def _vaktaal_module(traject, door):
    opleider = traject.partners.get(rol=PartnerRol.OPLEIDER).organisatie
    return begeleiding_services.voeg_module_toe(
        traject=traject, door=door, soort="vaktaal", aanbieder=opleider
    )


def _vaktaal_resultaat(d, door):
    module = d.traject.modules.get(soort="vaktaal")
    begeleiding_services.leg_resultaat_vast(
        module=module,
        deelname=d,
        door=door,
        behaald=True,
        certificaat="praktijkverklaring",
        datum=date(2026, 11, 1),
    )


def _vca_en_vakopleiding(d, door):
    services.registreer_resultaat(
        deelname=d,
        door=door,
        vca_behaald_op=date(2026, 11, 1),
        vakopleiding_afgerond_op=date(2026, 11, 2),
    )


def _evaluaties(d, door):
    for _ in range(2):
        begeleiding_services.leg_evaluatie_vast(
            deelname=d, door=door, criteria="Op tijd, veilig werken", uitkomst="op_koers"
        )


def _peilmomenten(d, door):
    for peilmoment in (6, 12):
        begeleiding_services.leg_nazorgcontact_vast(
            deelname=d, door=door, kanaal="telefoon", peilmoment=peilmoment
        )


# (name, path to the state before the step, the step, the data of the step, the warnings,
#  what is recorded so that nothing is missing)
CONTROLES = [
    ("intake", [], S.INTAKE, {}, ["Er is geen intake vastgelegd."], _intake),
    (
        "assessment",
        [S.INTAKE, S.ASSESSMENT],
        S.GESELECTEERD,
        {},
        ["Er is geen uitslag van het assessment vastgelegd."],
        _assessment,
    ),
    (
        "coach",
        [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD],
        S.VOORSCHAKELTRAJECT,
        {},
        ["Er is geen coach of buddy gekoppeld."],
        _coach,
    ),
    (
        "modules",
        [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT],
        S.VAKOPLEIDING,
        {},
        ["Er is geen resultaat vastgelegd van de modules van het voorschakeltraject."],
        _vaktaal_resultaat,
    ),
    (
        "vca en vakopleiding",
        [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING],
        S.PROEFPERIODE,
        {"werkgever": "werkgever"},
        ["Er is geen VCA vastgelegd.", "De vakopleiding is niet als afgerond vastgelegd."],
        _vca_en_vakopleiding,
    ),
]


@pytest.mark.parametrize(
    ("pad", "naar", "gegevens", "meldingen", "vastleggen"),
    [c[1:] for c in CONTROLES],
    ids=[c[0] for c in CONTROLES],
)
def test_een_overgeslagen_stap_vraagt_een_reden(
    traject, regisseur, in_regio_a, pad, naar, gegevens, meldingen, vastleggen
):
    _vaktaal_module(traject, regisseur)
    d, met_alles = meld_aan(traject, regisseur, 2)
    gegevens = {k: werkgever_van(traject) if v == "werkgever" else v for k, v in gegevens.items()}
    for deelname in (d, met_alles):
        naar_status(deelname, regisseur, *pad)
    with pytest.raises(ValidationError) as fout:
        stap(d, naar, regisseur, reden="", **gegevens)
    assert fout.value.message_dict["reden"][:-1] == meldingen
    assert "Geef de reden om toch door te gaan" in fout.value.message_dict["reden"][-1]
    d.refresh_from_db()
    assert d.status == (pad[-1] if pad else S.AANGEMELD)
    # With a reason it goes; the timeline keeps what was skipped and why.
    stap(d, naar, regisseur, reden="Verslag volgt deze week", **gegevens)
    log = laatste_log(d)
    assert (log.naar_status, log.waarschuwingen, log.reden) == (
        naar,
        meldingen,
        "Verslag volgt deze week",
    )
    # Recorded first: no warning, no reason needed.
    vastleggen(met_alles, regisseur)
    met_alles.refresh_from_db()
    if met_alles.status != naar:  # recording the intake takes the step itself
        stap(met_alles, naar, regisseur, reden="", **gegevens)
    assert laatste_log(met_alles).waarschuwingen == []


@op(date(2027, 3, 1))
def test_open_evaluaties_en_nazorgpeilmomenten(traject, regisseur, in_regio_a):
    d, met_alles = meld_aan(traject, regisseur, 2)
    for deelname in (d, met_alles):
        naar_status(
            deelname,
            regisseur,
            S.INTAKE,
            S.ASSESSMENT,
            S.GESELECTEERD,
            S.VOORSCHAKELTRAJECT,
            S.VAKOPLEIDING,
            S.PROEFPERIODE,
            proefperiode={"werkgever": werkgever_van(traject)},
        )
    with pytest.raises(ValidationError, match="evaluaties van de proefperiode open"):
        stap(d, S.IN_DIENST, regisseur, reden="", **contract(date(2027, 3, 1)))
    stap(d, S.IN_DIENST, regisseur, **contract(date(2027, 3, 1)))
    # The open evaluations no longer apply: they lapse with the reason of the step.
    evaluatie = Mijlpaal.objects.get(deelname=d, soort=M.EVALUATIE_1)
    assert (evaluatie.status, evaluatie.reden) == (MijlpaalStatus.VERVALLEN, REDEN)
    _evaluaties(met_alles, regisseur)
    stap(met_alles, S.IN_DIENST, regisseur, reden="", **contract(date(2027, 3, 1)))
    for deelname in (d, met_alles):
        stap(deelname, S.NAZORG, regisseur, reden="")
    with pytest.raises(ValidationError, match="na 6 en 12 maanden"):
        stap(d, S.AFGEROND, regisseur, reden="")
    stap(d, S.AFGEROND, regisseur, reden="Verhuisd; nazorg overgedragen aan de gemeente")
    retentie = Mijlpaal.objects.get(deelname=d, soort=M.RETENTIE_12)
    assert retentie.status == MijlpaalStatus.VERVALLEN
    assert retentie.reden == "Verhuisd; nazorg overgedragen aan de gemeente"
    _peilmomenten(met_alles, regisseur)
    stap(met_alles, S.AFGEROND, regisseur, reden="")
    assert laatste_log(met_alles).waarschuwingen == []


def test_zonder_reden_vervalt_een_mijlpaal_met_de_stap_als_reden(deelname, regisseur, in_regio_a):
    naar_status(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.UITGEVALLEN,
        door=regisseur,
        gegevens={"uitval_reden": "kinderopvang", "uitval_toelichting": ""},
    )
    m = Mijlpaal.objects.get(deelname=deelname, soort=M.PROEFPERIODE_START)
    assert m.status == MijlpaalStatus.VERVALLEN
    assert m.reden == "Niet meer van toepassing na Geselecteerd → Uitgevallen"
    mijlpaal_log = Gebeurtenis.objects.filter(mijlpaal=m).latest("op", "pk")
    assert "vervallen" in mijlpaal_log.omschrijving and mijlpaal_log.reden == m.reden


def test_parkeren_laat_mijlpalen_vervallen_en_terugzetten_heropent_ze(
    deelname, regisseur, in_regio_a
):
    naar_status(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    datum = Mijlpaal.objects.get(deelname=deelname, soort=M.PROEFPERIODE_START).vervaldatum
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.GEPARKEERD,
        door=regisseur,
        gegevens={"parkeer_reden": "Verhuizing", "herbeoordeling_op": date(2027, 6, 1)},
    )
    m = Mijlpaal.objects.get(deelname=deelname, soort=M.PROEFPERIODE_START)
    assert m.status == MijlpaalStatus.VERVALLEN
    services.verplaats_deelname(deelname=deelname, naar="vorige", door=regisseur)
    m.refresh_from_db()
    assert (m.status, m.vervaldatum, m.reden) == (MijlpaalStatus.OPEN, datum, "")


# ---- in dienst waits for the contract start -----------------------------------------------


def test_in_dienst_is_gepland_tot_de_startdatum_van_het_contract(traject, regisseur, in_regio_a):
    [d] = meld_aan(traject, regisseur)
    with op(date(2027, 3, 1)):
        naar_status(
            d,
            regisseur,
            S.INTAKE,
            S.ASSESSMENT,
            S.GESELECTEERD,
            S.VOORSCHAKELTRAJECT,
            S.VAKOPLEIDING,
            S.PROEFPERIODE,
            proefperiode={"werkgever": werkgever_van(traject)},
        )
        stap(d, S.IN_DIENST, regisseur, **contract(date(2027, 5, 1)))
        d.refresh_from_db()
        assert (d.status, d.gepland_naar, d.gepland_op) == (
            S.PROEFPERIODE,
            S.IN_DIENST,
            date(2027, 5, 1),
        )
        assert not Gebeurtenis.objects.filter(deelname=d, naar_status=S.IN_DIENST).exists()
        gepland = Gebeurtenis.objects.filter(deelname=d, soort="gewijzigd").latest("op", "pk")
        assert gepland.omschrijving == "In dienst gepland per 01-05-2027"
        assert (
            selectors.kpi_traject(user=regisseur, regio=d.regio, traject=traject).aantal(
                "in_dienst"
            )
            == 0
        )
    with op(date(2027, 4, 30)):
        assert tasks.voer_geplande_overgangen_uit() == []
    with op(date(2027, 5, 1), uur=6):
        assert tasks.voer_geplande_overgangen_uit() == [d.pk]
        assert tasks.voer_geplande_overgangen_uit() == []  # idempotent
    d.refresh_from_db()
    assert (d.status, d.gepland_naar, d.gepland_op) == (S.IN_DIENST, "", None)
    log = laatste_log(d)
    assert (log.door, log.reden, log.op.date()) == (regisseur, REDEN, date(2027, 5, 1))
    assert Mijlpaal.objects.get(deelname=d, soort=M.NAZORG_1).vervaldatum == date(2027, 6, 1)


def test_een_andere_stap_vervangt_de_planning(traject, regisseur, in_regio_a):
    [d] = meld_aan(traject, regisseur)
    with op(date(2027, 3, 1)):
        naar_status(
            d,
            regisseur,
            S.INTAKE,
            S.ASSESSMENT,
            S.GESELECTEERD,
            S.VOORSCHAKELTRAJECT,
            S.VAKOPLEIDING,
            S.PROEFPERIODE,
            proefperiode={"werkgever": werkgever_van(traject)},
        )
        stap(d, S.IN_DIENST, regisseur, **contract(date(2027, 5, 1)))
        stap(d, S.UITGEVALLEN, regisseur, uitval_reden="gezondheid", uitval_toelichting="")
    d.refresh_from_db()
    assert (d.status, d.gepland_naar) == (S.UITGEVALLEN, "")
    with op(date(2027, 5, 2)):
        assert tasks.voer_geplande_overgangen_uit() == []


# ---- undo ---------------------------------------------------------------------------------


def test_ongedaan_maken_door_wie_de_stap_zette_binnen_het_venster(
    deelname, regisseur, tweede_regisseur, in_regio_a
):
    with op(date(2027, 1, 5), 10, 0):
        stap(deelname, S.INTAKE, regisseur)
        stap(deelname, S.ASSESSMENT, regisseur)
    with op(date(2027, 1, 5), 10, 10):
        with pytest.raises(ValidationError, match="Alleen wie de stap zette"):
            services.maak_ongedaan(deelname=deelname, door=tweede_regisseur, reden="Per ongeluk")
        with pytest.raises(ValidationError) as fout:
            services.maak_ongedaan(deelname=deelname, door=regisseur, reden="")
        assert "reden" in fout.value.message_dict
        services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Verkeerde kaart")
    deelname.refresh_from_db()
    assert deelname.status == S.INTAKE
    terug = laatste_log(deelname)
    heen = terug.herstelt
    assert (heen.van_status, heen.naar_status) == (S.INTAKE, S.ASSESSMENT)  # history kept
    assert (terug.van_status, terug.naar_status, terug.reden) == (
        S.ASSESSMENT,
        S.INTAKE,
        "Verkeerde kaart",
    )
    assert terug.omschrijving == "Assessment → Intake (ongedaan gemaakt)"
    with op(date(2027, 1, 5), 10, 11):
        with pytest.raises(ValidationError, match="al het ongedaan maken"):
            services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Toch wel")
        # The step before is not undone either: only the last one.
        assert deelname.status == S.INTAKE


def test_na_het_venster_niet_meer(deelname, regisseur, in_regio_a, settings):
    settings.ONGEDAAN_MAKEN_MINUTEN = 15
    with op(date(2027, 1, 5), 10, 0):
        stap(deelname, S.INTAKE, regisseur)
    with op(date(2027, 1, 5), 10, 16), pytest.raises(ValidationError, match="15 minuten"):
        services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Te laat")
    deelname.refresh_from_db()
    assert deelname.status == S.INTAKE


def test_ongedaan_telt_niet_mee_in_de_trechter(traject, deelname, regisseur, in_regio_a):
    naar_status(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Nog geen besluit")
    kpi = selectors.kpi_traject(user=regisseur, regio=deelname.regio, traject=traject)
    assert (kpi.aantal("assessment"), kpi.aantal("geselecteerd")) == (1, 0)
    # Selecting again later counts once.
    stap(deelname, S.GESELECTEERD, regisseur)
    kpi = selectors.kpi_traject(user=regisseur, regio=deelname.regio, traject=traject)
    assert kpi.aantal("geselecteerd") == 1
    assert selectors.eerste_overgang(deelname, S.GESELECTEERD) == laatste_log(deelname).op


@op(date(2027, 3, 1))
def test_ongedaan_zet_de_mijlpalen_terug(traject, deelname, regisseur, in_regio_a):
    naar_status(
        deelname,
        regisseur,
        S.INTAKE,
        S.ASSESSMENT,
        S.GESELECTEERD,
        S.VOORSCHAKELTRAJECT,
        S.VAKOPLEIDING,
        S.PROEFPERIODE,
        proefperiode={"werkgever": werkgever_van(traject)},
    )
    evaluaties = {
        m.soort: m.vervaldatum
        for m in Mijlpaal.objects.filter(
            deelname=deelname, soort__in=[M.EVALUATIE_1, M.EVALUATIE_2]
        )
    }
    stap(deelname, S.IN_DIENST, regisseur, **contract(date(2027, 3, 1)))
    services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Contract nog niet getekend")
    deelname.refresh_from_db()
    assert deelname.status == S.PROEFPERIODE
    status = {m.soort: m for m in Mijlpaal.objects.filter(deelname=deelname)}
    for soort, datum in evaluaties.items():
        assert (status[soort].status, status[soort].vervaldatum) == (MijlpaalStatus.OPEN, datum)
    for soort in (M.NAZORG_1, M.NAZORG_3, M.CONTRACT_6_MAANDEN, M.RETENTIE_12):
        assert status[soort].status == MijlpaalStatus.VERVALLEN
        assert status[soort].reden == "Ongedaan gemaakt: Contract nog niet getekend"
    assert status[M.PROEFPERIODE_START].status == MijlpaalStatus.GEDAAN  # done before


def test_terugzetten_uit_parkeren_ongedaan_maken(deelname, regisseur, in_regio_a):
    naar_status(deelname, regisseur, S.INTAKE)
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.GEPARKEERD,
        door=regisseur,
        gegevens={"parkeer_reden": "Ziek", "herbeoordeling_op": date(2027, 6, 1)},
    )
    services.verplaats_deelname(deelname=deelname, naar="vorige", door=regisseur)
    services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Nog niet beter")
    deelname.refresh_from_db()
    assert (deelname.status, deelname.vorige_status) == (S.GEPARKEERD, S.INTAKE)


# ---- the pages ----------------------------------------------------------------------------


def url(naam, **kwargs):
    return reverse(naam, kwargs={"regio_slug": "noordoost-brabant", **kwargs})


def test_fasebord_opent_het_formulier_als_een_stap_iets_overslaat(
    client, wereld, traject, regisseur
):
    [d] = meld_aan(traject, regisseur)
    client.force_login(regisseur)
    bord = client.get(url("fasebord", pk=traject.pk)).content.decode()
    intake = url("deelname_overgang", pk=traject.pk, dpk=d.pk, naar="intake")
    assert f'hx-get="{intake}"' in bord  # no intake recorded: the form asks a reason
    with scope(regio=wereld.regio_a.pk):
        _intake(d, regisseur)
    bord = client.get(url("fasebord", pk=traject.pk)).content.decode()
    assessment = url("deelname_overgang", pk=traject.pk, dpk=d.pk, naar="assessment")
    assert f'<form method="post" action="{assessment}">' in bord  # nothing skipped: one click
    formulier = client.get(
        url("deelname_overgang", pk=traject.pk, dpk=d.pk, naar="voorschakeltraject")
    )
    assert formulier.status_code == 200


def test_ongedaan_maken_op_het_fasebord(client, wereld, traject, regisseur, tweede_regisseur):
    [d] = meld_aan(traject, regisseur)
    with scope(regio=wereld.regio_a.pk):
        _intake(d, regisseur)
    ongedaan = url("deelname_ongedaan", pk=traject.pk, dpk=d.pk)
    client.force_login(regisseur)
    assert ongedaan in client.get(url("fasebord", pk=traject.pk)).content.decode()
    assert ongedaan in client.get(url("deelname_detail", pk=traject.pk, dpk=d.pk)).content.decode()
    client.force_login(tweede_regisseur)
    assert ongedaan not in client.get(url("fasebord", pk=traject.pk)).content.decode()
    r = client.post(ongedaan, {"reden": "Ik was het niet"})
    assert "Alleen wie de stap zette" in r.content.decode()
    client.force_login(regisseur)
    r = client.post(ongedaan, {"reden": ""}, HTTP_HX_REQUEST="true")
    assert "Geef de reden om de stap ongedaan te maken." in r.content.decode()
    r = client.post(ongedaan, {"reden": "Verkeerde kandidaat"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 204 and r["HX-Redirect"] == url("fasebord", pk=traject.pk)
    with scope(regio=wereld.regio_a.pk):
        assert Deelname.objects.get(pk=d.pk).status == S.AANGEMELD
    detail = client.get(url("deelname_detail", pk=traject.pk, dpk=d.pk)).content.decode()
    assert "Intake → Aangemeld (ongedaan gemaakt)" in detail and "Verkeerde kandidaat" in detail
    with time_machine.travel(timedelta(minutes=20)):
        client.force_login(regisseur)
        assert ongedaan not in client.get(url("fasebord", pk=traject.pk)).content.decode()


def test_tijdlijn_toont_wat_werd_overgeslagen(client, wereld, traject, regisseur):
    [d] = meld_aan(traject, regisseur)
    with scope(regio=wereld.regio_a.pk):
        stap(d, S.INTAKE, regisseur, reden="Intake op de voorlichtingsdag")
    client.force_login(regisseur)
    detail = client.get(url("deelname_detail", pk=traject.pk, dpk=d.pk)).content.decode()
    assert "Overgeslagen: Er is geen intake vastgelegd." in detail
    assert "Intake op de voorlichtingsdag" in detail


def test_niet_meer_ongedaan_na_plaatsing_in_een_andere_ronde(traject, regisseur, in_regio_a):
    from tests.factories import maak_traject

    [d] = meld_aan(traject, regisseur)
    services.verplaats_deelname(
        deelname=d,
        naar=S.NIET_GESELECTEERD,
        door=regisseur,
        gegevens={"niet_geselecteerd_reden": "Groep vol"},
    )
    stap(d, S.WACHTLIJST, regisseur)
    services.herstart(deelname=d, traject=maak_traject(d.regio, regisseur), door=regisseur)
    with pytest.raises(ValidationError, match="al opnieuw geplaatst"):
        services.maak_ongedaan(deelname=d, door=regisseur, reden="Toch niet")
