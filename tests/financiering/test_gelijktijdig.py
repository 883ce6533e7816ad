"""Races on real PostgreSQL: two threads, each with its own connection and transaction, released
at the same moment. Whatever the interleaving, a claim exists once, an approval books once, a
payment books once and the fund never pays out more than it holds."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scope

from financiering import selectors, services
from financiering.models import Boeking, BoekingSoort, Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from trajecten.models import DeelnameStatus as S

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak

pytestmark = pytest.mark.django_db(transaction=True)


def gelijktijdig(regio_id, *functies):
    """Runs each function in its own thread and transaction; all start after every thread has
    opened its transaction. Returns [(\"ok\", result) | (\"fout\", exception)] in order."""
    start = threading.Barrier(len(functies), timeout=10)
    uitkomsten = [None] * len(functies)

    def draai(i, functie):
        try:
            with scope(regio=regio_id), transaction.atomic():
                # Something read inside the transaction, so it really is open before the race.
                connection.cursor().execute("SELECT 1")
                start.wait()
                uitkomsten[i] = ("ok", functie())
        except Exception as fout:  # noqa: BLE001 - reported back to the test
            uitkomsten[i] = ("fout", fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, f)) for i, f in enumerate(functies)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    assert all(not d.is_alive() for d in draden), "a thread hangs (deadlock?)"
    return uitkomsten


@pytest.fixture
def gestart(traject, regisseur, fonds, gemeenten):
    """A deelname that entered the voorschakeltraject, without its claim yet."""
    [d] = meld_aan(traject, regisseur, gemeente=gemeenten[0])
    ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
    # No test transaction here: the agreement makes the START claim at once (on_commit).
    # Remove it, so that the threads race to create it.
    pilot2_afspraak(traject, regisseur, fonds)
    with scope(regio=d.regio_id):
        Vordering.objects.filter(deelname=d).delete()
    return d


def test_twee_overgangen_tegelijk_een_vordering(gestart):
    uitkomsten = gelijktijdig(
        gestart.regio_id,
        *[lambda: services.maak_vordering(deelname=gestart, soort=V.START).pk] * 2,
    )
    assert [u[0] for u in uitkomsten] == ["ok", "ok"]
    assert uitkomsten[0][1] == uitkomsten[1][1]
    with scope(regio=gestart.regio_id):
        assert Vordering.objects.filter(deelname=gestart).count() == 1


def test_de_unieke_sleutel_is_het_laatste_woord(gestart, fonds):
    """Even without the service's lock: two plain get_or_create calls at once make one row."""

    def zonder_slot():
        v, _nieuw = Vordering.objects.get_or_create(
            deelname=gestart,
            soort=V.START,
            defaults={
                "regio_id": gestart.regio_id,
                "traject_id": gestart.traject_id,
                "gemeente_id": gestart.kandidaat.gemeente_id,
                "fonds": fonds,
                "bedrag": D(1000),
                "verdiend_op": date(2027, 1, 1),
            },
        )
        return v.pk

    uitkomsten = gelijktijdig(gestart.regio_id, zonder_slot, zonder_slot)
    assert [u[0] for u in uitkomsten] == ["ok", "ok"]
    assert uitkomsten[0][1] == uitkomsten[1][1]
    with scope(regio=gestart.regio_id):
        assert Vordering.objects.filter(deelname=gestart).count() == 1


@pytest.fixture
def vordering(gestart):
    with scope(regio=gestart.regio_id):
        return services.maak_vordering(deelname=gestart, soort=V.START)


def test_twee_goedkeuringen_tegelijk_een_boeking(vordering, klantmanagers):
    km = klantmanagers[0]
    uitkomsten = gelijktijdig(
        vordering.regio_id,
        *[lambda: services.beoordeel_vordering(vordering=vordering, door=km, akkoord=True)] * 2,
    )
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    fout = next(u[1] for u in uitkomsten if u[0] == "fout")
    assert isinstance(fout, ValidationError) and "al beoordeeld" in fout.messages[0]
    with scope(regio=vordering.regio_id):
        assert (
            Boeking.objects.filter(vordering=vordering, soort=BoekingSoort.VORDERING).count() == 1
        )
        vordering.refresh_from_db()
        assert vordering.status == VorderingStatus.GOEDGEKEURD


def test_goedkeuren_en_afwijzen_tegelijk_een_besluit(vordering, klantmanagers):
    km = klantmanagers[0]
    uitkomsten = gelijktijdig(
        vordering.regio_id,
        lambda: services.beoordeel_vordering(vordering=vordering, door=km, akkoord=True),
        lambda: services.beoordeel_vordering(
            vordering=vordering, door=km, akkoord=False, reden="Onbekende kandidaat"
        ),
    )
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    with scope(regio=vordering.regio_id):
        vordering.refresh_from_db()
        geboekt = Boeking.objects.filter(vordering=vordering).count()
    assert geboekt == (1 if vordering.status == VorderingStatus.GOEDGEKEURD else 0)


def test_twee_betalingen_tegelijk_een_ontvangst(vordering, klantmanagers, regisseur, fonds):
    with scope(regio=vordering.regio_id):
        services.beoordeel_vordering(vordering=vordering, door=klantmanagers[0], akkoord=True)
    vandaag = timezone.localdate()
    uitkomsten = gelijktijdig(
        vordering.regio_id,
        *[
            lambda: services.registreer_betaling(
                vordering=vordering, door=regisseur, betaald_op=vandaag
            )
        ]
        * 2,
    )
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    with scope(regio=vordering.regio_id):
        assert (
            Boeking.objects.filter(vordering=vordering, soort=BoekingSoort.ONTVANGST).count() == 1
        )
        assert selectors.saldo(regio=vordering.traject.regio, fonds=fonds, rekening="kas") == D(
            1000
        )


def test_het_fonds_betaalt_niet_twee_keer_hetzelfde_geld_uit(wereld, traject, regisseur, fonds):
    regio = wereld.regio_a
    with scope(regio=regio.pk):
        services.boek_inleg(
            regio=regio, fonds=fonds, door=regisseur, bedrag=D(1000), datum=date(2026, 1, 1)
        )

    def voorfinancier():
        return services.boek_voorfinanciering(
            regio=regio,
            fonds=fonds,
            traject=traject,
            door=regisseur,
            bedrag=D(600),
            datum=date(2026, 1, 2),
        ).pk

    uitkomsten = gelijktijdig(regio.pk, voorfinancier, voorfinancier)
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    with scope(regio=regio.pk):
        assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == D(400)
