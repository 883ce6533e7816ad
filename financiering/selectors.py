"""Every read of financing. Each takes the user and the regio; the role decides visibility, in
one place per kind of object:

- `trajecten_zichtbaar_voor`: the procesregisseur every traject of the regio; a financier the
  trajecten their organisation finances (O&O-fonds partner, fund, penvoerder, a line or a
  coverage rule of the agreement);
- `vorderingen_zichtbaar_voor`: the procesregisseur all; a klantmanager those on their gemeente;
  a financier those paid into their own fund (a WSP, gemeente, dienstverlener or subsidy giver
  that finances a round has no fund and sees no claims);
- `financiers_zichtbaar_voor`: whose statement of a round the user may see: the procesregisseur
  every financier's, a financier only its own organisation's;
- `fondsen_zichtbaar_voor`: the procesregisseur every O&O-fonds of the regio, a financier their
  own.

A claim names its deelnemer through trajecten.selectors.deelnemer_labels: the name only for who
may see the deelname (consent), a financier initials and the deelname number. Balances and percentages are aggregates over the ledger, never
stored.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from organisaties.models import Organisatie, Regio, Rol, User
from organisaties.selectors import rollen_in_regio
from trajecten.models import (
    CONTRACT_MIN_MAANDEN,
    Deelname,
    DeelnameStatus,
    Gebeurtenis,
    GebeurtenisSoort,
    PartnerRol,
    Traject,
    TrajectPartner,
)
from trajecten.selectors import (
    heeft_bereikt,
    in_lopende_ronde,
    met_deelnemer_labels,
    telling_per_traject,
)

from . import businesscase, toerekening
from .models import (
    BAND_PER_DEELNEMER,
    CATEGORIE_BANDEN,
    GELDIG,
    NUL,
    Begrotingspost,
    Boeking,
    Dekkingsregel,
    Financieringsafspraak,
    Financieringsregel,
    Financiersbetaling,
    KostenCategorie,
    Rekening,
    Toerekening,
    Uitgave,
    Vordering,
    VorderingSoort,
    VorderingStatus,
)

DOELEN = (Decimal("25"), Decimal("50"), Decimal("100"))
DOEL_MIN, DOEL_MAX = Decimal("25"), Decimal("50")
_GELD = DecimalField(max_digits=14, decimal_places=2)


# ---- Visibility: the one place ------------------------------------------------------------


def _gefinancierd_door(organisaties) -> Q:
    return Q(
        pk__in=TrajectPartner.objects.filter(
            rol=PartnerRol.OO_FONDS, organisatie__in=organisaties
        ).values("traject")
    ) | Q(
        pk__in=Financieringsafspraak.objects.filter(
            Q(fonds__in=organisaties)
            | Q(penvoerder__in=organisaties)
            | Q(regels__financier__in=organisaties)
            | Q(dekkingsregels__financier__in=organisaties)
        ).values("traject")
    )


def trajecten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Traject]:
    qs = Traject.objects.filter(regio=regio)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    if Rol.FINANCIER in rollen:
        return qs.filter(_gefinancierd_door(rollen[Rol.FINANCIER]))
    return qs.none()


def vorderingen_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Vordering]:
    qs = Vordering.objects.filter(regio=regio)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    zicht = Q(pk__in=[])
    if Rol.KLANTMANAGER in rollen:
        zicht |= Q(gemeente__in=rollen[Rol.KLANTMANAGER])
    if Rol.FINANCIER in rollen:
        # A claim is money flowing back into a fund: only that fund's people see it.
        zicht |= Q(fonds__in=rollen[Rol.FINANCIER])
    return qs.filter(zicht)


def fondsen_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Organisatie]:
    qs = regio.organisaties.filter(soort=Organisatie.Soort.OO_FONDS)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs.order_by("naam")
    return qs.filter(pk__in=rollen.get(Rol.FINANCIER, set())).order_by("naam")


def gemeenten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Organisatie]:
    """The gemeenten whose claims the user may see (the filter of the claim pages)."""
    qs = regio.organisaties.filter(soort=Organisatie.Soort.GEMEENTE)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs.order_by("naam")
    zicht = Q(pk__in=rollen.get(Rol.KLANTMANAGER, set()))
    if Rol.FINANCIER in rollen:
        zicht |= Q(pk__in=vorderingen_zichtbaar_voor(user, regio).values("gemeente"))
    return qs.filter(zicht).order_by("naam")


def businesscase_gemeenten(user: User, regio: Regio) -> QuerySet[Organisatie]:
    """The business case is the gemeente's own: the procesregisseur sees every gemeente, a
    klantmanager their own."""
    qs = regio.organisaties.filter(soort=Organisatie.Soort.GEMEENTE)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs.order_by("naam")
    return qs.filter(pk__in=rollen.get(Rol.KLANTMANAGER, set())).order_by("naam")


def _met_labels(user: User, regio: Regio, vorderingen) -> list[Vordering]:
    return met_deelnemer_labels(user, regio, vorderingen)


def _vorderingen_basis(user: User, regio: Regio) -> QuerySet[Vordering]:
    return vorderingen_zichtbaar_voor(user, regio).select_related("traject", "gemeente", "fonds")


def vorderingen(
    *,
    user: User,
    regio: Regio,
    status: str | None = None,
    gemeente_id: int | None = None,
    traject_id: int | None = None,
) -> QuerySet[Vordering]:
    """The claims the user may see, newest first (index regio, verdiend_op, id): the list page
    takes one page of them and sums them in the database (`som_bedragen`)."""
    qs = vorderingen_zichtbaar_voor(user, regio).select_related("traject", "gemeente")
    if status:
        qs = qs.filter(status=status)
    if gemeente_id:
        qs = qs.filter(gemeente_id=gemeente_id)
    if traject_id:
        qs = qs.filter(traject_id=traject_id)
    return qs.order_by("-verdiend_op", "-pk")


def som_bedragen(vorderingen: QuerySet[Vordering]) -> Decimal:
    """The total of a list of claims, in SQL."""
    return vorderingen.order_by().aggregate(s=Coalesce(Sum("bedrag"), NUL))["s"]


def met_labels(*, user: User, regio: Regio, vorderingen) -> list[Vordering]:
    return _met_labels(user, regio, vorderingen)


def vordering_lijst(**filters) -> list[Vordering]:
    """The claims of `vorderingen` with their deelnemer labels (short lists: one traject, or
    those waiting for payment)."""
    return _met_labels(filters["user"], filters["regio"], vorderingen(**filters))


def vordering_detail(*, user: User, regio: Regio, pk: int) -> Vordering:
    """Raises Vordering.DoesNotExist for a claim the user may not see (the view gives 404)."""
    v = _vorderingen_basis(user, regio).select_related("beoordeeld_door").get(pk=pk)
    return _met_labels(user, regio, [v])[0]


def te_beoordelen(*, user: User, regio: Regio) -> QuerySet[Vordering]:
    """Claims waiting for this klantmanager's gemeente, oldest first (label a slice of them
    with `met_labels`)."""
    gemeenten = rollen_in_regio(user, regio).get(Rol.KLANTMANAGER, set())
    qs = _vorderingen_basis(user, regio).filter(
        gemeente__in=gemeenten, status=VorderingStatus.INGEDIEND
    )
    return qs.order_by("verdiend_op", "pk")


def mag_beoordelen(user: User, regio: Regio, vordering: Vordering) -> bool:
    return vordering.gemeente_id in rollen_in_regio(user, regio).get(Rol.KLANTMANAGER, set())


def vordering_boekingen(*, vordering: Vordering) -> list[Boeking]:
    return list(vordering.boekingen.select_related("geboekt_door").order_by("geboekt_op", "pk"))


# ---- The agreement ------------------------------------------------------------------------


def afspraak_van(traject: Traject) -> Financieringsafspraak | None:
    return (
        Financieringsafspraak.objects.filter(traject=traject)
        .select_related("fonds", "penvoerder", "vastgelegd_door")
        .prefetch_related(
            Prefetch("regels", queryset=Financieringsregel.objects.select_related("financier"))
        )
        .first()
    )


def regel_voor_gemeente(afspraak: Financieringsafspraak, gemeente_id: int):
    """The line of the kandidaat's gemeente, else the default line (no financier)."""
    regels = list(afspraak.regels.all())
    eigen = next((r for r in regels if r.financier_id == gemeente_id), None)
    return eigen or next((r for r in regels if r.financier_id is None), None)


def typische_bedragen(regels) -> tuple[Decimal, Decimal]:
    """(start, resultaat I + II) per kandidaat for planning: the default line, or else the
    average of the gemeente lines that have amounts per kandidaat."""
    regels = [
        r
        for r in regels
        if r.start_per_kandidaat or r.resultaat_1_per_kandidaat or r.resultaat_2_per_kandidaat
    ]
    standaard = next((r for r in regels if r.financier_id is None), None)
    kandidaten = [standaard] if standaard else regels
    if not kandidaten:
        return NUL, NUL
    n = Decimal(len(kandidaten))
    start = sum((r.start_per_kandidaat for r in kandidaten), NUL) / n
    resultaat = (
        sum((r.resultaat_1_per_kandidaat + r.resultaat_2_per_kandidaat for r in kandidaten), NUL)
        / n
    )
    return businesscase.centen(start), businesscase.centen(resultaat)


# ---- The ledger ---------------------------------------------------------------------------


def _som(rekening: str, extra: Q | None = None):
    """Σ debet − Σ credit of one account (debit-normal); negate for credit-normal accounts."""
    debet = Q(debet=rekening) & (extra or Q())
    credit = Q(credit=rekening) & (extra or Q())
    nul = Value(NUL, output_field=_GELD)
    return Coalesce(Sum("bedrag", filter=debet, output_field=_GELD), nul) - Coalesce(
        Sum("bedrag", filter=credit, output_field=_GELD), nul
    )


def saldo(*, regio: Regio, fonds: Organisatie, rekening: str, traject_id: int | None = None):
    qs = Boeking.objects.filter(regio=regio, fonds=fonds)
    if traject_id is not None:
        qs = qs.filter(traject_id=traject_id)
    return qs.aggregate(s=_som(rekening))["s"]


@dataclass
class Saldi:
    """Derived figures of one traject (or a whole fund) from the ledger."""

    uitgezet: Decimal = NUL  # prefinanced into the traject (net of corrections)
    opbrengst: Decimal = NUL  # claims approved
    te_ontvangen: Decimal = NUL  # approved, not yet paid
    overgedragen: Decimal = NUL  # passed on to the next round (traject = source)

    @property
    def ontvangen(self) -> Decimal:
        return self.opbrengst - self.te_ontvangen

    @property
    def beschikbaar_voor_volgende_ronde(self) -> Decimal:
        return self.ontvangen - self.overgedragen

    @property
    def deel_terug(self) -> Decimal | None:
        """Share of the prefinancing returned to the fund (received ÷ prefinanced), in percent.
        Not the round's coverage (`Dekking`): the two agree only when the fund prefinanced
        every cost."""
        return businesscase.percentage(self.ontvangen, self.uitgezet)

    @property
    def deel_terug_toegezegd(self) -> Decimal | None:
        """Share returned or approved (on its way)."""
        return businesscase.percentage(self.opbrengst, self.uitgezet)

    @property
    def doel_status(self) -> str:
        d = self.deel_terug
        if d is None:
            return ""
        if d < DOEL_MIN:
            return "onder"
        return "boven" if d > DOEL_MAX else "binnen"


def traject_saldi(
    *,
    regio: Regio,
    fonds: Organisatie | None = None,
    traject_ids=None,
) -> dict[int, Saldi]:
    """{traject id: Saldi} in two grouped queries, whatever the number of bookings."""
    qs = Boeking.objects.filter(regio=regio, traject__isnull=False)
    if fonds is not None:
        qs = qs.filter(fonds=fonds)
    if traject_ids is not None:
        qs = qs.filter(traject_id__in=traject_ids)
    uitkomst: dict[int, Saldi] = defaultdict(Saldi)
    for rij in (
        qs.order_by()
        .values("traject")
        .annotate(
            uitgezet=_som(Rekening.UITGEZET),
            opbrengst=-_som(Rekening.OPBRENGST),
            te_ontvangen=_som(Rekening.TE_ONTVANGEN),
        )
    ):
        s = uitkomst[rij["traject"]]
        s.uitgezet, s.opbrengst, s.te_ontvangen = (
            rij["uitgezet"],
            rij["opbrengst"],
            rij["te_ontvangen"],
        )
    bron = Boeking.objects.filter(regio=regio, bron_traject__isnull=False)
    if fonds is not None:
        bron = bron.filter(fonds=fonds)
    if traject_ids is not None:
        bron = bron.filter(bron_traject_id__in=traject_ids)
    for rij in (
        bron.order_by().values("bron_traject").annotate(overgedragen=_som(Rekening.UITGEZET))
    ):
        uitkomst[rij["bron_traject"]].overgedragen = rij["overgedragen"]
    return dict(uitkomst)


@dataclass
class BreakEven:
    doel: Decimal  # percent of the prefinancing to earn back
    terug_te_verdienen: Decimal
    aantal: int | None  # successful deelnemers needed; None = results earn nothing
    haalbaar: bool  # within the number of starters


def starters_per_traject(traject_ids) -> dict[int, int]:
    """Deelnames that ever entered the voorschakeltraject, per traject (one query)."""
    return dict(
        Gebeurtenis.objects.filter(
            traject_id__in=list(traject_ids),
            soort=GebeurtenisSoort.OVERGANG,
            naar_status=DeelnameStatus.VOORSCHAKELTRAJECT,
            deelname__isnull=False,
        )
        .order_by()
        .values("traject")
        .annotate(n=Count("deelname", distinct=True))
        .values_list("traject", "n")
    )


def break_even(
    *, traject: Traject, afspraak, saldi: Saldi, starters: int
) -> tuple[list[BreakEven], int, bool]:
    """Successful deelnemers needed to earn back 25/50/100% of the prefinancing: start
    financing for every starter (planned group while nobody started) plus resultaat I + II per
    successful deelnemer. Returns (rows, group used, based on the planned prefinancing)."""
    regels = list(afspraak.regels.all()) if afspraak else []
    start, resultaat = typische_bedragen(regels)
    groep = starters or traject.groepsgrootte
    voorfinanciering = saldi.uitgezet
    gepland = False
    if not voorfinanciering:
        voorfinanciering = sum((r.voorfinanciering for r in regels), NUL)
        gepland = True
    rijen = []
    for doel in DOELEN:
        terug = businesscase.centen(voorfinanciering * doel / 100)
        aantal = businesscase.break_even(
            terug_te_verdienen=terug,
            startinkomsten=start * groep,
            resultaat_per_geslaagde=resultaat,
        )
        rijen.append(
            BreakEven(doel, terug, aantal, haalbaar=aantal is not None and aantal <= groep)
        )
    return rijen, groep, gepland


@dataclass
class TrajectInFonds:
    traject: Traject
    saldi: Saldi
    starters: int
    break_even: list[BreakEven]


@dataclass
class FondsStand:
    fonds: Organisatie
    kas: Decimal
    inleg: Decimal
    totaal: Saldi
    trajecten: list[TrajectInFonds] = field(default_factory=list)


def fonds_detail(*, user: User, regio: Regio, pk: int) -> Organisatie:
    """Raises Organisatie.DoesNotExist for a fund the user may not see."""
    return fondsen_zichtbaar_voor(user, regio).get(pk=pk)


def fonds_stand(
    *, user: User, regio: Regio, fonds: Organisatie, ook_eerder: bool = True
) -> FondsStand:
    """The fund's balance and, per traject it prefinanced, coverage and break-even. A fixed
    number of queries, whatever the number of trajecten or bookings. The totals are over every
    booking (SQL aggregates); the rows per traject only the running rounds unless
    `ook_eerder`."""
    boekingen = Boeking.objects.filter(regio=regio, fonds=fonds)
    totaal = boekingen.aggregate(
        kas=_som(Rekening.KAS),
        inleg=-_som(Rekening.INLEG),
        uitgezet=_som(Rekening.UITGEZET),
        opbrengst=-_som(Rekening.OPBRENGST),
        te_ontvangen=_som(Rekening.TE_ONTVANGEN),
        overgedragen=_som(Rekening.UITGEZET, Q(bron_traject__isnull=False)),
    )
    lopend = None
    if not ook_eerder:
        lopend = Traject.objects.filter(in_lopende_ronde(""), regio=regio).values("pk")
    per_traject = traject_saldi(regio=regio, fonds=fonds, traject_ids=lopend)
    stand = FondsStand(
        fonds=fonds,
        kas=totaal["kas"],
        inleg=totaal["inleg"],
        totaal=Saldi(
            uitgezet=totaal["uitgezet"],
            opbrengst=totaal["opbrengst"],
            te_ontvangen=totaal["te_ontvangen"],
            overgedragen=totaal["overgedragen"],
        ),
    )
    trajecten = (
        Traject.objects.filter(regio=regio, pk__in=list(per_traject))
        .select_related("vorige_ronde")
        .prefetch_related(
            Prefetch(
                "financieringsafspraak__regels",
                queryset=Financieringsregel.objects.all(),
            )
        )
        .order_by("naam", "ronde")
    )
    trajecten = list(trajecten)
    starters = starters_per_traject(per_traject)
    for t in trajecten:
        afspraak = getattr(t, "financieringsafspraak", None)
        n = starters.get(t.pk, 0)
        rijen, _groep, _gepland = break_even(
            traject=t, afspraak=afspraak, saldi=per_traject[t.pk], starters=n
        )
        stand.trajecten.append(TrajectInFonds(t, per_traject[t.pk], n, rijen))
    return stand


def boekingen_van(*, regio: Regio, fonds: Organisatie) -> QuerySet[Boeking]:
    """The fund's bookings, newest first, for a page at a time (index regio, fonds, datum, id);
    the fund's figures come from `fonds_stand`, never from these rows."""
    return (
        Boeking.objects.filter(regio=regio, fonds=fonds)
        .select_related("traject", "bron_traject")
        .annotate(is_gecorrigeerd=Exists(Boeking.objects.filter(corrigeert=OuterRef("pk"))))
        .order_by("-datum", "-pk")
    )


def traject_boekingen(*, regio: Regio, traject: Traject) -> list[Boeking]:
    """The bookings of one traject, of every fund (the traject page of P and F)."""
    return list(
        Boeking.objects.filter(regio=regio, traject=traject)
        .select_related("fonds", "vordering", "bron_traject")
        .order_by("datum", "pk")
    )


def boeking_detail(*, regio: Regio, fonds: Organisatie, pk: int) -> Boeking:
    return Boeking.objects.select_related("traject", "vordering").get(
        regio=regio, fonds=fonds, pk=pk
    )


def boekbare_trajecten(*, user: User, regio: Regio) -> QuerySet[Traject]:
    return trajecten_zichtbaar_voor(user, regio).select_related("vorige_ronde").order_by("naam")


# ---- Per traject: overview, costs, comparison with the previous round ----------------------


@dataclass
class TrajectRij:
    traject: Traject
    afspraak: Financieringsafspraak | None
    saldi: Saldi
    open_vorderingen: int


def financiering_trajecten(
    *, user: User, regio: Regio, ook_eerder: bool = True
) -> QuerySet[Traject]:
    """The rounds of the financing overview, newest first, with their open claims counted in a
    subquery; only the running ones unless `ook_eerder`. Paginate, then `financiering_rijen`."""
    qs = trajecten_zichtbaar_voor(user, regio)
    if not ook_eerder:
        qs = qs.filter(in_lopende_ronde(""))
    return (
        qs.select_related("financieringsafspraak")
        .annotate(
            open_vorderingen=telling_per_traject(
                Vordering,
                Q(status__in=[VorderingStatus.INGEDIEND, VorderingStatus.GOEDGEKEURD]),
            )
        )
        .order_by("-aangemaakt_op", "-pk")
    )


def financiering_rijen(*, regio: Regio, trajecten) -> list[TrajectRij]:
    """One row per traject with its figures from the ledger (one grouped query)."""
    trajecten = list(trajecten)
    saldi = traject_saldi(regio=regio, traject_ids=[t.pk for t in trajecten])
    return [
        TrajectRij(
            t,
            getattr(t, "financieringsafspraak", None),
            saldi.get(t.pk, Saldi()),
            t.open_vorderingen,
        )
        for t in trajecten
    ]


def financiering_overzicht(*, user: User, regio: Regio) -> list[TrajectRij]:
    return financiering_rijen(regio=regio, trajecten=financiering_trajecten(user=user, regio=regio))


def traject_detail(*, user: User, regio: Regio, pk: int) -> Traject:
    """Raises Traject.DoesNotExist for a traject the user may not see (the view gives 404)."""
    return (
        trajecten_zichtbaar_voor(user, regio)
        .select_related("beroep", "vorige_ronde")
        .prefetch_related(
            Prefetch("partners", queryset=TrajectPartner.objects.select_related("organisatie"))
        )
        .get(pk=pk)
    )


@dataclass
class KostenRij:
    categorie: str
    label: str
    begroot: Decimal | None
    gerealiseerd: Decimal
    band: tuple[Decimal, Decimal] | None
    begroot_per_deelnemer: Decimal | None = None
    gerealiseerd_per_deelnemer: Decimal | None = None
    vorige_per_deelnemer: Decimal | None = None
    afgerond: bool = False

    @property
    def per_deelnemer(self) -> Decimal | None:
        """While a round runs its budget is the figure to judge; afterwards what it cost."""
        if self.afgerond or self.begroot_per_deelnemer is None:
            return self.gerealiseerd_per_deelnemer
        return self.begroot_per_deelnemer

    @property
    def verschil_vorige(self) -> Decimal | None:
        if self.per_deelnemer is None or not self.vorige_per_deelnemer:
            return None
        return businesscase.percentage(
            self.per_deelnemer - self.vorige_per_deelnemer, self.vorige_per_deelnemer
        )


@dataclass
class Kosten(KostenRij):
    """The totals (development and start-up excluded from the per-deelnemer figures)."""

    rijen: list[KostenRij] = field(default_factory=list)
    deelnemers: int = 0  # divisor of realised costs: starters, or the planned group
    gestart: int = 0
    vorige_ronde: Traject | None = None

    @property
    def band_status(self) -> str:
        per = self.per_deelnemer
        if per is None:
            return ""
        if per < self.band[0]:
            return "onder"
        return "boven" if per > self.band[1] else "binnen"


def _per(bedrag: Decimal | None, n: int) -> Decimal | None:
    if bedrag is None or not n:
        return None
    return businesscase.centen(bedrag / n)


def _kosten_per_categorie(traject_ids) -> tuple[dict, dict]:
    begroot = defaultdict(dict)
    for t, c, b in Begrotingspost.objects.filter(traject_id__in=traject_ids).values_list(
        "traject", "categorie", "bedrag"
    ):
        begroot[t][c] = b
    gerealiseerd = defaultdict(dict)
    for rij in (
        Uitgave.objects.filter(traject_id__in=traject_ids)
        .order_by()
        .values("traject", "categorie")
        .annotate(s=Sum("bedrag"))
    ):
        gerealiseerd[rij["traject"]][rij["categorie"]] = rij["s"]
    return begroot, gerealiseerd


def kosten(*, traject: Traject) -> Kosten:
    """Budget vs. realised per category (seed 000 §4.2), cost per deelnemer against the
    € 6,500–11,000 band (development and start-up excluded), and the previous round.

    Budget per deelnemer: divided by the planned group. Realised per deelnemer: divided by the
    starters (the planned group while nobody started). While the round runs the budget is
    judged against the band and the previous round; once it is closed, the realised costs."""
    vorige = traject.vorige_ronde
    ids = [traject.pk] + ([vorige.pk] if vorige else [])
    begroot, gerealiseerd = _kosten_per_categorie(ids)
    starters = starters_per_traject(ids)
    gestart = starters.get(traject.pk, 0)
    n = gestart or traject.groepsgrootte
    afgerond = not traject.is_actief
    if vorige:
        n_vorige = starters.get(vorige.pk, 0) or vorige.groepsgrootte
        # The previous round: what it cost, or its budget if no costs were booked.
        bron_vorige = gerealiseerd[vorige.pk] or begroot[vorige.pk]
        deler_vorige = n_vorige if gerealiseerd[vorige.pk] else vorige.groepsgrootte

    rijen = []
    for categorie, label in KostenCategorie.choices:
        rij = KostenRij(
            categorie=categorie,
            label=str(label),
            begroot=begroot[traject.pk].get(categorie),
            gerealiseerd=gerealiseerd[traject.pk].get(categorie, NUL),
            band=CATEGORIE_BANDEN.get(categorie),
            afgerond=afgerond,
        )
        if categorie != KostenCategorie.ONTWIKKELING:
            rij.begroot_per_deelnemer = _per(rij.begroot, traject.groepsgrootte)
            if categorie in gerealiseerd[traject.pk]:
                rij.gerealiseerd_per_deelnemer = _per(rij.gerealiseerd, n)
            if vorige:
                rij.vorige_per_deelnemer = _per(bron_vorige.get(categorie), deler_vorige)
        rijen.append(rij)

    def zonder_ontwikkeling(bedragen: dict) -> Decimal | None:
        waarden = [b for c, b in bedragen.items() if c != KostenCategorie.ONTWIKKELING]
        return sum(waarden, NUL) if waarden else None

    return Kosten(
        categorie="totaal",
        label="",
        begroot=sum(begroot[traject.pk].values(), NUL),
        gerealiseerd=sum(gerealiseerd[traject.pk].values(), NUL),
        band=BAND_PER_DEELNEMER,
        begroot_per_deelnemer=_per(zonder_ontwikkeling(begroot[traject.pk]), traject.groepsgrootte),
        gerealiseerd_per_deelnemer=_per(zonder_ontwikkeling(gerealiseerd[traject.pk]), n),
        vorige_per_deelnemer=_per(zonder_ontwikkeling(bron_vorige), deler_vorige)
        if vorige
        else None,
        afgerond=afgerond,
        rijen=rijen,
        deelnemers=n,
        gestart=gestart,
        vorige_ronde=vorige,
    )


def uitgaven_van(*, traject: Traject) -> list[Uitgave]:
    return list(
        traject.uitgaven.select_related("geboekt_door", "in_natura_door", "corrigeert").order_by(
            "datum", "pk"
        )
    )


def begroting_van(*, traject: Traject) -> dict[str, Decimal]:
    return dict(traject.begrotingsposten.values_list("categorie", "bedrag"))


# ---- Specification per gemeente per period -------------------------------------------------


@dataclass
class SpecificatieGroep:
    gemeente: Organisatie
    vorderingen: list[Vordering]
    totaal: Decimal
    per_status: dict[str, Decimal]
    per_soort: dict[str, Decimal]


def specificatie(
    *,
    user: User,
    regio: Regio,
    van: date,
    tot: date,
    gemeente: Organisatie | None = None,
) -> list[SpecificatieGroep]:
    """The claims earned in [van, tot], grouped per gemeente (one query)."""
    qs = _vorderingen_basis(user, regio).filter(verdiend_op__range=(van, tot))
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    rijen = _met_labels(
        user, regio, qs.order_by("gemeente__naam", "gemeente_id", "verdiend_op", "pk")
    )
    groepen: dict[int, SpecificatieGroep] = {}
    for v in rijen:
        g = groepen.get(v.gemeente_id)
        if g is None:
            g = groepen[v.gemeente_id] = SpecificatieGroep(v.gemeente, [], NUL, {}, {})
        g.vorderingen.append(v)
        g.per_status[v.status] = g.per_status.get(v.status, NUL) + v.bedrag
        if v.status in GELDIG:
            g.totaal += v.bedrag
            g.per_soort[v.soort] = g.per_soort.get(v.soort, NUL) + v.bedrag
    return list(groepen.values())


def kandidaten_van(vorderingen) -> list[int]:
    """The kandidaten behind these claims (for the access log of an export), in one query."""
    deelnames = {v.deelname_id for v in vorderingen if v.deelname_id}
    if not deelnames:
        return []
    return list(
        Deelname.objects.filter(pk__in=deelnames).values_list("kandidaat_id", flat=True).distinct()
    )


# ---- Business case from actual results -----------------------------------------------------


@dataclass
class WerkelijkRij:
    traject: Traject
    gemeente: Organisatie
    starters: int
    geslaagden: int
    onderweg: int  # started, neither succeeded nor dropped out yet
    uitkomst: businesscase.Uitkomst


def businesscase_werkelijk(
    *,
    user: User,
    regio: Regio,
    uitkering_per_jaar: Decimal,
    maanden: int,
    ook_eerder: bool = True,
) -> list[WerkelijkRij]:
    """Per traject and gemeente: the business case with the actual numbers of starters and
    successes (contract ≥ 6 months) and the start and result claims actually made; only the
    running rounds unless `ook_eerder`."""
    gemeenten = list(businesscase_gemeenten(user, regio))
    gestart = heeft_bereikt(DeelnameStatus.VOORSCHAKELTRAJECT)
    in_dienst = heeft_bereikt(DeelnameStatus.IN_DIENST)
    geslaagd = Q(in_dienst) & Q(contract_duur_maanden__gte=CONTRACT_MIN_MAANDEN)
    rondes = Q() if ook_eerder else in_lopende_ronde()
    tellingen = (
        Deelname.objects.filter(rondes, regio=regio, kandidaat__gemeente__in=gemeenten)
        .filter(gestart)
        .order_by()
        .values("traject", "kandidaat__gemeente")
        .annotate(
            starters=Count("pk"),
            geslaagden=Count("pk", filter=geslaagd),
            uitgevallen=Count("pk", filter=Q(status=DeelnameStatus.UITGEVALLEN) & ~geslaagd),
        )
    )
    bedragen = {
        (r["traject"], r["gemeente"]): r
        for r in Vordering.objects.filter(
            rondes, regio=regio, gemeente__in=gemeenten, status__in=GELDIG
        )
        .order_by()
        .values("traject", "gemeente")
        .annotate(
            start=Sum("bedrag", filter=Q(soort=VorderingSoort.START)),
            resultaat=Sum(
                "bedrag",
                filter=Q(soort__in=[VorderingSoort.RESULTAAT_I, VorderingSoort.RESULTAAT_II]),
            ),
        )
    }
    tellingen = list(tellingen)
    trajecten = Traject.objects.in_bulk({t["traject"] for t in tellingen})
    per_gemeente = {g.pk: g for g in gemeenten}
    rijen = []
    for t in tellingen:
        sleutel = (t["traject"], t["kandidaat__gemeente"])
        geld = bedragen.get(sleutel, {})
        rijen.append(
            WerkelijkRij(
                traject=trajecten[t["traject"]],
                gemeente=per_gemeente[t["kandidaat__gemeente"]],
                starters=t["starters"],
                geslaagden=t["geslaagden"],
                onderweg=t["starters"] - t["geslaagden"] - t["uitgevallen"],
                uitkomst=businesscase.bereken_werkelijk(
                    uitkering_per_jaar=uitkering_per_jaar,
                    maanden=maanden,
                    starters=t["starters"],
                    geslaagden=t["geslaagden"],
                    kosten_start=geld.get("start") or NUL,
                    kosten_resultaat=geld.get("resultaat") or NUL,
                ),
            )
        )
    rijen.sort(key=lambda r: (r.traject.naam, r.gemeente.naam))
    return rijen


# ---- Attribution, coverage and the statement per financier (issue 14) ---------------------


def _afspraak_met_regels(traject_id: int) -> Financieringsafspraak | None:
    return (
        Financieringsafspraak.objects.filter(traject_id=traject_id)
        .select_related("fonds")
        .prefetch_related(
            Prefetch("regels", queryset=Financieringsregel.objects.select_related("financier")),
            Prefetch("dekkingsregels", queryset=Dekkingsregel.objects.select_related("financier")),
        )
        .first()
    )


def _is_kostenfinancier(regel: Financieringsregel) -> bool:
    """A line of a financier of costs, not only the amounts a gemeente pays per kandidaat."""
    return regel.financier_id is not None and (
        bool(regel.voorfinanciering)
        or regel.aandeel_procent is not None
        or bool(regel.in_natura)
        or regel.financier.soort != Organisatie.Soort.GEMEENTE
        or not any(
            (
                regel.start_per_kandidaat,
                regel.resultaat_1_per_kandidaat,
                regel.resultaat_2_per_kandidaat,
            )
        )
    )


def financiers_van_afspraak(afspraak: Financieringsafspraak | None) -> list[Organisatie]:
    """The organisations that finance the round's costs, in a fixed order: the fund, the
    lines, the coverage rules (prefetched, no queries)."""
    if afspraak is None:
        return []
    gezien: dict[int, Organisatie] = {}
    if afspraak.fonds_id:
        gezien[afspraak.fonds_id] = afspraak.fonds
    for r in afspraak.regels.all():
        if _is_kostenfinancier(r):
            gezien.setdefault(r.financier_id, r.financier)
    for r in afspraak.dekkingsregels.all():
        gezien.setdefault(r.financier_id, r.financier)
    return list(gezien.values())


def financier_ids_van(traject: Traject) -> set[int]:
    return {o.pk for o in financiers_van_afspraak(_afspraak_met_regels(traject.pk))}


def financiers_zichtbaar_voor(
    user: User, regio: Regio, afspraak: Financieringsafspraak | None
) -> list[Organisatie]:
    """Whose statement of this round the user may see: the procesregisseur every financier's,
    a financier only its own organisation's (never another's)."""
    financiers = financiers_van_afspraak(afspraak)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return financiers
    eigen = rollen.get(Rol.FINANCIER, set())
    return [f for f in financiers if f.pk in eigen]


def bedrag_van_uitgave(uitgave: Uitgave) -> Decimal:
    """A cost as it stands: its own amount plus its corrections."""
    correcties = uitgave.correcties.aggregate(s=Sum("bedrag"))["s"]
    return uitgave.bedrag + (correcties or NUL)


def _regels(afspraak: Financieringsafspraak | None):
    """(money rules, in-kind rules, restdrager) of the agreement for toerekening.py."""
    if afspraak is None:
        return [], [], None
    geld = [
        toerekening.Regel(r.financier_id, r.categorie, r.procent, r.maximum)
        for r in afspraak.dekkingsregels.all()
        if not r.in_natura
    ] + [
        toerekening.Regel(r.financier_id, None, r.aandeel_procent)
        for r in afspraak.regels.all()
        if r.financier_id and r.aandeel_procent
    ]
    natura = [
        toerekening.Regel(r.financier_id, r.categorie, r.procent, r.maximum)
        for r in afspraak.dekkingsregels.all()
        if r.in_natura
    ]
    return geld, natura, afspraak.fonds_id


def doel_toerekening(traject: Traject) -> tuple[list[toerekening.Kost], dict]:
    """The costs of the round (original lines with their corrections, in the order they were
    made) and what each financier should bear of each (toerekening.verdeel)."""
    kosten = [
        toerekening.Kost(
            u.pk, u.categorie, u.bedrag + (u.correcties_som or NUL), u.in_natura_door_id
        )
        for u in Uitgave.objects.filter(traject=traject, corrigeert__isnull=True)
        .annotate(correcties_som=Sum("correcties__bedrag"))
        .order_by("datum", "pk")
    ]
    geld, _natura, restdrager = _regels(_afspraak_met_regels(traject.pk))
    return kosten, toerekening.verdeel(kosten, geld, restdrager)


@dataclass
class Dekking:
    """Coverage of one round, as seed 000 uses it: what comes back (start and result payments
    received, subsidy paid) ÷ the realised cost, money and in kind. See docs/financiering.md."""

    kosten_geld: Decimal = NUL
    kosten_natura: Decimal = NUL
    terug_gemeenten: Decimal = NUL
    subsidie: Decimal = NUL
    toegerekend: Decimal = NUL
    deel_terug: Decimal | None = None  # share of the prefinancing returned to the fund

    @property
    def kosten(self) -> Decimal:
        return self.kosten_geld + self.kosten_natura

    @property
    def terug(self) -> Decimal:
        return self.terug_gemeenten + self.subsidie

    @property
    def percentage(self) -> Decimal | None:
        return businesscase.percentage(self.terug, self.kosten)

    @property
    def natura_deel(self) -> Decimal | None:
        return businesscase.percentage(self.kosten_natura, self.kosten)

    @property
    def niet_gedekt(self) -> Decimal:
        """Costs no financier bears (rules under 100% or a maximum reached, and no fund)."""
        return self.kosten - self.toegerekend


def dekking(*, traject: Traject, saldi: Saldi) -> Dekking:
    """Three aggregate queries, whatever the number of costs and bookings."""
    kosten = Uitgave.objects.filter(traject=traject).aggregate(
        geld=Sum("bedrag", filter=Q(in_natura_door__isnull=True)),
        natura=Sum("bedrag", filter=Q(in_natura_door__isnull=False)),
    )
    subsidie = Financiersbetaling.objects.filter(
        traject=traject, financier__soort=Organisatie.Soort.SUBSIDIEGEVER
    ).aggregate(s=Sum("bedrag"))["s"]
    toegerekend = Toerekening.objects.filter(traject=traject).aggregate(s=Sum("bedrag"))["s"]
    return Dekking(
        kosten_geld=kosten["geld"] or NUL,
        kosten_natura=kosten["natura"] or NUL,
        terug_gemeenten=saldi.ontvangen,
        subsidie=subsidie or NUL,
        toegerekend=toegerekend or NUL,
        deel_terug=saldi.deel_terug,
    )


@dataclass
class FinancierStand:
    """One financier in one round: agreed (on the budget), attributed in money and in kind,
    paid (its payments, and for the fund its prefinancing out of the revolving fund)."""

    traject: Traject
    financier: Organisatie
    toegerekend: Decimal = NUL
    natura: Decimal = NUL
    betaald: Decimal = NUL
    afgesproken: Decimal | None = None
    afgesproken_natura: Decimal | None = None

    @property
    def open(self) -> Decimal:
        """Attributed in money and not yet paid (negative: paid ahead)."""
        return self.toegerekend - self.betaald


def _standen(regio: Regio, paren: list[tuple[Traject, Organisatie]]) -> list[FinancierStand]:
    """Attributed, in kind and paid for (traject, financier) pairs: three grouped queries."""
    if not paren:
        return []
    trajecten = {t.pk for t, _f in paren}
    financiers = {f.pk for _t, f in paren}
    geld, natura, betaald = defaultdict(Decimal), defaultdict(Decimal), defaultdict(Decimal)
    for rij in (
        Toerekening.objects.filter(
            regio=regio, traject_id__in=trajecten, financier_id__in=financiers
        )
        .order_by()
        .values("traject", "financier", "in_natura")
        .annotate(s=Sum("bedrag"))
    ):
        doel = natura if rij["in_natura"] else geld
        doel[(rij["traject"], rij["financier"])] += rij["s"]
    for rij in (
        Financiersbetaling.objects.filter(
            regio=regio, traject_id__in=trajecten, financier_id__in=financiers
        )
        .order_by()
        .values("traject", "financier")
        .annotate(s=Sum("bedrag"))
    ):
        betaald[(rij["traject"], rij["financier"])] += rij["s"]
    for rij in (
        Boeking.objects.filter(regio=regio, traject_id__in=trajecten, fonds_id__in=financiers)
        .order_by()
        .values("traject", "fonds")
        .annotate(s=_som(Rekening.UITGEZET))
    ):
        betaald[(rij["traject"], rij["fonds"])] += rij["s"]
    return [
        FinancierStand(
            traject=t,
            financier=f,
            toegerekend=geld[(t.pk, f.pk)],
            natura=natura[(t.pk, f.pk)],
            betaald=betaald[(t.pk, f.pk)],
        )
        for t, f in paren
    ]


def financiers_van_traject(
    *, user: User, regio: Regio, traject: Traject, afspraak
) -> list[FinancierStand]:
    """The financiers of a round the user may see, with what was agreed on the budget."""
    zichtbaar = financiers_zichtbaar_voor(user, regio, afspraak)
    standen = _standen(regio, [(traject, f) for f in zichtbaar])
    if standen:
        afgesproken = _afgesproken(traject, afspraak)
        for s in standen:
            per = afgesproken.get(s.financier.pk, {})
            s.afgesproken = sum((g for g, _n in per.values()), NUL)
            s.afgesproken_natura = sum((n for _g, n in per.values()), NUL)
    return standen


def _afgesproken(traject: Traject, afspraak) -> dict:
    geld, natura, restdrager = _regels(afspraak)
    return toerekening.afgesproken(begroting_van(traject=traject), geld, natura, restdrager)


def financier_overzicht_rijen(
    *, user: User, regio: Regio, ook_eerder: bool = True
) -> list[FinancierStand]:
    """The financier's own rounds (one row per round and own organisation that finances it),
    for the overview page: a fixed number of queries; only running rounds unless
    `ook_eerder`."""
    eigen = rollen_in_regio(user, regio).get(Rol.FINANCIER, set())
    if not eigen:
        return []
    trajecten = trajecten_zichtbaar_voor(user, regio)
    if not ook_eerder:
        trajecten = trajecten.filter(in_lopende_ronde(""))
    afspraken = (
        Financieringsafspraak.objects.filter(traject__in=trajecten.values("pk"))
        .select_related("fonds", "traject")
        .prefetch_related(
            Prefetch("regels", queryset=Financieringsregel.objects.select_related("financier")),
            Prefetch("dekkingsregels", queryset=Dekkingsregel.objects.select_related("financier")),
        )
        .order_by("-traject__aangemaakt_op")
    )
    paren = [(a.traject, f) for a in afspraken for f in financiers_van_afspraak(a) if f.pk in eigen]
    return _standen(regio, paren)


@dataclass
class CategorieStand:
    categorie: str
    label: str
    afgesproken: Decimal = NUL
    afgesproken_natura: Decimal = NUL
    toegerekend: Decimal = NUL
    natura: Decimal = NUL


@dataclass
class Financiersoverzicht:
    """The statement of one financier for one round (page, CSV, PDF)."""

    traject: Traject
    afspraak: Financieringsafspraak
    stand: FinancierStand
    regel: Financieringsregel | None
    dekkingsregels: list[Dekkingsregel]
    categorieen: list[CategorieStand]
    boekingen: list[Toerekening]
    betalingen: list[Financiersbetaling]
    dekking: Dekking
    is_fonds: bool
    toon_omschrijving: bool


def financiersoverzicht(
    *, user: User, regio: Regio, traject: Traject, financier_pk: int
) -> Financiersoverzicht:
    """Raises Organisatie.DoesNotExist when the user may not see this financier's statement:
    another financier's, or a round it does not finance (the view gives 404)."""
    afspraak = _afspraak_met_regels(traject.pk)
    financier = next(
        (f for f in financiers_zichtbaar_voor(user, regio, afspraak) if f.pk == financier_pk),
        None,
    )
    if financier is None:
        raise Organisatie.DoesNotExist
    [stand] = _standen(regio, [(traject, financier)])
    afgesproken = _afgesproken(traject, afspraak).get(financier.pk, {})
    stand.afgesproken = sum((g for g, _n in afgesproken.values()), NUL)
    stand.afgesproken_natura = sum((n for _g, n in afgesproken.values()), NUL)
    boekingen = list(
        Toerekening.objects.filter(regio=regio, traject=traject, financier=financier)
        .select_related("uitgave")
        .order_by("uitgave__datum", "uitgave_id", "versie", "pk")
    )
    per_categorie = {c: CategorieStand(c, str(label)) for c, label in KostenCategorie.choices}
    for c, (g, n) in afgesproken.items():
        per_categorie[c].afgesproken += g
        per_categorie[c].afgesproken_natura += n
    for b in boekingen:
        if b.in_natura:
            per_categorie[b.categorie].natura += b.bedrag
        else:
            per_categorie[b.categorie].toegerekend += b.bedrag
    saldi = traject_saldi(regio=regio, traject_ids=[traject.pk]).get(traject.pk, Saldi())
    return Financiersoverzicht(
        traject=traject,
        afspraak=afspraak,
        stand=stand,
        regel=next((r for r in afspraak.regels.all() if r.financier_id == financier.pk), None),
        dekkingsregels=[r for r in afspraak.dekkingsregels.all() if r.financier_id == financier.pk],
        categorieen=[
            c
            for c in per_categorie.values()
            if c.afgesproken or c.afgesproken_natura or c.toegerekend or c.natura
        ],
        boekingen=boekingen,
        betalingen=list(
            Financiersbetaling.objects.filter(
                regio=regio, traject=traject, financier=financier
            ).order_by("datum", "pk")
        ),
        dekking=dekking(traject=traject, saldi=saldi),
        is_fonds=afspraak.fonds_id == financier.pk,
        # What a cost was for is free text the procesregisseur typed; a financier sees the
        # number, date and category of each cost, never that text (no personal data).
        toon_omschrijving=Rol.PROCESREGISSEUR in rollen_in_regio(user, regio),
    )


def dekkingsregels_van(afspraak: Financieringsafspraak | None) -> list[Dekkingsregel]:
    return list(afspraak.dekkingsregels.all()) if afspraak else []


def uitgave_detail(*, traject: Traject, pk: int) -> Uitgave:
    """A cost of the traject as it stands (raises Uitgave.DoesNotExist)."""
    uitgave = Uitgave.objects.select_related("in_natura_door", "corrigeert").get(
        traject=traject, pk=pk
    )
    uitgave.huidig_bedrag = bedrag_van_uitgave(uitgave.corrigeert or uitgave)
    return uitgave


def boekingen_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Boeking]:
    """The ledger of the funds the user sees (procesregisseur: every fund; financier: its own)."""
    return Boeking.objects.filter(regio=regio, fonds__in=fondsen_zichtbaar_voor(user, regio))
