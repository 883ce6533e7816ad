"""Seed 000, pilot 2 (glas, Groot-Amsterdam) replayed through the real services and signals:
voor- + start- + resultaatfinanciering, € 1,000 start, € 1,500 on completing the vakopleiding,
€ 2,250 on a contract of at least 6 months (the middle of the reported € 2,000–2,500).

Ten starters from two gemeenten (6 + 4), a prefinancing of € 65,000 (10 × € 6,500, the bottom
of the cost band). Six reach resultaat I and II; a seventh goes in dienst with a 3-month contract
without completing the vakopleiding (no result claim). Income: 10 × 1,000 + 6 × (1,500 + 2,250)
= € 32,500 = 50% of the prefinancing (seed: "50 procent van de totale trajectkosten gedekt"),
and the 50% goal is reached at exactly 6 successful deelnemers ("kostendekkend scenario bij een
uitstroom van 6 deelnemers").
"""

from datetime import date
from decimal import Decimal

import time_machine
from django_scopes import scope

from financiering import selectors, services
from financiering.models import Boeking, Rekening, Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from trajecten import services as traject_services
from trajecten.models import DeelnameStatus as S

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak, vakopleiding_af


@time_machine.travel("2027-10-01 12:00 +0200", tick=False)
def test_pilot_2(wereld, traject, regisseur, fonds, gemeenten, klantmanagers, uitvoeren):
    regio = wereld.regio_a
    amsterdam, zaanstad = gemeenten
    km_amsterdam, km_zaanstad = klantmanagers
    with uitvoeren():
        pilot2_afspraak(traject, regisseur, fonds)
    with scope(regio=regio.pk):
        services.boek_inleg(
            regio=regio, fonds=fonds, door=regisseur, bedrag=D(65000), datum=date(2026, 1, 5)
        )
        services.boek_voorfinanciering(
            regio=regio,
            fonds=fonds,
            traject=traject,
            door=regisseur,
            bedrag=D(65000),
            datum=date(2026, 1, 6),
        )
    uit_amsterdam = meld_aan(traject, regisseur, 6, gemeente=amsterdam)
    uit_zaanstad = meld_aan(traject, regisseur, 4, gemeente=zaanstad)
    geslaagd = uit_amsterdam[:4] + uit_zaanstad[:2]
    with uitvoeren():
        for d in uit_amsterdam + uit_zaanstad:
            ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
        for d in geslaagd:
            vakopleiding_af(d, regisseur)
            ga_naar(d, regisseur, S.IN_DIENST, contract_maanden=12)
        # Starts directly at the employer, short contract: no resultaat I, no resultaat II.
        ga_naar(
            uit_amsterdam[4],
            regisseur,
            S.IN_DIENST,
            contract_maanden=3,
            afwijking="Seizoenscontract; verlenging besproken",
        )
        # One drops out after the start: the start claim stays.
        with scope(regio=regio.pk):
            traject_services.verplaats_deelname(
                deelname=uit_zaanstad[3],
                naar=S.UITGEVALLEN,
                door=regisseur,
                gegevens={"uitval_reden": "huisvesting", "uitval_toelichting": ""},
            )
    # The transitions that earn a claim run again (a retried task): nothing new.
    with scope(regio=regio.pk):
        for d in uit_amsterdam + uit_zaanstad:
            for soort in V.values:
                services.maak_vordering(deelname=d, soort=soort)

    with scope(regio=regio.pk):
        per_gemeente = {
            (g.pk, soort): (n, totaal)
            for g in gemeenten
            for soort in V.values
            for n, totaal in [
                (
                    Vordering.objects.filter(gemeente=g, soort=soort).count(),
                    sum(
                        Vordering.objects.filter(gemeente=g, soort=soort).values_list(
                            "bedrag", flat=True
                        ),
                        Decimal(0),
                    ),
                )
            ]
        }
    assert per_gemeente == {
        (amsterdam.pk, V.START): (6, D(6000)),
        (amsterdam.pk, V.RESULTAAT_I): (4, D(6000)),
        (amsterdam.pk, V.RESULTAAT_II): (4, D(9000)),
        (zaanstad.pk, V.START): (4, D(4000)),
        (zaanstad.pk, V.RESULTAAT_I): (2, D(3000)),
        (zaanstad.pk, V.RESULTAAT_II): (2, D(4500)),
    }

    # The gemeenten approve, the procesregisseur records the payments.
    with scope(regio=regio.pk):
        for v in Vordering.objects.all():
            km = km_amsterdam if v.gemeente_id == amsterdam.pk else km_zaanstad
            services.beoordeel_vordering(vordering=v, door=km, akkoord=True)
        stand = selectors.fonds_stand(user=regisseur, regio=regio, fonds=fonds)
        assert stand.kas == D(0)
        assert stand.totaal.te_ontvangen == D(32500)
        assert stand.totaal.deel_terug == D(0)
        assert stand.totaal.deel_terug_toegezegd == D(50)
        for v in Vordering.objects.all():
            services.registreer_betaling(vordering=v, door=regisseur, betaald_op=date(2027, 9, 1))
        assert set(Vordering.objects.values_list("status", flat=True)) == {VorderingStatus.BETAALD}

        stand = selectors.fonds_stand(user=regisseur, regio=regio, fonds=fonds)
        assert stand.inleg == D(65000)
        assert stand.totaal.uitgezet == D(65000)
        assert stand.totaal.ontvangen == D(32500)
        assert stand.totaal.te_ontvangen == D(0)
        assert stand.kas == D(32500)
        assert stand.totaal.deel_terug == D(50)
        assert stand.totaal.doel_status == "binnen"
        [rij] = stand.trajecten
        assert rij.starters == 10
        assert rij.saldi.deel_terug == D(50)
        assert rij.saldi.beschikbaar_voor_volgende_ronde == D(32500)
        break_even = {b.doel: (b.aantal, b.haalbaar) for b in rij.break_even}
        # 25%: (16,250 − 10,000) / 3,750 = 1.67 → 2; 50%: 22,500 / 3,750 = 6; 100%: 14.67 → 15.
        assert break_even == {D(25): (2, True), D(50): (6, True), D(100): (15, False)}

        # The balance is the sum of the bookings, and every booking balances.
        kas = sum(
            (b.bedrag if b.debet == Rekening.KAS else -b.bedrag)
            for b in Boeking.objects.filter(fonds=fonds)
            if Rekening.KAS in (b.debet, b.credit)
        )
        assert kas == stand.kas

        # Round 2 is prefinanced with the returns of round 1.
        ronde2 = traject_services.start_nieuwe_ronde(
            traject=traject, door=regisseur, start=date(2027, 10, 1)
        )
        services.boek_overdracht(
            regio=regio,
            fonds=fonds,
            traject=ronde2,
            door=regisseur,
            bedrag=D(32500),
            datum=date(2027, 9, 30),
        )
        stand = selectors.fonds_stand(user=regisseur, regio=regio, fonds=fonds)
        assert stand.kas == D(0)
        eerste = next(r for r in stand.trajecten if r.traject.pk == traject.pk)
        assert eerste.saldi.overgedragen == D(32500)
        assert eerste.saldi.beschikbaar_voor_volgende_ronde == D(0)

    # The specification per gemeente for the period.
    with scope(regio=regio.pk):
        groepen = selectors.specificatie(
            user=regisseur, regio=regio, van=date(2026, 1, 1), tot=date(2030, 12, 31)
        )
    totalen = {g.gemeente.pk: g.totaal for g in groepen}
    assert totalen == {amsterdam.pk: D(21000), zaanstad.pk: D(11500)}
