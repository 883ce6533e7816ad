"""The revolving fund's ledger: every balance is the sum of its bookings, every booking is a
complete double entry, and bookings are never changed or deleted (model, queryset and a
PostgreSQL trigger). Corrections are new bookings."""

import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from financiering import selectors, services
from financiering.models import (
    BOEKINGSSCHEMA,
    AlleenToevoegen,
    Boeking,
    Rekening,
    Uitgave,
)
from trajecten import services as traject_services

from .conftest import D

DATUM = date(2026, 2, 1)


@pytest.fixture
def regio(wereld, in_regio_a):
    return wereld.regio_a


def test_saldo_is_de_som_van_de_boekingen(regio, traject, regisseur, fonds):
    rng = random.Random(6)
    services.boek_inleg(regio=regio, fonds=fonds, door=regisseur, bedrag=D(100000), datum=DATUM)
    for _ in range(40):
        keuze = rng.choice(["inleg", "voorfinanciering", "correctie"])
        bedrag = Decimal(rng.randint(1, 500000)) / 100
        try:
            if keuze == "inleg":
                services.boek_inleg(
                    regio=regio, fonds=fonds, door=regisseur, bedrag=bedrag, datum=DATUM
                )
            elif keuze == "voorfinanciering":
                services.boek_voorfinanciering(
                    regio=regio,
                    fonds=fonds,
                    traject=traject,
                    door=regisseur,
                    bedrag=bedrag,
                    datum=DATUM,
                )
            else:
                b = rng.choice(
                    list(Boeking.objects.filter(soort__in=["inleg", "voorfinanciering"]))
                )
                services.corrigeer_boeking(boeking=b, door=regisseur, reden="test")
        except ValidationError:
            pass  # refused (more than the fund holds, already corrected): changes nothing
    boekingen = list(Boeking.objects.filter(fonds=fonds))
    assert len(boekingen) > 20
    for rekening in Rekening.values:
        verwacht = sum(
            (b.bedrag if b.debet == rekening else -b.bedrag)
            for b in boekingen
            if rekening in (b.debet, b.credit)
        )
        assert selectors.saldo(regio=regio, fonds=fonds, rekening=rekening) == verwacht
    # Double entry: the accounts together always balance to zero.
    assert sum(selectors.saldo(regio=regio, fonds=fonds, rekening=r) for r in Rekening.values) == 0
    # Never more out of the fund than in it.
    assert selectors.saldo(regio=regio, fonds=fonds, rekening=Rekening.KAS) >= 0
    for b in boekingen:
        assert b.debet != b.credit and b.bedrag > 0
        if b.soort != "correctie":
            assert (b.debet, b.credit) == BOEKINGSSCHEMA[b.soort]
        else:
            assert (b.debet, b.credit) == (b.corrigeert.credit, b.corrigeert.debet)


@pytest.fixture
def boeking(regio, regisseur, fonds):
    return services.boek_inleg(
        regio=regio, fonds=fonds, door=regisseur, bedrag=D(1000), datum=DATUM
    )


def test_het_model_weigert_wijzigen_en_verwijderen(boeking):
    boeking.bedrag = D(1)
    with pytest.raises(AlleenToevoegen):
        boeking.save()
    with pytest.raises(AlleenToevoegen):
        boeking.delete()
    with pytest.raises(AlleenToevoegen):
        Boeking.objects.filter(pk=boeking.pk).update(bedrag=D(1))
    with pytest.raises(AlleenToevoegen):
        Boeking.objects.filter(pk=boeking.pk).delete()
    assert Boeking.objects.get(pk=boeking.pk).bedrag == D(1000)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE financiering_boeking SET bedrag = 1 WHERE id = %s",
        "DELETE FROM financiering_boeking WHERE id = %s",
    ],
)
def test_de_database_weigert_wijzigen_en_verwijderen(boeking, sql):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [boeking.pk])
    assert Boeking.objects.get(pk=boeking.pk).bedrag == D(1000)


def test_ook_uitgaven_zijn_alleen_toevoegen(regio, traject, regisseur):
    u = services.boek_uitgave(
        traject=traject,
        door=regisseur,
        categorie="vakopleiding",
        datum=DATUM,
        omschrijving="Basisvakopleiding",
        bedrag=D(25000),
    )
    with pytest.raises(AlleenToevoegen):
        u.delete()
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM financiering_uitgave WHERE id = %s", [u.pk])
    # A correction is a new row with the difference, pointing at the cost.
    correctie = services.corrigeer_uitgave(
        uitgave=u, door=regisseur, bedrag=D(22500), reden="Dubbel gefactureerd"
    )
    assert (correctie.corrigeert, correctie.bedrag) == (u, D(-2500))
    assert Uitgave.objects.aggregate(s=Sum("bedrag"))["s"] == D(22500)


def test_de_database_bewaakt_de_dubbele_boeking(regio, fonds):
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(
            regio=regio,
            fonds=fonds,
            soort="inleg",
            debet="kas",
            credit="kas",
            bedrag=1,
            datum=DATUM,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(
            regio=regio,
            fonds=fonds,
            soort="inleg",
            debet="kas",
            credit="inleg",
            bedrag=-1,
            datum=DATUM,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        # A prefinancing without traject.
        Boeking.objects.create(
            regio=regio,
            fonds=fonds,
            soort="voorfinanciering",
            debet="uitgezet",
            credit="kas",
            bedrag=1,
            datum=DATUM,
        )


def test_correctie_is_een_tegenboeking_eenmaal(boeking, regio, regisseur, fonds):
    with pytest.raises(ValidationError) as fout:
        services.corrigeer_boeking(boeking=boeking, door=regisseur, reden="")
    assert fout.value.message_dict == {"reden": ["Geef de reden van de correctie."]}
    storno = services.corrigeer_boeking(boeking=boeking, door=regisseur, reden="Dubbel geboekt")
    assert (storno.debet, storno.credit, storno.bedrag, storno.corrigeert) == (
        "inleg",
        "kas",
        D(1000),
        boeking,
    )
    assert selectors.saldo(regio=regio, fonds=fonds, rekening="kas") == 0
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        services.corrigeer_boeking(boeking=boeking, door=regisseur, reden="Nog eens")
    with pytest.raises(ValidationError, match="niet teruggedraaid"):
        services.corrigeer_boeking(boeking=storno, door=regisseur, reden="Terug")
    # The database backs it up: one correction per booking.
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(
            regio=regio,
            fonds=fonds,
            soort="correctie",
            debet="inleg",
            credit="kas",
            bedrag=1000,
            datum=DATUM,
            corrigeert=boeking,
        )


def test_inleg_die_al_is_uitgezet_kan_niet_terug(boeking, regio, regisseur, fonds, traject):
    services.boek_voorfinanciering(
        regio=regio, fonds=fonds, traject=traject, door=regisseur, bedrag=D(600), datum=DATUM
    )
    with pytest.raises(ValidationError) as fout:
        services.corrigeer_boeking(boeking=boeking, door=regisseur, reden="Vergissing")
    assert fout.value.messages == [
        "Het fonds heeft maar €\u00a0400,00 beschikbaar; deze boeking kan niet terug."
    ]


def test_niet_meer_voorfinancieren_dan_het_fonds_heeft(regio, regisseur, fonds, traject):
    with pytest.raises(ValidationError) as fout:
        services.boek_voorfinanciering(
            regio=regio, fonds=fonds, traject=traject, door=regisseur, bedrag=D(1), datum=DATUM
        )
    assert fout.value.message_dict == {
        "bedrag": [
            "Het fonds heeft €\u00a00,00 beschikbaar. Boek eerst een inleg van het O&O-fonds."
        ]
    }


def test_alleen_een_oo_fonds_heeft_een_fonds(regio, regisseur, traject, gemeenten):
    with pytest.raises(ValidationError, match="O&O-fonds"):
        services.boek_inleg(
            regio=regio, fonds=gemeenten[0], door=regisseur, bedrag=D(1), datum=DATUM
        )


def test_overdracht_alleen_naar_de_volgende_ronde_en_niet_meer_dan_terugkwam(
    regio, regisseur, fonds, traject
):
    services.boek_inleg(regio=regio, fonds=fonds, door=regisseur, bedrag=D(10000), datum=DATUM)
    with pytest.raises(ValidationError, match="volgende ronde"):
        services.boek_overdracht(
            regio=regio, fonds=fonds, traject=traject, door=regisseur, bedrag=D(1), datum=DATUM
        )
    ronde2 = traject_services.start_nieuwe_ronde(
        traject=traject, door=regisseur, start=date(2027, 6, 1)
    )
    # The fund has money (the inleg), but round 1 has brought nothing back yet.
    with pytest.raises(ValidationError) as fout:
        services.boek_overdracht(
            regio=regio, fonds=fonds, traject=ronde2, door=regisseur, bedrag=D(1), datum=DATUM
        )
    assert "heeft €\u00a00,00 ontvangen" in fout.value.messages[0]
