"""Charts as server-rendered SVG: the coordinates are worked out here, the templates only draw
(templates/overzicht/_staven.svg.html, _lijn.svg.html). No script, no external service; every
chart is shown with its data as a table, which is also its text alternative."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

BREEDTE = 480  # viewBox width; the SVG scales with the page
LABEL = 170  # room for the labels left of the bars
RIJ = 26


@dataclass
class Staaf:
    label: str
    waarde: int | Decimal | None
    tekst: str  # what is written at the end of the bar
    x: int
    y: int
    breedte: int


def staven(rijen: list[tuple[str, int | Decimal | None, str]]) -> dict:
    """Horizontal bars: (label, value, text) per row, scaled to the largest value."""
    grootste = max((r[1] or 0 for r in rijen), default=0) or 1
    ruimte = BREEDTE - LABEL - 60
    uit = [
        Staaf(
            label=label,
            waarde=waarde,
            tekst=tekst,
            x=LABEL,
            y=i * RIJ,
            breedte=int(ruimte * (waarde or 0) / grootste) if waarde and waarde > 0 else 0,
        )
        for i, (label, waarde, tekst) in enumerate(rijen)
    ]
    return {"staven": uit, "hoogte": max(len(uit), 1) * RIJ, "breedte": BREEDTE}


@dataclass
class Punt:
    datum: date
    waarde: Decimal
    x: int
    y: int


def lijn(punten: list[tuple[date, Decimal]], hoogte: int = 160) -> dict:
    """A line through (date, value) points, e.g. a fund's balance over time."""
    if not punten:
        return {"punten": [], "pad": "", "breedte": BREEDTE, "hoogte": hoogte}
    eerste, laatste = punten[0][0], punten[-1][0]
    dagen = max((laatste - eerste).days, 1)
    laagst = min(min(w for _d, w in punten), Decimal(0))
    hoogst = max(max(w for _d, w in punten), Decimal(1))
    bereik = hoogst - laagst or Decimal(1)
    marge = 10
    uit = [
        Punt(
            datum=d,
            waarde=w,
            x=marge + int((BREEDTE - 2 * marge) * (d - eerste).days / dagen),
            y=marge + int((hoogte - 2 * marge) * (hoogst - w) / bereik),
        )
        for d, w in punten
    ]
    pad = " ".join(f"{'M' if i == 0 else 'L'} {p.x} {p.y}" for i, p in enumerate(uit))
    nul = marge + int((hoogte - 2 * marge) * hoogst / bereik)
    return {"punten": uit, "pad": pad, "breedte": BREEDTE, "hoogte": hoogte, "nul": nul}
