"""The business case of a leerwerktraject for a gemeente (seed 000 §2.2): pure Decimal
arithmetic, no database, no float.

Rounding (docs/adr/0004-business-case-afronding.md):
- amounts are computed exactly in Decimal and rounded to whole cents once, at the end
  (ROUND_HALF_UP);
- the result financing is an expected amount: resultaatbedrag × starters × slagingskans, not
  rounded to whole persons (seed: € 4,000 × 175 × 75% = € 525,000);
- the drop-outs are people who keep their uitkering: a headcount, rounded *up* to whole persons
  (seed: 25% of 175 = 43.75 → 44 persons → € 1,254,000). Rounding up keeps the estimate cautious.

With the seed's inputs this gives exactly: savings € 4,987,500, start € 175,000, result
€ 525,000, drop-outs € 1,254,000, net € 3,033,500 ("≈ € 3 miljoen").
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HONDERD = Decimal("100")
TWAALF = Decimal("12")


def centen(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Invoer:
    uitkering_per_jaar: Decimal  # € per person per year
    maanden: int  # months of uitkering saved per successful starter
    startbedrag: Decimal  # € per starter
    resultaatbedrag: Decimal  # € per successful starter (resultaat I + II together)
    starters: int
    slagingspercentage: Decimal  # 0–100


@dataclass(frozen=True)
class Uitkomst:
    besparing: Decimal
    kosten_start: Decimal
    kosten_resultaat: Decimal
    kosten_uitvallers: Decimal
    uitvallers: int  # whole persons
    geslaagden: Decimal  # expected number (may be fractional in the model)
    uitkering_per_persoon: Decimal  # over the period

    @property
    def kosten(self) -> Decimal:
        return self.kosten_start + self.kosten_resultaat + self.kosten_uitvallers

    @property
    def netto(self) -> Decimal:
        return self.besparing - self.kosten


def uitkering_over_periode(uitkering_per_jaar: Decimal, maanden: int) -> Decimal:
    return uitkering_per_jaar * Decimal(maanden) / TWAALF


def bereken(invoer: Invoer) -> Uitkomst:
    """The model: what a gemeente may expect from `starters` starters at a success rate."""
    if invoer.starters < 0 or invoer.maanden < 0:
        raise ValueError("starters and maanden must not be negative")
    if not (0 <= invoer.slagingspercentage <= HONDERD):
        raise ValueError("slagingspercentage must be between 0 and 100")
    kans = invoer.slagingspercentage / HONDERD
    per_persoon = uitkering_over_periode(invoer.uitkering_per_jaar, invoer.maanden)
    starters = Decimal(invoer.starters)
    geslaagden = starters * kans
    uitvallers = math.ceil(starters * (1 - kans))
    return Uitkomst(
        besparing=centen(starters * per_persoon),
        kosten_start=centen(starters * invoer.startbedrag),
        kosten_resultaat=centen(invoer.resultaatbedrag * geslaagden),
        kosten_uitvallers=centen(Decimal(uitvallers) * per_persoon),
        uitvallers=uitvallers,
        geslaagden=geslaagden,
        uitkering_per_persoon=centen(per_persoon),
    )


def bereken_werkelijk(
    *,
    uitkering_per_jaar: Decimal,
    maanden: int,
    starters: int,
    geslaagden: int,
    kosten_start: Decimal,
    kosten_resultaat: Decimal,
) -> Uitkomst:
    """The same figures from a traject's actual results: counted people (nothing to round) and
    the start and result claims actually made (not rejected). Everyone who started and has not
    (yet) reached a contract of ≥ 6 months counts as a drop-out: cautious while a round runs."""
    if not 0 <= geslaagden <= starters:
        raise ValueError("geslaagden must be between 0 and starters")
    per_persoon = uitkering_over_periode(uitkering_per_jaar, maanden)
    return Uitkomst(
        besparing=centen(Decimal(starters) * per_persoon),
        kosten_start=centen(kosten_start),
        kosten_resultaat=centen(kosten_resultaat),
        kosten_uitvallers=centen(Decimal(starters - geslaagden) * per_persoon),
        uitvallers=starters - geslaagden,
        geslaagden=Decimal(geslaagden),
        uitkering_per_persoon=centen(per_persoon),
    )


# The inputs of seed 000's example for a large gemeente (taakstelling 3,500; 5% starts).
SEED_GROTE_GEMEENTE = Invoer(
    uitkering_per_jaar=Decimal("19000"),
    maanden=18,
    startbedrag=Decimal("1000"),
    resultaatbedrag=Decimal("4000"),
    starters=175,
    slagingspercentage=Decimal("75"),
)


def break_even(
    *,
    terug_te_verdienen: Decimal,
    startinkomsten: Decimal,
    resultaat_per_geslaagde: Decimal,
) -> int | None:
    """The number of successful deelnemers at which start + result financing covers
    `terug_te_verdienen` (e.g. the prefinancing, or 50% of it). None if results earn nothing."""
    rest = terug_te_verdienen - startinkomsten
    if rest <= 0:
        return 0
    if resultaat_per_geslaagde <= 0:
        return None
    return math.ceil(rest / resultaat_per_geslaagde)


def percentage(deel: Decimal, geheel: Decimal) -> Decimal | None:
    """deel / geheel in percent, one decimal; None when there is nothing to divide by."""
    if not geheel:
        return None
    return (Decimal(deel) * HONDERD / Decimal(geheel)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
