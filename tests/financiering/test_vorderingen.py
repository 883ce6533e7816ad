"""Claims: earned by exactly the right event, once, for the kandidaat's gemeente, with the
agreement's amount; approved or rejected by that gemeente; paid; a payment reversed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope

from financiering import selectors, services
from financiering.models import Boeking, BoekingSoort, Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from financiering.services import RegelInvoer
from organisaties.models import Rol
from tests.factories import lid
from trajecten import services as traject_services
from trajecten.models import DeelnameStatus as S

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak, vakopleiding_af


def soorten(deelname):
    with scope(regio=deelname.regio_id):
        return sorted(Vordering.objects.filter(deelname=deelname).values_list("soort", flat=True))


def test_start_bij_voorschakeltraject(traject, regisseur, fonds, gemeenten, uitvoeren):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur, gemeente=gemeenten[1])
    with uitvoeren():
        ga_naar(d, regisseur, S.GESELECTEERD)
    assert soorten(d) == []
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    assert soorten(d) == [V.START]
    with scope(regio=d.regio_id):
        v = Vordering.objects.get(deelname=d)
    assert (v.gemeente, v.fonds, v.bedrag, v.status) == (
        gemeenten[1],
        fonds,
        D(1000),
        VorderingStatus.INGEDIEND,
    )
    assert v.verdiend_op == timezone.localdate()


def test_resultaat_i_bij_afgeronde_vakopleiding(traject, regisseur, fonds, uitvoeren):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.VAKOPLEIDING)
        vakopleiding_af(d, regisseur, op=date(2027, 3, 15))
        # Recording VCA only (no vakopleiding date) earns nothing more.
        with scope(regio=d.regio_id):
            traject_services.registreer_resultaat(
                deelname=d, door=regisseur, vca_behaald_op=date(2027, 3, 1)
            )
    assert soorten(d) == [V.RESULTAAT_I, V.START]
    with scope(regio=d.regio_id):
        assert Vordering.objects.get(deelname=d, soort=V.RESULTAAT_I).verdiend_op == date(
            2027, 3, 15
        )


@pytest.mark.parametrize(("maanden", "verdiend"), [(6, True), (12, True), (5, False)])
def test_resultaat_ii_alleen_bij_contract_van_6_maanden(
    traject, regisseur, fonds, uitvoeren, maanden, verdiend
):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.IN_DIENST, contract_maanden=maanden, afwijking="Kort contract")
    assert (V.RESULTAAT_II in soorten(d)) is verdiend


def test_geen_afspraak_geen_vordering_en_later_alsnog(traject, regisseur, fonds, uitvoeren):
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.VAKOPLEIDING)
        vakopleiding_af(d, regisseur)
    assert soorten(d) == []
    # The agreement comes later: the claims already earned are made then, once.
    with uitvoeren():
        pilot2_afspraak(traject, regisseur, fonds)
    assert soorten(d) == [V.RESULTAAT_I, V.START]
    with uitvoeren():
        pilot2_afspraak(traject, regisseur, fonds, start="1200")
    assert soorten(d) == [V.RESULTAAT_I, V.START]
    with scope(regio=d.regio_id):
        # Changed amounts apply to new claims only.
        assert Vordering.objects.get(deelname=d, soort=V.START).bedrag == D(1000)


def test_regel_van_de_gemeente_gaat_voor_de_standaard(traject, regisseur, fonds, gemeenten):
    amsterdam, zaanstad = gemeenten
    with scope(regio=traject.regio_id):
        services.leg_afspraak_vast(
            traject=traject,
            door=regisseur,
            soort="voor_resultaat",
            fonds=fonds,
            regels=[
                RegelInvoer(financier=None, start_per_kandidaat=D(1000)),
                RegelInvoer(
                    financier=zaanstad, start_per_kandidaat=D(0), resultaat_2_per_kandidaat=D(2500)
                ),
            ],
        )
    [a] = meld_aan(traject, regisseur, gemeente=amsterdam)
    [z] = meld_aan(traject, regisseur, gemeente=zaanstad)
    for d in (a, z):
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
        with scope(regio=d.regio_id):
            services.maak_vordering(deelname=d, soort=V.START)
    # Zaanstad pays no start amount (its own line says 0): no claim of € 0.
    assert soorten(a) == [V.START]
    assert soorten(z) == []


def test_eenmaal_ook_als_de_overgang_twee_keer_gebeurt(traject, regisseur, fonds, uitvoeren):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    with uitvoeren():
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
        with scope(regio=d.regio_id):
            traject_services.verplaats_deelname(
                deelname=d,
                naar=S.GEPARKEERD,
                door=regisseur,
                gegevens={
                    "parkeer_reden": "Verhuizing",
                    "herbeoordeling_op": timezone.localdate() + timedelta(days=14),
                },
            )
            # Back to the voorschakeltraject: the START signal fires again.
            traject_services.verplaats_deelname(deelname=d, naar="vorige", door=regisseur)
    assert soorten(d) == [V.START]


def test_maak_vordering_is_idempotent(traject, regisseur, fonds):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur)
    ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    with scope(regio=d.regio_id):
        eerste = services.maak_vordering(deelname=d, soort=V.START)
        tweede = services.maak_vordering(deelname=d, soort=V.START)
        assert eerste.pk == tweede.pk
        assert services.maak_vordering(deelname=d, soort=V.RESULTAAT_II) is None


@pytest.fixture
def vordering(traject, regisseur, fonds, gemeenten):
    pilot2_afspraak(traject, regisseur, fonds)
    [d] = meld_aan(traject, regisseur, gemeente=gemeenten[0])
    ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    with scope(regio=d.regio_id):
        return services.maak_vordering(deelname=d, soort=V.START)


def boekingen(v, soort=None):
    with scope(regio=v.regio_id):
        qs = Boeking.objects.filter(vordering=v)
        return qs.filter(soort=soort).count() if soort else qs.count()


def test_akkoord_boekt_eenmaal(vordering, klantmanagers, in_regio_a):
    services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=True)
    with pytest.raises(ValidationError, match="al beoordeeld"):
        services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=True)
    assert boekingen(vordering, BoekingSoort.VORDERING) == 1
    b = Boeking.objects.get(vordering=vordering)
    assert (b.debet, b.credit, b.bedrag) == ("te_ontvangen", "opbrengst", D(1000))


def test_alleen_de_eigen_gemeente_beoordeelt(vordering, klantmanagers, regisseur, in_regio_a):
    for anders in (klantmanagers[1], regisseur):
        with pytest.raises(PermissionDenied):
            services.beoordeel_vordering(vordering=vordering, door=anders, akkoord=True)
    vordering.refresh_from_db()
    assert vordering.status == VorderingStatus.INGEDIEND


def test_afwijzen_vraagt_een_reden_en_boekt_niets(vordering, klantmanagers, regisseur, in_regio_a):
    with pytest.raises(ValidationError) as fout:
        services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=False)
    assert fout.value.message_dict == {
        "reden": ["Geef de reden van afwijzen; de procesregisseur ziet die."]
    }
    services.beoordeel_vordering(
        vordering=vordering, door=klantmanagers[0], akkoord=False, reden="Kandidaat woont in Oss"
    )
    vordering.refresh_from_db()
    assert (vordering.status, vordering.afwijzingsreden) == (
        VorderingStatus.AFGEWEZEN,
        "Kandidaat woont in Oss",
    )
    assert boekingen(vordering) == 0
    with pytest.raises(ValidationError, match="goedgekeurde"):
        services.registreer_betaling(
            vordering=vordering, door=regisseur, betaald_op=timezone.localdate()
        )
    # Resubmitted with an explanation, then approved.
    with pytest.raises(ValidationError):
        services.dien_opnieuw_in(vordering=vordering, door=regisseur, toelichting=" ")
    services.dien_opnieuw_in(
        vordering=vordering, door=regisseur, toelichting="Kandidaat woont in Amsterdam"
    )
    services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=True)
    assert boekingen(vordering, BoekingSoort.VORDERING) == 1


def test_betaling_en_terugdraaien(vordering, klantmanagers, regisseur, fonds, wereld, in_regio_a):
    regio = wereld.regio_a
    services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=True)
    with pytest.raises(ValidationError, match="toekomst"):
        services.registreer_betaling(
            vordering=vordering, door=regisseur, betaald_op=timezone.localdate() + timedelta(1)
        )
    with pytest.raises(PermissionDenied):
        services.registreer_betaling(
            vordering=vordering, door=klantmanagers[0], betaald_op=timezone.localdate()
        )
    services.registreer_betaling(
        vordering=vordering, door=regisseur, betaald_op=timezone.localdate(), kenmerk="BANK-1"
    )
    assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == D(1000)
    with pytest.raises(ValidationError, match="goedgekeurde"):
        services.registreer_betaling(
            vordering=vordering, door=regisseur, betaald_op=timezone.localdate()
        )
    services.draai_betaling_terug(vordering=vordering, door=regisseur, reden="Verkeerde gemeente")
    vordering.refresh_from_db()
    assert vordering.status == VorderingStatus.GOEDGEKEURD and vordering.betaald_op is None
    assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == D(0)
    assert selectors.saldo(regio=regio, fonds=fonds, rekening="te_ontvangen") == D(1000)
    # Paid again: a second payment booking with its own sequence number.
    services.registreer_betaling(
        vordering=vordering, door=regisseur, betaald_op=timezone.localdate()
    )
    assert list(
        Boeking.objects.filter(vordering=vordering)
        .order_by("pk")
        .values_list("soort", "volgnummer")
    ) == [("vordering", 0), ("ontvangst", 0), ("correctie", 0), ("ontvangst", 1)]
    assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == D(1000)


def test_zichtbaarheid_van_vorderingen(wereld, vordering, klantmanagers, regisseur, fonds):
    regio = wereld.regio_a
    financier_van_fonds = lid(regio, Rol.FINANCIER, organisatie=fonds)
    with scope(regio=regio.pk):
        zicht = {
            naam: set(selectors.vorderingen_zichtbaar_voor(u, regio).values_list("pk", flat=True))
            for naam, u in [
                ("regisseur", regisseur),
                ("eigen gemeente", klantmanagers[0]),
                ("andere gemeente", klantmanagers[1]),
                ("financier van het fonds", financier_van_fonds),
                ("andere financier", wereld.per_rol[Rol.FINANCIER]),
                ("werkgever", wereld.per_rol[Rol.WERKGEVER]),
            ]
        }
        [label_financier] = [
            v.deelnemer_label
            for v in selectors.vordering_lijst(user=financier_van_fonds, regio=regio)
        ]
        [label_gemeente] = [
            v.deelnemer_label for v in selectors.vordering_lijst(user=klantmanagers[0], regio=regio)
        ]
        k = vordering.deelname.kandidaat
    assert zicht == {
        "regisseur": {vordering.pk},
        "eigen gemeente": {vordering.pk},
        "andere gemeente": set(),
        "financier van het fonds": {vordering.pk},
        "andere financier": set(),
        "werkgever": set(),
    }
    assert label_gemeente == f"{k.voornaam} {k.achternaam}"
    assert label_financier == f"{k.voornaam[0]}.D. (deelname {vordering.deelname_id})"
