"""Seed 000, pilot 2 as it went: "4 starters, geen resultaten … voortijdig gestopt, vanwege
onvoldoende kandidaten en onvoldoende arbeidsfitheid van de starters". Replayed through the real
services and signals with the pilot's financing (€ 1,000 start, € 1,500 opleiding, € 2,250
contract): stopping the round puts every active deelnemer somewhere, the funnel and the claims
add up, and the round after it starts from there.
"""

from decimal import Decimal

from django.utils import timezone
from django_scopes import scope

from financiering import selectors, services
from financiering.models import Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from trajecten import selectors as traject_selectors
from trajecten import services as traject_services
from trajecten.models import DeelnameStatus as S
from trajecten.models import TrajectStatus as T

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak

REDEN = "Onvoldoende kandidaten en onvoldoende arbeidsfitheid van de starters"


def test_pilot_2_gestopt_na_vier_starters(
    wereld, traject, regisseur, fonds, gemeenten, klantmanagers, uitvoeren
):
    regio = wereld.regio_a
    amsterdam, zaanstad = gemeenten
    with uitvoeren():
        pilot2_afspraak(traject, regisseur, fonds)
    with scope(regio=regio.pk):
        services.boek_inleg(
            regio=regio, fonds=fonds, door=regisseur, bedrag=D(26000), datum=traject_dag()
        )
        services.boek_voorfinanciering(
            regio=regio, fonds=fonds, traject=traject, door=regisseur, bedrag=D(26000),
            datum=traject_dag(),
        )  # fmt: skip
    starters = meld_aan(traject, regisseur, 3, gemeente=amsterdam) + meld_aan(
        traject, regisseur, 1, gemeente=zaanstad
    )
    geselecteerd, bij_intake = meld_aan(traject, regisseur, 2, gemeente=zaanstad)
    with uitvoeren():
        for d in starters:
            ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
        ga_naar(geselecteerd, regisseur, S.GESELECTEERD)
        ga_naar(bij_intake, regisseur, S.INTAKE)
        with scope(regio=regio.pk):
            traject_services.annuleer_traject(
                traject=traject,
                door=regisseur,
                reden=REDEN,
                keuzes={
                    starters[0].pk: S.UITGEVALLEN,
                    starters[1].pk: S.UITGEVALLEN,
                    starters[2].pk: S.WACHTLIJST,
                    starters[3].pk: S.PLAN_B,
                    geselecteerd.pk: S.WACHTLIJST,
                    bij_intake.pk: S.UITGEVALLEN,
                },
                plannen_b={starters[3].pk: "Direct aan de slag bij de werkgever"},
            )

    with scope(regio=regio.pk):
        traject.refresh_from_db()
        assert traject.status == T.GEANNULEERD
        kpi = traject_selectors.kpi_traject(user=regisseur, regio=regio, traject=traject)
    assert {code: n for code, _label, n in kpi.funnel} == {
        "aangemeld": 6,
        "intake": 6,
        "assessment": 5,
        "geselecteerd": 5,
        "gestart": 4,
        "vca": 0,
        "vakopleiding": 0,
        "proefperiode": 0,
        "in_dienst": 0,
        "nazorg_afgerond": 0,
    }
    assert kpi.succes_percentage == Decimal("0")  # seed 000: 0/4
    assert kpi.uitval == [("Traject gestopt", 3)]

    # The claims: a start for each of the four starters, nothing more; the gemeenten approve
    # and pay, and the fund gets back what the start financing brought.
    with scope(regio=regio.pk):
        assert Vordering.objects.filter(traject=traject).count() == 4
        assert {
            (gemeente, soort): sum(
                Vordering.objects.filter(
                    traject=traject, gemeente=gemeente, soort=soort
                ).values_list("bedrag", flat=True),
                Decimal(0),
            )
            for gemeente in (amsterdam, zaanstad)
            for soort in (V.START,)
        } == {(amsterdam, V.START): D(3000), (zaanstad, V.START): D(1000)}
        for v in Vordering.objects.filter(traject=traject):
            km = klantmanagers[0] if v.gemeente_id == amsterdam.pk else klantmanagers[1]
            services.beoordeel_vordering(vordering=v, door=km, akkoord=True)
            services.registreer_betaling(vordering=v, door=regisseur, betaald_op=traject_dag())
        stand = selectors.fonds_stand(user=regisseur, regio=regio, fonds=fonds)
        [rij] = stand.trajecten
        assert (rij.starters, rij.saldi.uitgezet, rij.saldi.ontvangen) == (4, D(26000), D(4000))
        assert rij.saldi.deel_terug == D("15.4")  # 4,000 of 26,000 came back

        # The next round: the waiting list comes along; the others are placed by hand.
        ronde2 = traject_services.start_nieuwe_ronde(
            traject=traject, door=regisseur, start=traject_dag()
        )
        for d in (starters[0], starters[3], bij_intake):
            traject_services.herstart(deelname=d, traject=ronde2, door=regisseur)
    with uitvoeren():
        pilot2_afspraak(ronde2, regisseur, fonds)
    nieuw = _nieuwe_deelnames(ronde2)
    assert set(nieuw) == {
        starters[0].pk,
        starters[2].pk,
        starters[3].pk,
        geselecteerd.pk,
        bij_intake.pk,
    }
    with uitvoeren():
        for d in nieuw.values():
            ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    # A start claimed in the stopped round is not claimed again; who had not started, starts.
    with scope(regio=regio.pk):
        gestart_met_vordering = set(
            Vordering.objects.filter(traject=ronde2, soort=V.START).values_list(
                "deelname__vorige_deelname", flat=True
            )
        )
        assert gestart_met_vordering == {geselecteerd.pk, bij_intake.pk}
        assert (
            not Vordering.objects.exclude(status__in=[VorderingStatus.BETAALD])
            .filter(traject=traject)
            .exists()
        )


def traject_dag():
    return timezone.localdate()


def _nieuwe_deelnames(ronde):
    with scope(regio=ronde.regio_id):
        return {d.vorige_deelname_id: d for d in ronde.deelnames.all()}
