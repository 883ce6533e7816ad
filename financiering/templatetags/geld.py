"""Amounts in Dutch notation: {{ bedrag|euro }} → "€ 1.234,56", {{ bedrag|euro:0 }} → "€ 1.235".

One filter for every page, the CSV and the PDF, independent of the active locale. The space
after the euro sign is a non-breaking space, so an amount never wraps across lines.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NBSP = "\u00a0"


def euro_tekst(waarde, decimalen: int = 2) -> str:
    if waarde is None or waarde == "":
        return ""
    try:
        bedrag = Decimal(str(waarde)) if not isinstance(waarde, Decimal) else waarde
        decimalen = int(decimalen)
    except (InvalidOperation, ValueError, TypeError):
        return str(waarde)
    if not bedrag.is_finite():
        return str(waarde)
    afgerond = bedrag.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    teken = "-" if afgerond < 0 else ""
    heel, _punt, fractie = f"{abs(afgerond):f}".partition(".")
    groepen = []
    while heel:
        groepen.insert(0, heel[-3:])
        heel = heel[:-3]
    tekst = ".".join(groepen) or "0"
    if decimalen > 0:
        tekst += "," + fractie.ljust(decimalen, "0")
    return f"€{NBSP}{teken}{tekst}"


def getal_tekst(waarde) -> str:
    """For CSV: "1234,56" (Dutch spreadsheets read a comma as the decimal separator)."""
    if waarde is None:
        return ""
    return f"{Decimal(waarde).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}".replace(
        ".", ","
    )


@register.filter
def euro(waarde, decimalen=2):
    return euro_tekst(waarde, decimalen)


@register.filter
def procent(waarde) -> str:
    """12.5 → "12,5%"; None → "–"."""
    if waarde is None or waarde == "":
        return "–"
    try:
        getal = Decimal(str(waarde))
    except InvalidOperation:
        return str(waarde)
    tekst = f"{getal.normalize():f}" if getal == getal.to_integral() else f"{getal:f}"
    return tekst.replace(".", ",") + "%"
