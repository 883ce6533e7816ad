"""The business case of seed 000 §2.2, to the euro (rounding: docs/adr/0004)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from financiering import businesscase as bc
from financiering.templatetags.geld import euro_tekst


def test_de_tabel_van_seed_000_tot_op_de_euro():
    u = bc.bereken(bc.SEED_GROTE_GEMEENTE)
    assert u.besparing == Decimal("4987500.00")  # 175 × 19,000 × 1.5
    assert u.kosten_start == Decimal("175000.00")  # 175 × 1,000
    assert u.kosten_resultaat == Decimal("525000.00")  # 4,000 × 175 × 75%
    assert u.uitvallers == 44  # 25% of 175 = 43.75, rounded up to whole persons
    assert u.kosten_uitvallers == Decimal("1254000.00")  # 44 × 28,500
    assert u.netto == Decimal("3033500.00")  # "≈ € 3 miljoen"
    assert euro_tekst(u.netto, 0) == "€\u00a03.033.500"


def test_een_kandidaat_een_half_jaar():
    """ "Bij een halfjaarcontract ontstaat een besparing van € 9.500 … positief resultaat
    van € 4.500." """
    u = bc.bereken(
        bc.Invoer(
            uitkering_per_jaar=Decimal("19000"),
            maanden=6,
            startbedrag=Decimal("1000"),
            resultaatbedrag=Decimal("4000"),
            starters=1,
            slagingspercentage=Decimal("100"),
        )
    )
    assert u.besparing == Decimal("9500.00")
    assert u.kosten == Decimal("5000.00")
    assert u.netto == Decimal("4500.00")


def test_alles_is_decimal_en_op_centen():
    u = bc.bereken(
        replace(bc.SEED_GROTE_GEMEENTE, uitkering_per_jaar=Decimal("19000.01"), maanden=7)
    )
    for bedrag in (u.besparing, u.kosten_start, u.kosten_resultaat, u.kosten_uitvallers, u.netto):
        assert isinstance(bedrag, Decimal)
        assert bedrag == bedrag.quantize(Decimal("0.01"))
    # 19,000.01 × 7 / 12 = 11,083.339166… per person → 175 × that, rounded once at the end.
    assert u.besparing == Decimal("1939584.35")


@pytest.mark.parametrize(
    ("starters", "percentage", "uitvallers"),
    [(175, "75", 44), (10, "60", 4), (10, "65", 4), (10, "66", 4), (9, "100", 0), (0, "75", 0)],
)
def test_uitvallers_naar_boven_op_hele_personen(starters, percentage, uitvallers):
    u = bc.bereken(
        replace(bc.SEED_GROTE_GEMEENTE, starters=starters, slagingspercentage=Decimal(percentage))
    )
    assert u.uitvallers == uitvallers


@pytest.mark.parametrize(
    "fout",
    [{"starters": -1}, {"maanden": -1}, {"slagingspercentage": Decimal("101")}],
)
def test_onzinnige_invoer(fout):
    with pytest.raises(ValueError, match="must"):
        bc.bereken(replace(bc.SEED_GROTE_GEMEENTE, **fout))


def test_werkelijke_resultaten():
    # Pilot 2 per gemeente: 6 starters, 4 with a contract, claims 6,000 start + 15,000 result.
    u = bc.bereken_werkelijk(
        uitkering_per_jaar=Decimal("19000"),
        maanden=18,
        starters=6,
        geslaagden=4,
        kosten_start=Decimal("6000"),
        kosten_resultaat=Decimal("15000"),
    )
    assert u.besparing == Decimal("171000.00")
    assert u.kosten_uitvallers == Decimal("57000.00")
    assert u.netto == Decimal("93000.00")
    with pytest.raises(ValueError, match="geslaagden"):
        bc.bereken_werkelijk(
            uitkering_per_jaar=Decimal("19000"),
            maanden=18,
            starters=1,
            geslaagden=2,
            kosten_start=Decimal(0),
            kosten_resultaat=Decimal(0),
        )


@pytest.mark.parametrize(
    ("terug", "start", "resultaat", "verwacht"),
    [
        ("32500", "10000", "3750", 6),  # pilot 2 at 50%: exactly 6
        ("65000", "10000", "3750", 15),  # 14.67 → 15
        ("5000", "10000", "3750", 0),  # the start payments alone cover it
        ("65000", "10000", "0", None),  # no result financing: never
    ],
)
def test_break_even(terug, start, resultaat, verwacht):
    assert (
        bc.break_even(
            terug_te_verdienen=Decimal(terug),
            startinkomsten=Decimal(start),
            resultaat_per_geslaagde=Decimal(resultaat),
        )
        == verwacht
    )


def test_percentage():
    assert bc.percentage(Decimal("32500"), Decimal("65000")) == Decimal("50.0")
    assert bc.percentage(Decimal("1"), Decimal("3")) == Decimal("33.3")
    assert bc.percentage(Decimal("1"), Decimal("0")) is None
