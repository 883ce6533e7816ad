"""The one CSV writer of Schakel. Every export goes through `csv_antwoord`.

A cell that a spreadsheet program would read as a formula (starting with =, +, -, @, a tab or a
carriage return) gets a leading apostrophe, so an export can never run what someone typed into
a name or a description (CSV injection). Plain numbers, negative amounts included, stay numbers.
"""

import csv
import re
from collections.abc import Iterable
from datetime import date, datetime

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"-?\d[\d.,]*")


def veilige_cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    tekst = str(waarde)
    if tekst.startswith(GEVAARLIJK) and not _GETAL.fullmatch(tekst):
        return "'" + tekst
    return tekst


def csv_antwoord(bestandsnaam: str, kop: Iterable, rijen: Iterable[Iterable]) -> HttpResponse:
    """A CSV download (semicolons and a byte order mark, as Dutch spreadsheet programs expect),
    never cached: exports hold personal data."""
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{bestandsnaam}"'},
    )
    add_never_cache_headers(response)
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow([veilige_cel(k) for k in kop])
    for rij in rijen:
        schrijver.writerow([veilige_cel(c) for c in rij])
    return response
