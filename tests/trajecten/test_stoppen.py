"""A round that stops: every active deelnemer gets uitval ("traject gestopt"), the waiting list
or a plan B — each as a transition of its own — and can be placed in a later round afterwards.
(The funnel and claims of such a round: tests/financiering/test_gestopte_ronde.py.)"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from tests.factories import meld_aan
from trajecten import services
from trajecten.models import (
    ChecklistStap,
    Deelname,
    Gebeurtenis,
    Mijlpaal,
    MijlpaalStatus,
    StapStatus,
    Traject,
    UitvalReden,
)
from trajecten.models import DeelnameStatus as S
from trajecten.models import TrajectStatus as T
from werving.models import Ontvanger

REDEN = "Te weinig kandidaten en onvoldoende arbeidsfit (seed 000, proeftuin 2)"


def naar(d, door, *statussen):
    for status in statussen:
        services.verplaats_deelname(deelname=d, naar=status, door=door, reden="Zonder verslag")
    d.refresh_from_db()
    return d


@pytest.fixture
def ronde(traject, regisseur, in_regio_a):
    """Four starters, one selected, one at the intake, one not selected, one dropped out."""
    ChecklistStap.objects.filter(traject=traject).update(status=StapStatus.GEDAAN)
    services.verplaats_traject(traject=traject, naar=T.WERVING, door=regisseur)
    alle = meld_aan(traject, regisseur, 8)
    for d in alle[:4]:
        naar(d, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT)
    naar(alle[4], regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    naar(alle[5], regisseur, S.INTAKE)
    services.verplaats_deelname(
        deelname=alle[6],
        naar=S.NIET_GESELECTEERD,
        door=regisseur,
        gegevens={"niet_geselecteerd_reden": "Taal"},
    )
    services.verplaats_deelname(
        deelname=alle[7],
        naar=S.UITGEVALLEN,
        door=regisseur,
        gegevens={"uitval_reden": UitvalReden.SCHULDEN, "uitval_toelichting": ""},
    )
    return traject, alle


def keuzes_voor(alle):
    starter1, starter2, starter3, starter4, geselecteerd, intake, niet_gesel, _ = alle
    return (
        {
            starter1.pk: S.UITGEVALLEN,
            starter2.pk: S.UITGEVALLEN,
            starter3.pk: S.WACHTLIJST,
            starter4.pk: S.PLAN_B,
            geselecteerd.pk: S.WACHTLIJST,
            intake.pk: S.PLAN_B,
            niet_gesel.pk: S.WACHTLIJST,
        },
        {starter4.pk: "Direct aan de slag bij de werkgever", intake.pk: "Traject Schilder"},
    )


def test_stoppen_vraagt_voor_elke_actieve_deelnemer_een_keuze(ronde, regisseur):
    traject, alle = ronde
    keuzes, plannen = keuzes_voor(alle)
    with pytest.raises(ValidationError) as fout:
        services.annuleer_traject(
            traject=traject, door=regisseur, reden=REDEN, keuzes={}, plannen_b={}
        )
    # Not for who already ended (uitgevallen): their own history stands.
    assert set(fout.value.message_dict) == {f"keuze_{d.pk}" for d in alle[:7]}
    niet_gesel = alle[6]
    with pytest.raises(ValidationError) as fout:
        services.annuleer_traject(
            traject=traject,
            door=regisseur,
            reden=REDEN,
            keuzes={**keuzes, niet_gesel.pk: S.UITGEVALLEN},  # not a choice for them
            plannen_b={**plannen, alle[3].pk: ""},
        )
    assert set(fout.value.message_dict) == {f"keuze_{niet_gesel.pk}", f"plan_b_{alle[3].pk}"}
    with pytest.raises(ValidationError) as fout:
        services.annuleer_traject(
            traject=traject, door=regisseur, reden=" ", keuzes=keuzes, plannen_b=plannen
        )
    assert "reden" in fout.value.message_dict
    traject.refresh_from_db()
    assert traject.status == T.WERVING
    assert not Gebeurtenis.objects.filter(reden__startswith="Traject gestopt").exists()


def test_stoppen_past_elke_keuze_toe_als_eigen_overgang(ronde, regisseur):
    traject, alle = ronde
    keuzes, plannen = keuzes_voor(alle)
    services.annuleer_traject(
        traject=traject, door=regisseur, reden=REDEN, keuzes=keuzes, plannen_b=plannen
    )
    traject.refresh_from_db()
    assert (traject.status, traject.annuleringsreden) == (T.GEANNULEERD, REDEN)
    for d in alle[:7]:
        d.refresh_from_db()
        assert d.status == keuzes[d.pk]
        log = Gebeurtenis.objects.filter(deelname=d, soort="overgang").latest("op", "pk")
        assert (log.naar_status, log.door, log.reden) == (
            keuzes[d.pk],
            regisseur,
            f"Traject gestopt: {REDEN}",
        )
    gestopt = [d for d in alle[:7] if d.status == S.UITGEVALLEN]
    assert {(d.uitval_reden, d.uitval_toelichting) for d in gestopt} == {
        (UitvalReden.TRAJECT_GESTOPT, REDEN)
    }
    assert Deelname.objects.get(pk=alle[3].pk).plan_b == "Direct aan de slag bij de werkgever"
    assert not Mijlpaal.objects.filter(traject=traject, status=MijlpaalStatus.OPEN).exists()
    start = Mijlpaal.objects.get(deelname=alle[0], soort="proefperiode_start")
    assert (start.status, start.reden) == (MijlpaalStatus.VERVALLEN, f"Traject gestopt: {REDEN}")


def test_na_het_stoppen_opnieuw_plaatsen_in_een_latere_ronde(ronde, regisseur):
    traject, alle = ronde
    keuzes, plannen = keuzes_voor(alle)
    services.annuleer_traject(
        traject=traject, door=regisseur, reden=REDEN, keuzes=keuzes, plannen_b=plannen
    )
    # The waiting list goes along with the next round; the others are placed there by hand.
    volgende = services.start_nieuwe_ronde(traject=traject, door=regisseur, start=date(2027, 9, 1))
    wachtenden = {d.pk for d in alle[:7] if keuzes[d.pk] == S.WACHTLIJST}
    assert {d.vorige_deelname_id for d in volgende.deelnames.all()} == wachtenden
    for d in alle[:7]:
        if keuzes[d.pk] != S.WACHTLIJST:
            services.herstart(deelname=d, traject=volgende, door=regisseur)
    assert {(d.vorige_deelname_id, d.status) for d in volgende.deelnames.all()} == {
        (d.pk, S.AANGEMELD) for d in alle[:7]
    }


def test_stoppen_niet_met_deelnemers_in_dienst(traject, regisseur, in_regio_a):
    [d] = meld_aan(traject, regisseur)
    Deelname.objects.filter(pk=d.pk).update(status=S.IN_DIENST)
    with pytest.raises(ValidationError, match="in dienst of in nazorg"):
        services.annuleer_traject(traject=traject, door=regisseur, reden=REDEN, keuzes={})
    # Nor around the choices, straight through the traject's own transition.
    Deelname.objects.filter(pk=d.pk).update(status=S.VOORSCHAKELTRAJECT)
    with pytest.raises(ValidationError, match="actieve deelnemers"):
        services.verplaats_traject(traject=traject, naar=T.GEANNULEERD, door=regisseur, reden="x")
    assert Traject.objects.get(pk=traject.pk).status == T.OPSTART


# ---- the page ------------------------------------------------------------------------------


def url(naam, **kwargs):
    return reverse(naam, kwargs={"regio_slug": "noordoost-brabant", **kwargs})


def test_stoppen_in_de_browser(client, wereld, traject, regisseur):
    zonder_toestemming, met = meld_aan(traject, regisseur, 2)
    with scope(regio=wereld.regio_a.pk):
        from werving import services as werving_services

        werving_services.trek_toestemming_in(
            kandidaat=zonder_toestemming.kandidaat,
            ontvanger=Ontvanger.PROCESREGISSEUR,
            door=regisseur,
        )
    client.force_login(regisseur)
    detail = client.get(url("traject_detail", pk=traject.pk)).content.decode()
    assert url("traject_annuleren", pk=traject.pk) in detail
    # The old route to "geannuleerd" leads to this page.
    r = client.get(url("traject_overgang", pk=traject.pk, naar="geannuleerd"))
    assert r["Location"] == url("traject_annuleren", pk=traject.pk)
    pagina = client.get(url("traject_annuleren", pk=traject.pk)).content.decode()
    # Everyone active is asked for, also who does not share data with the procesregie.
    assert str(met.kandidaat) in pagina
    assert f"deelnemer {zonder_toestemming.pk} (geen toestemming)" in pagina
    assert str(zonder_toestemming.kandidaat) not in pagina
    r = client.post(url("traject_annuleren", pk=traject.pk), {"reden": REDEN})
    assert "Kies wat er met deze deelnemer gebeurt." in r.content.decode()
    assert REDEN in r.content.decode()  # what was typed stays
    r = client.post(
        url("traject_annuleren", pk=traject.pk),
        {
            "reden": REDEN,
            f"keuze_{zonder_toestemming.pk}": "wachtlijst",
            f"keuze_{met.pk}": "uitgevallen",
        },
    )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        assert Traject.objects.get(pk=traject.pk).status == T.GEANNULEERD
    bord = client.get(url("fasebord", pk=traject.pk)).content.decode()
    assert url("herstart", pk=traject.pk, dpk=met.pk) in bord
    detail = client.get(url("traject_detail", pk=traject.pk)).content.decode()
    assert "Start een nieuwe ronde" in detail
    assert "Traject gestopt" in detail
