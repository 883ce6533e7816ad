"""The attribution arithmetic on its own (financiering/toerekening.py): the rounding rule of
docs/adr/0010-toerekening-en-afronding.md, maxima, what is left over, and the worked example of
docs/financiering.md."""

import random
from decimal import Decimal

from financiering.selectors import Dekking
from financiering.toerekening import Kost, Regel, afgesproken, verdeel

D = Decimal
OO, VW, GEM, WSP = 1, 2, 3, 4


def test_veertig_dertig_dertig_de_cent_gaat_naar_het_grootste_deel():
    # Seed 000 §4.2, proeftuin 3 as planned: 40% O&O-fonds, 30% gemeente, 30% VluchtelingenWerk.
    regels = [Regel(OO, None, D(40)), Regel(GEM, None, D(30)), Regel(VW, None, D(30))]
    [deel] = verdeel([Kost(1, "werving", D("1234.55"))], regels, None).values()
    # Exact: 493.82 + 370.365 + 370.365; half-up gives 493.82 + 370.37 + 370.37 = 1234.56, one
    # cent too many, taken from the largest share.
    assert deel == {OO: (D("493.81"), False), GEM: (D("370.37"), False), VW: (D("370.37"), False)}
    assert sum(b for b, _ in deel.values()) == D("1234.55")


def test_maximum_wordt_opgebruikt_en_de_rest_draagt_het_fonds():
    regels = [Regel(GEM, "reiskosten", None, D(2000))]
    kosten = [Kost(1, "reiskosten", D(1500)), Kost(2, "reiskosten", D(800))]
    assert verdeel(kosten, regels, None) == {
        1: {GEM: (D(1500), False)},
        2: {GEM: (D(500), False)},  # 300 not covered
    }
    assert verdeel(kosten, regels, OO)[2] == {GEM: (D(500), False), OO: (D(300), False)}


def test_eigen_regels_gaan_voor_de_aandelen_van_de_afspraak():
    # Proeftuin 4: the O&O-fonds pays assessment and vakopleiding, the WSP procesregie and the
    # other modules; whatever has no rule of its own is split 60/40 as agreed.
    regels = [
        Regel(OO, "assessment", D(100)),
        Regel(OO, "vakopleiding", D(100)),
        Regel(WSP, "procesregie", D(100)),
        Regel(OO, None, D(60)),
        Regel(WSP, None, D(40)),
    ]
    kosten = [Kost(1, "vakopleiding", D(27500)), Kost(2, "procesregie", D(12500))]
    kosten.append(Kost(3, "overig", D("100.01")))
    assert verdeel(kosten, regels, None) == {
        1: {OO: (D(27500), False)},
        2: {WSP: (D(12500), False)},
        3: {OO: (D("60.01"), False), WSP: (D("40.00"), False)},
    }


def test_in_natura_draagt_wie_het_leverde():
    regels = [Regel(OO, None, D(50)), Regel(WSP, None, D(50))]
    uitkomst = verdeel([Kost(1, "vakopleiding", D(27500), in_natura_door=OO)], regels, None)
    assert uitkomst == {1: {OO: (D(27500), True)}}


def test_de_cent_gaat_niet_naar_een_deel_op_zijn_maximum():
    # GEM is at its maximum (whole cents), so the cent goes to the largest share with room.
    regels = [Regel(GEM, "overig", D("33.34"), D("0.33")), Regel(OO, "overig", D("33.33"))]
    regels.append(Regel(VW, "overig", D("33.33")))
    [deel] = verdeel([Kost(1, "overig", D("1.00"))], regels, None).values()
    assert deel[GEM] == (D("0.33"), False)
    assert sum(b for b, _ in deel.values()) == D("1.00")


def test_altijd_tot_op_de_cent():
    """Any split over up to five financiers, with or without maxima and a fund: financiers plus
    what is not covered add up to every cost exactly."""
    rng = random.Random(14)
    for _ in range(300):
        n = rng.randint(1, 5)
        procenten = sorted(rng.sample(range(1, 10000), n - 1)) if n > 1 else []
        delen = [b - a for a, b in zip([0, *procenten], [*procenten, 10000], strict=True)]
        regels = [
            Regel(
                i,
                "overig",
                D(d) / 100,
                D(rng.randint(1, 500000)) / 100 if rng.random() < 0.3 else None,
            )
            for i, d in enumerate(delen, start=10)
        ]
        kosten = [Kost(k, "overig", D(rng.randint(1, 10_000_000)) / 100) for k in range(4)]
        fonds = rng.choice([None, 99])
        for kost, deel in zip(kosten, verdeel(kosten, regels, fonds).values(), strict=True):
            som = sum((b for b, _ in deel.values()), D(0))
            assert all(b == b.quantize(D("0.01")) for b, _ in deel.values())
            if fonds or all(r.maximum is None for r in regels):
                assert som == kost.bedrag
            else:
                assert som <= kost.bedrag


def test_afgesproken_op_de_begroting():
    regels = [
        Regel(GEM, "reiskosten", None, D(2000)),
        Regel(OO, None, D(40)),
        Regel(VW, None, D(60)),
    ]
    natura = [Regel(OO, "vakopleiding", D(100), D(27500))]
    begroting = {"werving": D(10000), "vakopleiding": D(30000)}
    uitkomst = afgesproken(begroting, regels, natura, None)
    assert uitkomst[OO] == {"werving": (D(4000), D(0)), "vakopleiding": (D(12000), D(27500))}
    assert uitkomst[VW] == {"werving": (D(6000), D(0)), "vakopleiding": (D(18000), D(0))}
    # No budget for travel costs: the maximum is what was agreed.
    assert uitkomst[GEM] == {"reiskosten": (D(2000), D(0))}


def test_rekenvoorbeeld_uit_de_documentatie():
    """docs/financiering.md, 'Rekenvoorbeeld'."""
    # Round A (voor- en resultaatfinanciering, proeftuin 2): € 90,000 of costs, all prefinanced
    # by the fund except € 10,000; gemeenten paid € 35,500 in start and result financing.
    a = Dekking(kosten_geld=D(90000), terug_gemeenten=D(35500), toegerekend=D(90000))
    assert a.percentage == D("39.4")
    assert D(35500) * 100 / D(80000) == D("44.375")  # returned to the fund: 44.4%
    # Round B (subsidy + in kind, proeftuinen 5-6): € 62,500 money paid by the subsidy, the
    # vakopleiding worth € 27,500 given in kind by the O&O-fonds.
    b = Dekking(
        kosten_geld=D(62500), kosten_natura=D(27500), subsidie=D(62500), toegerekend=D(90000)
    )
    assert (b.kosten, b.percentage, b.natura_deel, b.niet_gedekt) == (
        D(90000),
        D("69.4"),
        D("30.6"),
        D(0),
    )
