from decimal import Decimal

import pytest
from django.template import Context, Template

from financiering.forms import normaliseer_getal
from financiering.templatetags.geld import euro_tekst, getal_tekst

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("4987500"), "€ 4.987.500,00"),
        (Decimal("-1254000"), "€ -1.254.000,00"),
        (Decimal("0.005"), "€ 0,01"),
        (Decimal("999.999"), "€ 1.000,00"),
        (1000, "€ 1.000,00"),
    ],
)
def test_euro(waarde, tekst):
    assert euro_tekst(waarde) == tekst.replace(" ", NBSP)


def test_euro_filter_in_een_sjabloon():
    html = Template("{% load geld %}{{ b|euro }} {{ b|euro:0 }} [{{ leeg|euro }}]").render(
        Context({"b": Decimal("3033500"), "leeg": None})
    )
    assert html == f"€{NBSP}3.033.500,00 €{NBSP}3.033.500 []"


def test_geen_float_nodig_en_onzin_blijft_onzin():
    assert euro_tekst("abc") == "abc"
    assert getal_tekst(Decimal("1234.5")) == "1234,50"


@pytest.mark.parametrize(
    ("invoer", "genormaliseerd"),
    [
        ("1.250,50", "1250.50"),
        ("1250,5", "1250.5"),
        ("€ 1.000", "1000"),
        ("1.000.000", "1000000"),
        ("1250.50", "1250.50"),
        ("-1.000", "-1000"),
        ("40%", "40"),
    ],
)
def test_bedragen_op_zijn_nederlands(invoer, genormaliseerd):
    assert normaliseer_getal(invoer) == genormaliseerd
