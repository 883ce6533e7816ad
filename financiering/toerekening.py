"""Who bears which cost: the attribution of a round's costs to its financiers, as pure Decimal
arithmetic (no database, no float). financiering/services.py books the outcome as append-only
attribution bookings (Toerekening); the statements per financier read those.

The rules (docs/adr/0010-toerekening-en-afronding.md):

- A cost given **in kind** (`in_natura_door`) is borne in full, in kind, by whoever gave it.
- A cost paid in **money** is split by the coverage rules of its category (Dekkingsregel: a
  percentage of every cost, a maximum over the round, or both). A category without rules of its
  own is split by the percentages on the agreement's lines ("aandeel in de kosten").
- Each cost line on its own, in the order the costs were made (date, then number): a maximum is
  used up by the earlier costs of its category.
- Per cost line and financier the exact share is rounded **half-up to whole cents**; the cents
  that rounding gains or loses (the rounded sum of all exact shares minus the sum of the rounded
  shares) go to the **largest share** that is not at its maximum (the first rule on a tie), so
  the shares add up exactly.
- What the rules leave (less than 100%, or a maximum reached) is borne by the agreement's fund
  (the O&O-fonds that prefinances the round at its own risk); without a fund it stays
  **not covered** and the pages say so. Either way financiers + not covered = the cost, to the
  cent.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
NUL = Decimal("0.00")
HONDERD = Decimal(100)


def centen(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Regel:
    financier_id: int
    categorie: str | None  # None: every category without rules of its own (a line's share)
    procent: Decimal | None
    maximum: Decimal | None = None

    @property
    def aandeel(self) -> Decimal:
        return self.procent if self.procent is not None else HONDERD


@dataclass(frozen=True)
class Kost:
    id: int
    categorie: str
    bedrag: Decimal  # the cost as it stands: its own amount plus its corrections
    in_natura_door: int | None = None


# {financier id: (amount, in kind)} for one cost
Deel = dict[int, tuple[Decimal, bool]]


def regels_per_categorie(regels: Iterable[Regel], categorieen: Iterable[str]) -> dict:
    """{categorie: the rules that split it}: its own rules, else the general ones."""
    regels = list(regels)
    algemeen = [r for r in regels if r.categorie is None]
    return {c: [r for r in regels if r.categorie == c] or algemeen for c in categorieen}


def verdeel(
    kosten: Iterable[Kost], regels: Iterable[Regel], restdrager: int | None
) -> dict[int, Deel]:
    """{cost id: {financier id: (amount, in kind)}} for the costs in the order given. A cost's
    amounts add up to the cost minus what is not covered (only without a `restdrager`)."""
    kosten = list(kosten)
    per_categorie = regels_per_categorie(regels, {k.categorie for k in kosten})
    gebruikt: dict[tuple[int, str], Decimal] = defaultdict(lambda: NUL)
    uitkomst: dict[int, Deel] = {}
    for kost in kosten:
        if kost.in_natura_door is not None:
            uitkomst[kost.id] = {kost.in_natura_door: (kost.bedrag, True)} if kost.bedrag else {}
            continue
        aandelen = _aandelen(kost, per_categorie[kost.categorie], gebruikt)
        deel: Deel = {f: (b, False) for f, b in aandelen.items() if b}
        rest = kost.bedrag - sum(aandelen.values(), NUL)
        if rest and restdrager is not None:
            eerder = deel.get(restdrager, (NUL, False))[0]
            deel[restdrager] = (eerder + rest, False)
            deel = {f: v for f, v in deel.items() if v[0]}
        uitkomst[kost.id] = deel
    return uitkomst


def _aandelen(kost: Kost, regels: list[Regel], gebruikt) -> dict[int, Decimal]:
    """The rounded share of each rule's financier in one money cost; uses up maxima."""
    exact: dict[int, Decimal] = {}
    ruimte: dict[int, Decimal | None] = {}
    for regel in regels:
        s = kost.bedrag * regel.aandeel / HONDERD
        if regel.maximum is not None:
            al = gebruikt[(regel.financier_id, kost.categorie)]
            # Not beyond the maximum; a negative cost (an old correction) gives back at most
            # what was used.
            s = max(min(s, regel.maximum - al), -al)
            ruimte[regel.financier_id] = regel.maximum - al
        else:
            ruimte[regel.financier_id] = None
        exact[regel.financier_id] = exact.get(regel.financier_id, NUL) + s
    afgerond = {f: centen(s) for f, s in exact.items()}
    verschil = centen(sum(exact.values(), NUL)) - sum(afgerond.values(), NUL)
    if verschil:
        vrij = [
            f for f in exact if ruimte[f] is None or abs(afgerond[f] + verschil) <= abs(ruimte[f])
        ]
        if vrij:
            grootste = max(vrij, key=lambda f: abs(exact[f]))  # max() keeps the first on a tie
            afgerond[grootste] += verschil
    for regel in regels:
        if regel.maximum is not None:
            gebruikt[(regel.financier_id, kost.categorie)] += afgerond[regel.financier_id]
    return afgerond


def afgesproken(
    begroting: dict[str, Decimal],
    regels: Iterable[Regel],
    natura_regels: Iterable[Regel],
    restdrager: int | None,
) -> dict[int, dict[str, tuple[Decimal, Decimal]]]:
    """What the agreement gives each financier per category, on the budget: {financier id:
    {categorie: (money, in kind)}}. A budgeted category is split like a cost of that amount; a
    rule with a maximum in a category without budget counts its maximum."""
    regels, natura_regels = list(regels), list(natura_regels)
    uitkomst: dict[int, dict[str, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [NUL, NUL])
    )
    kosten = [Kost(i, c, b) for i, (c, b) in enumerate(sorted(begroting.items())) if b]
    for kost_id, deel in verdeel(kosten, regels, restdrager).items():
        categorie = kosten[kost_id].categorie
        for f, (b, _natura) in deel.items():
            uitkomst[f][categorie][0] += b
    per_categorie = regels_per_categorie(regels, [r.categorie for r in regels if r.categorie])
    for categorie, eigen in per_categorie.items():
        if begroting.get(categorie):
            continue
        for r in eigen:
            if r.maximum is not None and r.categorie == categorie:
                uitkomst[r.financier_id][categorie][0] += r.maximum
    for r in natura_regels:
        budget = begroting.get(r.categorie)
        if budget:
            waarde = centen(budget * r.aandeel / HONDERD)
            if r.maximum is not None:
                waarde = min(waarde, r.maximum)
        else:
            waarde = r.maximum or NUL
        uitkomst[r.financier_id][r.categorie][1] += waarde
    return {f: {c: (v[0], v[1]) for c, v in per.items()} for f, per in uitkomst.items()}
