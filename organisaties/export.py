"""The one table writer of Schakel: every CSV and XLSX export goes through it.

A cell that a spreadsheet program would read as a formula (starting with =, +, -, @, a tab or a
carriage return) gets a leading apostrophe, so an export can never run what someone typed into
a name or a description (CSV/XLSX injection); in XLSX such text is moreover stored as text, never
as a formula. Plain numbers, negative amounts included, stay numbers.

`export_antwoord` writes either format and logs the export of each kandidaat whose personal data
it holds in the access log (werving.services.leg_raadplegingen_vast), so that no export of
personal data goes unlogged.
"""

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"-?\d[\d.,]*")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = ("csv", "xlsx")


def veilige_cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    tekst = str(waarde)
    if tekst.startswith(GEVAARLIJK) and not _GETAL.fullmatch(tekst):
        return "'" + tekst
    return tekst


def _download(inhoud, content_type: str, bestandsnaam: str) -> HttpResponse:
    # Never cached: exports hold personal data.
    response = HttpResponse(
        inhoud,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{bestandsnaam}"'},
    )
    add_never_cache_headers(response)
    return response


def csv_antwoord(bestandsnaam: str, kop: Iterable, rijen: Iterable[Iterable]) -> HttpResponse:
    """A CSV download (semicolons and a byte order mark, as Dutch spreadsheet programs expect)."""
    response = _download(b"", "text/csv; charset=utf-8", bestandsnaam)
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    schrijver.writerow([veilige_cel(k) for k in kop])
    for rij in rijen:
        schrijver.writerow([veilige_cel(c) for c in rij])
    return response


def _xlsx_cel(blad, waarde):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(waarde, bool) or waarde is None:
        return WriteOnlyCell(blad, value=veilige_cel(waarde) if waarde is not None else None)
    if isinstance(waarde, int | float | Decimal):
        return WriteOnlyCell(blad, value=waarde)
    if isinstance(waarde, datetime):
        cel = WriteOnlyCell(blad, value=timezone.localtime(waarde).replace(tzinfo=None))
        cel.number_format = "DD-MM-YYYY HH:MM"
        return cel
    if isinstance(waarde, date):
        cel = WriteOnlyCell(blad, value=waarde)
        cel.number_format = "DD-MM-YYYY"
        return cel
    cel = WriteOnlyCell(blad, value=veilige_cel(waarde))
    cel.data_type = "s"  # text, never a formula
    return cel


def xlsx_antwoord(bestandsnaam: str, kop: Iterable, rijen: Iterable[Iterable]) -> HttpResponse:
    """An XLSX download (one sheet, the header row in bold), from the same rows as the CSV."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Export")
    koppen = []
    for k in kop:
        cel = _xlsx_cel(blad, str(k))
        cel.font = Font(bold=True)
        koppen.append(cel)
    blad.append(koppen)
    for rij in rijen:
        blad.append([_xlsx_cel(blad, c) for c in rij])
    uit = io.BytesIO()
    boek.save(uit)
    return _download(uit.getvalue(), XLSX, bestandsnaam)


def export_antwoord(
    request, naam: str, kop, rijen, *, formaat: str = "csv", kandidaten=(), onderdeel: str = ""
) -> HttpResponse:
    """`naam`.csv or `naam`.xlsx; logs the export of `kandidaten` (ids or objects) in the access
    log under `onderdeel` (what was exported)."""
    if formaat not in FORMATEN:
        raise Http404
    schrijver = csv_antwoord if formaat == "csv" else xlsx_antwoord
    response = schrijver(f"{naam}.{formaat}", kop, rijen)
    if kandidaten:
        # werving builds on organisaties: imported here, not at the top.
        from werving.services import leg_raadplegingen_vast

        leg_raadplegingen_vast(
            request=request,
            kandidaten=kandidaten,
            soort="export",
            onderdeel=f"{onderdeel} ({formaat.upper()})",
        )
    return response
