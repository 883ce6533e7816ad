"""An undone step earns nothing: the claim it created is withdrawn, never deleted, and what the
ledger holds of it is reversed by corrections. Earned again, the same claim comes back. And
"in dienst" that waits for the contract start earns resultaat II only when it takes effect."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone
from django_scopes import scope

from financiering import selectors, services
from financiering.models import Boeking, Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from trajecten import services as traject_services
from trajecten import tasks as traject_tasks
from trajecten.models import DeelnameStatus as S

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak

INGETROKKEN = "De stap die deze vordering verdiende is ongedaan gemaakt."


def start_vordering(d):
    with scope(regio=d.regio_id):
        return Vordering.objects.get(deelname=d, soort=V.START)


def ongedaan(d, door, reden="Verkeerde kaart aangeklikt"):
    with scope(regio=d.regio_id):
        traject_services.maak_ongedaan(deelname=d, door=door, reden=reden)


def boekingen(v):
    with scope(regio=v.regio_id):
        return list(
            Boeking.objects.filter(vordering=v).order_by("pk").values_list("soort", "volgnummer")
        )


def test_ongedaan_start_trekt_de_vordering_in_en_opnieuw_verdiend_komt_ze_terug(
    traject, regisseur, fonds, uitvoeren
):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    v = start_vordering(d)
    assert v.status == VorderingStatus.INGEDIEND
    with uitvoeren():
        ongedaan(d, regisseur)
    v.refresh_from_db()
    assert (v.status, v.intrekkingsreden) == (VorderingStatus.INGETROKKEN, INGETROKKEN)
    assert boekingen(v) == []  # never booked, nothing to reverse
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    with scope(regio=d.regio_id):
        [terug] = Vordering.objects.filter(deelname=d)
    assert (terug.pk, terug.status, terug.intrekkingsreden) == (v.pk, VorderingStatus.INGEDIEND, "")


def test_goedgekeurd_en_betaald_wordt_met_correcties_teruggedraaid(
    wereld, traject, regisseur, fonds, gemeenten, klantmanagers, uitvoeren
):
    regio = wereld.regio_a
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur, gemeente=gemeenten[0])
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    v = start_vordering(d)
    with scope(regio=regio.pk):
        services.beoordeel_vordering(vordering=v, door=klantmanagers[0], akkoord=True)
        services.registreer_betaling(vordering=v, door=regisseur, betaald_op=timezone.localdate())
        assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == D(1000)
    with uitvoeren():
        ongedaan(d, regisseur)
    v.refresh_from_db()
    assert v.status == VorderingStatus.INGETROKKEN and v.betaald_op is None
    # Append-only: the approval and the payment stay, each reversed by a correction.
    assert boekingen(v) == [("vordering", 0), ("ontvangst", 0), ("correctie", 0), ("correctie", 1)]
    with scope(regio=regio.pk):
        for rekening in ("kas", "te_ontvangen", "opbrengst"):
            assert selectors.saldo(regio=regio, fonds=fonds, rekening=rekening) == D(0), rekening
    # Earned and approved again: a second approval booking with its own number.
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    with scope(regio=regio.pk):
        services.beoordeel_vordering(vordering=v, door=klantmanagers[0], akkoord=True)
        assert selectors.saldo(regio=regio, fonds=fonds, rekening="te_ontvangen") == D(1000)
    assert boekingen(v)[-1] == ("vordering", 1)


def test_een_andere_stap_ongedaan_laat_de_vordering_staan(traject, regisseur, fonds, uitvoeren):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.VAKOPLEIDING)
        ongedaan(d, regisseur)  # back to the voorschakeltraject: the start still stands
    assert start_vordering(d).status == VorderingStatus.INGEDIEND
    with uitvoeren(), scope(regio=d.regio_id):
        traject_services.verplaats_deelname(
            deelname=d,
            naar=S.GEPARKEERD,
            door=regisseur,
            gegevens={"parkeer_reden": "Ziek", "herbeoordeling_op": date(2028, 1, 15)},
        )
        traject_services.verplaats_deelname(deelname=d, naar="vorige", door=regisseur)
        # Undoing the return re-enters nothing that earned the claim: it was earned before.
        traject_services.maak_ongedaan(deelname=d, door=regisseur, reden="Nog ziek")
    assert start_vordering(d).status == VorderingStatus.INGEDIEND


def test_resultaat_ii_pas_als_in_dienst_ingaat(traject, regisseur, fonds, uitvoeren):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.PROEFPERIODE)
        with scope(regio=d.regio_id):
            traject_services.verplaats_deelname(
                deelname=d,
                naar=S.IN_DIENST,
                door=regisseur,
                gegevens={
                    "contract_start": date(2028, 1, 3),
                    "contract_duur_maanden": 12,
                    "contract_uren_per_week": 36,
                    "cao": "Cao Glas",
                    "contract_afwijking_reden": "",
                },
                reden="Evaluaties mondeling",
            )
    with scope(regio=d.regio_id):
        assert not Vordering.objects.filter(deelname=d, soort=V.RESULTAAT_II).exists()
    moment = datetime(2028, 1, 3, 6, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment), uitvoeren():
        assert traject_tasks.voer_geplande_overgangen_uit() == [d.pk]
    with scope(regio=d.regio_id):
        v = Vordering.objects.get(deelname=d, soort=V.RESULTAAT_II)
    assert (v.bedrag, v.verdiend_op) == (D(2250), date(2028, 1, 3))
