"""Reads for dashboards and reports. Each works for a whole regio in a fixed number of queries
(grouped aggregates, never a query per traject or per deelnemer), and each takes the user: what
a role may see is decided by the selectors of the apps (trajecten_zichtbaar_voor,
deelnames_zichtbaar_voor, ...), never here."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from organisaties.models import Regio, User
from trajecten import selectors as traject_selectors
from trajecten.models import (
    Deelname,
    Mijlpaal,
    MijlpaalStatus,
    Traject,
    TrajectStatus,
    UitvalReden,
)
from trajecten.models import DeelnameStatus as S

SUCCES_DOEL = traject_selectors.SUCCES_DOEL
# Who is still on the way to a contract: counts towards the success a round can still reach.
ONDERWEG = [S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING, S.PROEFPERIODE, S.GEPARKEERD]
IN_DIENST_OF_VERDER = [S.IN_DIENST, S.NAZORG, S.AFGEROND]
ACTIEF = [S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, *ONDERWEG, *IN_DIENST_OF_VERDER]
VORDERING_BLIJFT_LIGGEN_DAGEN = 14


@dataclass
class Trechterstap:
    code: str
    label: str
    aantal: int | None
    procent: int  # of the first step, for the bar
    conversie: int | None  # of the step before, in percent


@dataclass
class TrajectPaneel:
    traject: Traject
    trechter: list[Trechterstap]
    gestart: int
    in_dienst: int
    onderweg: int
    uitval: list[tuple[str, int]]
    zonder_coach: int
    vorderingen_blijven_liggen: int
    beschikbaar: Decimal | None  # the fund balance of the round (received minus passed on)
    plaatsen: int
    te_laat: int = 0

    @property
    def succes(self) -> int | None:
        return _procent(self.in_dienst, self.gestart)

    @property
    def haalbaar(self) -> int | None:
        """The success the round can still reach: in dienst plus who is still on the way."""
        return _procent(self.in_dienst + self.onderweg, self.gestart)

    @property
    def oordeel(self) -> str:
        """While a round runs: "op koers" when the target can still be reached, else "risico";
        after it: "gehaald" or "niet gehaald". No starters yet: empty."""
        if not self.gestart:
            return ""
        doel = int(SUCCES_DOEL)
        if self.traject.is_actief:
            return "op_koers" if (self.haalbaar or 0) >= doel else "risico"
        return "gehaald" if (self.succes or 0) >= doel else "niet_gehaald"

    @property
    def tekort_baangaranties(self) -> int:
        return max(self.traject.groepsgrootte - self.plaatsen, 0)

    @property
    def groep(self) -> int:
        return self.trechter[0].aantal or 0 if self.trechter else 0


def _procent(deel: int, geheel: int) -> int | None:
    if not geheel:
        return None
    return int((Decimal(deel) * 100 / geheel).quantize(Decimal("1"), ROUND_HALF_UP))


def trechter(telling: dict, met_stap: dict | None = None) -> list[Trechterstap]:
    """The funnel of traject_selectors.FUNNEL as bars: each step as a share of the first and
    as the conversion from the step before (steps a round does not have are skipped)."""
    stappen = []
    eerste = telling.get("aangemeld") or 0
    vorige = None
    for code, label, _bron in traject_selectors.FUNNEL:
        if met_stap is not None and met_stap.get(code) is False:
            continue
        n = telling.get(code) or 0
        stappen.append(
            Trechterstap(
                code=code,
                label=str(label),
                aantal=n,
                procent=_procent(n, eerste) or 0,
                conversie=None if vorige is None else _procent(n, vorige),
            )
        )
        vorige = n
    return stappen


def panelen_trajecten(
    *, user: User, regio: Regio, branche: str = "", status: str = ""
) -> QuerySet[Traject]:
    """The trajecten of the overview, newest first, with the counts of their panels (each a
    subquery): to show a page of them with `traject_panelen(rijen=…)`."""
    from begeleiding.models import Koppeling
    from financiering.models import Vordering, VorderingStatus
    from organisaties.datums import loopt
    from werving.models import Baangarantie

    vandaag = timezone.localdate()
    trajecten = traject_selectors.trajecten_zichtbaar_voor(user, regio)
    if branche:
        trajecten = trajecten.filter(branche=branche)
    if status == "lopend":
        trajecten = trajecten.exclude(
            status__in=[TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD]
        )
    elif status:
        trajecten = trajecten.filter(status=status)
    coach_loopt = Koppeling.objects.filter(loopt(op=vandaag), deelname=OuterRef("pk"))
    zonder_coach = Deelname.objects.filter(
        status__in=[S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING, S.PROEFPERIODE]
    ).exclude(Exists(coach_loopt))
    plaatsen = Subquery(
        Baangarantie.objects.filter(traject=OuterRef("pk"))
        .order_by()
        .values("traject")
        .annotate(n=Sum("aantal_plaatsen"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    blijft_liggen = Q(
        status=VorderingStatus.INGEDIEND,
        aangemaakt_op__date__lt=vandaag - timedelta(days=VORDERING_BLIJFT_LIGGEN_DAGEN),
    )
    return (
        trajecten.select_related("beroep")
        .annotate(
            **traject_selectors.te_laat_per_traject(vandaag),
            plaatsen=Coalesce(plaatsen, Value(0)),
            zonder_coach=Coalesce(
                Subquery(
                    zonder_coach.filter(traject=OuterRef("pk"))
                    .order_by()
                    .values("traject")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
            blijven_liggen=traject_selectors.telling_per_traject(Vordering, blijft_liggen),
        )
        .order_by("-aangemaakt_op", "-pk")
    )


def traject_panelen(
    *, user: User, regio: Regio, branche: str = "", status: str = "", rijen=None
) -> list[TrajectPaneel]:
    """Every traject the procesregisseur runs (or `rijen`, one page of `panelen_trajecten`),
    with what tells whether it is on track. Six queries, whatever the number of trajecten and
    deelnemers."""
    from financiering.selectors import traject_saldi

    if rijen is None:
        rijen = panelen_trajecten(user=user, regio=regio, branche=branche, status=status)
    rijen = list(rijen)
    ids = [t.pk for t in rijen]
    zichtbaar = traject_selectors.deelnames_zichtbaar_voor(user, regio).filter(traject__in=ids)
    tellingen = {
        r["traject"]: r
        for r in zichtbaar.order_by()
        .values("traject")
        .annotate(
            **traject_selectors._funnel_aggregaten(),
            onderweg=Count("pk", filter=Q(status__in=ONDERWEG)),
        )
    }
    uitval = defaultdict(list)
    for r in (
        zichtbaar.filter(status=S.UITGEVALLEN)
        .order_by()
        .values("traject", "uitval_reden")
        .annotate(n=Count("pk"))
        .order_by("traject", "-n")
    ):
        reden = UitvalReden(r["uitval_reden"]).label if r["uitval_reden"] else "–"
        uitval[r["traject"]].append((str(reden), r["n"]))
    saldi = traject_saldi(regio=regio, traject_ids=ids)
    panelen = []
    for t in rijen:
        telling = tellingen.get(t.pk, {})
        met_stap = {
            "intake": t.met_intake,
            "assessment": t.met_assessment,
            "geselecteerd": t.met_selectie,
        }
        s = saldi.get(t.pk)
        panelen.append(
            TrajectPaneel(
                traject=t,
                trechter=trechter(telling, met_stap),
                gestart=telling.get("gestart", 0),
                in_dienst=telling.get("in_dienst", 0),
                onderweg=telling.get("onderweg", 0),
                uitval=uitval.get(t.pk, []),
                zonder_coach=t.zonder_coach,
                vorderingen_blijven_liggen=t.blijven_liggen,
                beschikbaar=s.beschikbaar_voor_volgende_ronde if s else None,
                plaatsen=t.plaatsen,
                te_laat=t.mijlpalen_te_laat + t.stappen_te_laat,
            )
        )
    return panelen


# ---- rounds compared ----------------------------------------------------------------------


@dataclass
class Ronde:
    traject: Traject
    gestart: int
    in_dienst: int
    per_deelnemer: Decimal | None
    doorlooptijd_dagen: int | None  # werving start to the end of the proefperiodes
    vorige: "Ronde | None" = None

    @property
    def succes(self) -> int | None:
        return _procent(self.in_dienst, self.gestart)

    @property
    def goedkoper(self) -> int | None:
        """How much cheaper per deelnemer than the round before, in percent (negative: dearer).
        The report aims at about 15% for a second round."""
        if not (self.vorige and self.vorige.per_deelnemer and self.per_deelnemer is not None):
            return None
        return _procent(self.vorige.per_deelnemer - self.per_deelnemer, self.vorige.per_deelnemer)


@dataclass
class Reeks:
    """A traject and its next rounds (linked by vorige_ronde)."""

    naam: str
    rondes: list[Ronde] = field(default_factory=list)


def rondes_vergeleken(*, user: User, regio: Regio) -> list[Reeks]:
    """Per series of rounds: success, cost per deelnemer and lead time of each round, against
    the round before. A fixed number of queries."""
    from financiering.models import KostenCategorie, Uitgave
    from financiering.selectors import starters_per_traject
    from trajecten.models import FasePlanning

    trajecten = list(
        traject_selectors.trajecten_zichtbaar_voor(user, regio)
        .select_related("beroep")
        .order_by("ronde", "pk")
    )
    ids = [t.pk for t in trajecten]
    starters = starters_per_traject(ids)
    in_dienst = dict(
        traject_selectors.deelnames_zichtbaar_voor(user, regio)
        .filter(traject__in=ids)
        .filter(traject_selectors.heeft_bereikt(S.IN_DIENST))
        .order_by()
        .values("traject")
        .annotate(n=Count("pk"))
        .values_list("traject", "n")
    )
    kosten = dict(
        Uitgave.objects.filter(traject__in=ids)
        .exclude(categorie=KostenCategorie.ONTWIKKELING)
        .order_by()
        .values("traject")
        .annotate(s=Sum("bedrag"))
        .values_list("traject", "s")
    )
    planning = defaultdict(dict)
    for traject, fase, start, eind in FasePlanning.objects.filter(traject__in=ids).values_list(
        "traject", "fase", "gepland_start", "gepland_eind"
    ):
        planning[traject][fase] = (start, eind)
    rondes = {}
    for t in trajecten:
        n = starters.get(t.pk, 0)
        p = planning.get(t.pk, {})
        duur = None
        if "werving" in p and "proefperiode" in p:
            duur = (p["proefperiode"][1] - p["werving"][0]).days
        kost = kosten.get(t.pk)
        rondes[t.pk] = Ronde(
            traject=t,
            gestart=n,
            in_dienst=in_dienst.get(t.pk, 0),
            per_deelnemer=(kost / n).quantize(Decimal("1"), ROUND_HALF_UP) if kost and n else None,
            doorlooptijd_dagen=duur,
        )
    reeksen: dict[int, Reeks] = {}
    for t in trajecten:  # ordered by ronde: a round's predecessor is seen before it
        ronde = rondes[t.pk]
        if t.vorige_ronde_id and t.vorige_ronde_id in rondes:
            ronde.vorige = rondes[t.vorige_ronde_id]
            begin = ronde.vorige
            while begin.vorige is not None:
                begin = begin.vorige
            reeksen[begin.traject.pk].rondes.append(ronde)
        else:
            reeksen[t.pk] = Reeks(naam=t.beroep.naam, rondes=[ronde])
    return list(reeksen.values())


# ---- the homes of the other roles -----------------------------------------------------------


def kandidaten_met_volgende_stap(*, user: User, regio: Regio, aantal: int = 10):
    """The klantmanager's own kandidaten in running rounds, soonest next mijlpaal first."""
    from werving import selectors as werving_selectors

    kandidaten = werving_selectors.mijn_kandidaten(user=user, regio=regio)
    lopend = kandidaten.filter(
        deelnames__traject__status__in=traject_selectors.OPEN_VOOR_AANMELDING
        + [TrajectStatus.VOORSCHAKELTRAJECT, TrajectStatus.PROEFPERIODE, TrajectStatus.NAZORG]
    ).distinct()
    return list(lopend[:aantal]), lopend.count()


def caseload_met_laatste_contact(*, user: User, regio: Regio, aantal: int = 10):
    from django.db.models import Max

    from begeleiding import selectors as begeleiding_selectors

    deelnames = begeleiding_selectors.caseload(user=user, regio=regio).annotate(
        laatste_contact=Max("contactmomenten__datum")
    )
    return list(deelnames[:aantal]), deelnames.count()


def komende_evaluaties(*, user: User, regio: Regio, dagen: int = 30):
    """Evaluations of the werkgever's placed deelnemers in the coming weeks (date and traject,
    never the coaching content)."""
    from trajecten.models import MijlpaalSoort as M
    from werving import selectors as werving_selectors

    vandaag = timezone.localdate()
    geplaatst = werving_selectors.mijn_plaatsingen(user=user, regio=regio).values("pk")
    return traject_selectors.met_deelnemer_labels(
        user,
        regio,
        Mijlpaal.objects.filter(
            deelname__in=geplaatst,
            status=MijlpaalStatus.OPEN,
            soort__in=[M.EVALUATIE_1, M.EVALUATIE_2, M.EVALUATIE_VERLENGING],
            vervaldatum__range=(vandaag, vandaag + timedelta(days=dagen)),
        )
        .select_related("traject")
        .order_by("vervaldatum", "pk"),
    )


def ontbrekende_resultaten(*, user: User, regio: Regio):
    """The opleider's modules whose sessions are over, with how many of their deelnemers have
    no result yet (one query)."""
    from django.db.models import Max

    from begeleiding import selectors as begeleiding_selectors
    from begeleiding.models import WERKGEVERSMODULES, Resultaat

    vandaag = timezone.localdate()
    zonder_resultaat = (
        traject_selectors.deelnames_zichtbaar_voor(user, regio)
        .exclude(status__in=traject_selectors.NIET_IN_MODULES)
        .filter(traject=OuterRef("traject_id"))
        # the result of this deelname (the row) in this module (the row of the outer query)
        .exclude(
            Exists(
                Resultaat.objects.filter(module=OuterRef(OuterRef("pk")), deelname=OuterRef("pk"))
            )
        )
        .order_by()
        .values("traject")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return list(
        begeleiding_selectors.modules_voor(user, regio)
        .exclude(soort__in=WERKGEVERSMODULES)
        .annotate(laatste_sessie=Max("sessies__datum"))
        .filter(laatste_sessie__lt=vandaag)
        .annotate(
            zonder_resultaat=Coalesce(
                Subquery(zonder_resultaat, output_field=IntegerField()), Value(0)
            )
        )
        .filter(zonder_resultaat__gt=0)
        .select_related("traject")
        .order_by("laatste_sessie")
    )


# ---- search ---------------------------------------------------------------------------------


def zoek_deelnemers(*, user: User, regio: Regio, vraag: str):
    """Deelnames whose kandidaat's name holds every word of `vraag`, among those the user may
    see (deelnames_zichtbaar_voor: role, consent, the coach's dates)."""
    qs = traject_selectors.deelnames_zichtbaar_voor(user, regio)
    for woord in vraag.split()[:5]:
        qs = qs.filter(
            Q(kandidaat__voornaam__icontains=woord) | Q(kandidaat__achternaam__icontains=woord)
        )
    return qs.select_related("kandidaat__gemeente", "traject").order_by(
        "kandidaat__achternaam", "kandidaat__voornaam", "pk"
    )


def zoek_werkgevers(*, regio: Regio, vraag: str):
    from organisaties.models import Organisatie

    return regio.organisaties.filter(
        soort=Organisatie.Soort.WERKGEVER, naam__icontains=vraag
    ).order_by("naam")


# ---- money over time and across regio's -----------------------------------------------------


def fondssaldo_over_tijd(*, regio: Regio, fonds) -> list[tuple[date, Decimal]]:
    """The fund's available balance (kas) at the end of every day with a booking (one query)."""
    from financiering.models import Boeking, Rekening
    from financiering.selectors import _som

    punten, stand = [], Decimal(0)
    for rij in (
        Boeking.objects.filter(regio=regio, fonds=fonds)
        .order_by()
        .values("datum")
        .annotate(kas=_som(Rekening.KAS))
        .order_by("datum")
    ):
        stand += rij["kas"]
        punten.append((rij["datum"], stand))
    return punten


@dataclass
class RegioFinanciering:
    regio: Regio
    rijen: list
    uitgezet: Decimal
    ontvangen: Decimal


def financiering_over_regios(*, user: User) -> list[RegioFinanciering]:
    """Per regio where the user is financier: the rounds its organisation finances, with money
    out, money back and outcomes (counts). Each regio is read inside its own scope, through the
    same selectors as its pages."""
    from django_scopes import scope

    from financiering import selectors as financiering_selectors
    from organisaties.models import Rol
    from organisaties.selectors import regio_keuze_voor, rollen_in_regio

    uit = []
    for regio in regio_keuze_voor(user):
        with scope(regio=regio.pk):
            if Rol.FINANCIER not in rollen_in_regio(user, regio):
                continue
            rijen = financiering_selectors.financiering_overzicht(user=user, regio=regio)
            ids = [r.traject.pk for r in rijen]
            gestart = financiering_selectors.starters_per_traject(ids)
            in_dienst = dict(
                Deelname.objects.filter(traject__in=ids)
                .filter(traject_selectors.heeft_bereikt(S.IN_DIENST))
                .order_by()
                .values("traject")
                .annotate(n=Count("pk"))
                .values_list("traject", "n")
            )
            for r in rijen:
                r.gestart = gestart.get(r.traject.pk, 0)
                r.in_dienst = in_dienst.get(r.traject.pk, 0)
            uit.append(
                RegioFinanciering(
                    regio=regio,
                    rijen=rijen,
                    uitgezet=sum((r.saldi.uitgezet for r in rijen), Decimal(0)),
                    ontvangen=sum((r.saldi.ontvangen for r in rijen), Decimal(0)),
                )
            )
    return uit
