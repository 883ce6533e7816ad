"""Every read of trajecten, deelnames, checklist, mijlpalen, history and KPIs. Each takes the
user and the regio; the role decides what is visible (one place: `deelnames_zichtbaar_voor`)."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import loopt
from organisaties.models import Regio, Rol, User
from organisaties.selectors import rollen_in_regio

from . import controles, workflow
from .models import (
    ChecklistStap,
    Deelname,
    Gebeurtenis,
    GebeurtenisSoort,
    Mijlpaal,
    MijlpaalStatus,
    StapStatus,
    Traject,
    TrajectPartner,
    TrajectStatus,
    UitvalReden,
)
from .models import (
    DeelnameStatus as S,
)

SUCCES_DOEL = Decimal("60")


def trajecten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Traject]:
    """Procesregisseur: every traject of the regio; other roles: the trajecten their
    organisation takes part in."""
    qs = Traject.objects.filter(regio=regio)
    rollen = rollen_in_regio(user, regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    organisaties = set().union(*rollen.values()) if rollen else set()
    return qs.filter(partners__organisatie__in=organisaties).distinct()


def _met_toestemming(ontvanger: str) -> Q:
    return Q(
        kandidaat__toestemmingen__ontvanger=ontvanger,
        kandidaat__toestemmingen__ingetrokken_op__isnull=True,
    )


# Who is not (or no longer) in a traject's modules: still in werving, or not selected. What the
# opleider sees of a traject, on pages and through the API alike.
NIET_IN_MODULES = frozenset(
    {S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.NIET_GESELECTEERD, S.WACHTLIJST, S.PLAN_B}
)


def in_lopende_ronde(pad: str = "traject") -> Q:
    """Rows of a round that still runs (not closed or cancelled): what the lists show by
    default, so they do not grow with years of history. `pad` leads to the traject ("" for a
    traject itself)."""
    veld = f"{pad}__status__in" if pad else "status__in"
    return ~Q(**{veld: [TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD]})


def begeleid_door(user: User) -> Q:
    """Deelnames the user coaches today: a coach/buddy link (begeleiding.Koppeling) that has
    started and not ended. The one rule for the begeleider relation; use it in one filter()
    call so that person and dates apply to the same link."""
    return Q(coaches__persoon=user) & loopt("coaches__start", "coaches__eind")


def deelnames_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Deelname]:
    """The one place that decides which deelnames a role sees:

    - klantmanager: the kandidaten of their own gemeente (the gemeente brought them);
    - procesregisseur: every deelname whose kandidaat consented to sharing with the procesregie;
    - begeleider: the deelnemers they coach now (`begeleid_door`), with consent;
    - opleider: the deelnemers in the modules of trajecten where they give one (not those still
      in werving or not selected: NIET_IN_MODULES), with consent;
    - werkgever: the deelnemers placed with them, with consent to share with the werkgever.
    What each role may read *of* a deelname (intake, coaching, confidential notes) is decided by
    the selectors of those records.
    """
    rollen = rollen_in_regio(user, regio)
    zicht = Q(pk__in=[])
    if Rol.KLANTMANAGER in rollen:
        zicht |= Q(kandidaat__gemeente__in=rollen[Rol.KLANTMANAGER])
    if Rol.PROCESREGISSEUR in rollen:
        zicht |= Q(
            pk__in=Deelname.objects.filter(regio=regio)
            .filter(_met_toestemming("procesregisseur"))
            .values("pk")
        )
    if Rol.BEGELEIDER in rollen:
        # Their caseload: deelnemers they are linked to as coach, with consent.
        zicht |= Q(
            pk__in=Deelname.objects.filter(regio=regio)
            .filter(begeleid_door(user))
            .filter(_met_toestemming("begeleider"))
            .values("pk")
        )
    if Rol.OPLEIDER in rollen:
        # The deelnemers of trajecten where they give a module, with consent.
        zicht |= Q(
            pk__in=Deelname.objects.filter(
                regio=regio, traject__modules__aanbieder__in=rollen[Rol.OPLEIDER]
            )
            .exclude(status__in=NIET_IN_MODULES)
            .filter(_met_toestemming("opleider"))
            .values("pk")
        )
    if Rol.WERKGEVER in rollen:
        zicht |= Q(
            pk__in=Deelname.objects.filter(regio=regio, werkgever__in=rollen[Rol.WERKGEVER])
            .filter(_met_toestemming("werkgever"))
            .values("pk")
        )
    return Deelname.objects.filter(regio=regio).filter(zicht)


# ---- Who a deelname is about, as this user may see it ---------------------------------------


def initialen(voornaam: str, achternaam: str) -> str:
    delen = [voornaam, *achternaam.replace("-", " ").split()]
    return ".".join(d[0].upper() for d in delen if d and d[0].isalpha()) + "."


def deelnemer_labels(user: User, regio: Regio, deelname_ids) -> dict[int, str]:
    """{deelname id: how to name the person} for a page that must show or count deelnames the
    user may not see in full (a traject's mijlpalen and timeline, claims, the waiting list).

    The one consent-aware way to show a person next to something else: the name only for who
    sees the deelname (`deelnames_zichtbaar_voor`, so consent and the coach's dates apply); a
    financier, who never sees names, the initials and number while the kandidaat shares with
    the procesregie; anyone else a neutral label with the number. One query.
    """
    ids = {i for i in deelname_ids if i}
    if not ids:
        return {}
    financier = Rol.FINANCIER in rollen_in_regio(user, regio)
    rijen = (
        Deelname.objects.filter(regio=regio, pk__in=ids)
        .annotate(
            zichtbaar=Exists(deelnames_zichtbaar_voor(user, regio).filter(pk=OuterRef("pk"))),
            gedeeld=Exists(
                Deelname.objects.filter(pk=OuterRef("pk")).filter(
                    _met_toestemming("procesregisseur")
                )
            ),
        )
        .values_list("pk", "kandidaat__voornaam", "kandidaat__achternaam", "zichtbaar", "gedeeld")
    )
    labels = {}
    for pk, voornaam, achternaam, zichtbaar, gedeeld in rijen:
        if zichtbaar:
            labels[pk] = f"{voornaam} {achternaam}"
        elif financier and gedeeld:
            labels[pk] = _("%(initialen)s (deelname %(nummer)s)") % {
                "initialen": initialen(voornaam, achternaam),
                "nummer": pk,
            }
        else:
            labels[pk] = _("deelnemer %(nummer)s (geen toestemming)") % {"nummer": pk}
    return labels


def met_deelnemer_labels(user: User, regio: Regio, rijen, veld: str = "deelname_id") -> list:
    """The rows as a list, each with `deelnemer_label` (empty for a row without a deelname)."""
    rijen = list(rijen)
    labels = deelnemer_labels(user, regio, (getattr(r, veld) for r in rijen))
    for r in rijen:
        r.deelnemer_label = labels.get(getattr(r, veld), "")
    return rijen


OPEN_VOOR_AANMELDING = [TrajectStatus.OPSTART, TrajectStatus.WERVING]


def open_trajecten(*, user: User, regio: Regio) -> QuerySet[Traject]:
    """Trajecten that still take kandidaten and werkgevers (opstart and werving)."""
    return (
        trajecten_zichtbaar_voor(user, regio)
        .filter(status__in=OPEN_VOOR_AANMELDING)
        .order_by("naam")
    )


def telling_per_traject(model, filter_: Q, veld: str = "traject"):
    """A count per traject as a correlated subquery: several of them on one traject query never
    multiply each other, as joins would."""
    return Coalesce(
        Subquery(
            model.objects.filter(filter_, **{veld: OuterRef("pk")})
            .order_by()
            .values(veld)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def te_laat_per_traject(vandaag):
    """Overdue mijlpalen and opstart checklist steps: together what is late in a round."""
    return {
        "mijlpalen_te_laat": telling_per_traject(
            Mijlpaal, Q(status=MijlpaalStatus.OPEN, vervaldatum__lt=vandaag)
        ),
        "stappen_te_laat": telling_per_traject(
            ChecklistStap, Q(status=StapStatus.OPEN, deadline__lt=vandaag)
        ),
    }


def traject_lijst(*, user: User, regio: Regio) -> QuerySet[Traject]:
    """Newest first, a page at a time; each count is its own subquery (no multiplying join)."""
    return (
        trajecten_zichtbaar_voor(user, regio)
        .select_related("beroep")
        .annotate(
            aantal_deelnames=telling_per_traject(Deelname, Q()),
            **te_laat_per_traject(_vandaag()),
        )
        .annotate(te_laat=F("mijlpalen_te_laat") + F("stappen_te_laat"))
        .order_by("-aangemaakt_op", "-pk")
    )


def _vandaag():
    return timezone.localdate()


def traject_detail(*, user: User, regio: Regio, pk: int) -> Traject:
    """Raises Traject.DoesNotExist for a traject the user may not see (the view gives 404)."""
    return (
        trajecten_zichtbaar_voor(user, regio)
        .select_related("beroep", "vorige_ronde")
        .prefetch_related(
            "faseplanning",
            Prefetch("partners", queryset=TrajectPartner.objects.select_related("organisatie")),
        )
        .get(pk=pk)
    )


def volgende_ronde(traject: Traject) -> Traject | None:
    return Traject.objects.filter(vorige_ronde=traject).first()


def checklist(*, traject: Traject) -> list[ChecklistStap]:
    return list(traject.checklist.select_related("eigenaar", "afgehandeld_door"))


def checkliststap(*, user: User, regio: Regio, traject: Traject, pk: int) -> ChecklistStap:
    return ChecklistStap.objects.select_related("eigenaar").get(traject=traject, pk=pk)


def checklist_voortgang(*, traject: Traject) -> dict[str, int]:
    return traject.checklist.aggregate(
        totaal=Count("pk"),
        open=Count("pk", filter=Q(status=StapStatus.OPEN)),
        te_laat=Count("pk", filter=Q(status=StapStatus.OPEN, deadline__lt=_vandaag())),
    )


def mijlpalen_van(
    *, user: User, regio: Regio, traject: Traject, alleen_open: bool = True
) -> list[Mijlpaal]:
    qs = traject.mijlpalen.all()
    if alleen_open:
        qs = qs.filter(status=MijlpaalStatus.OPEN)
    return met_deelnemer_labels(user, regio, qs.order_by("vervaldatum", "pk"))


def mijlpaal(*, user: User, regio: Regio, traject: Traject, pk: int) -> Mijlpaal:
    return met_deelnemer_labels(user, regio, [Mijlpaal.objects.get(traject=traject, pk=pk)])[0]


@dataclass
class Tijdlijn:
    gebeurtenissen: list[Gebeurtenis]
    meer: bool  # cut off at the limit


def tijdlijn(
    *,
    user: User,
    regio: Regio,
    traject: Traject | None = None,
    deelname: Deelname | None = None,
    limiet: int | None = None,
) -> Tijdlijn:
    """Newest first, each event of a deelname with its consent-aware `deelnemer_label` (the
    stored text never holds a name). With a limit, one row more is read so the page knows
    there is more."""
    qs = Gebeurtenis.objects.select_related("door")
    qs = qs.filter(deelname=deelname) if deelname else qs.filter(traject=traject)
    qs = qs.order_by("-op", "-pk")
    rijen = list(qs if limiet is None else qs[: limiet + 1])
    meer = limiet is not None and len(rijen) > limiet
    return Tijdlijn(met_deelnemer_labels(user, regio, rijen[:limiet]), meer=meer)


def _met_laatste_overgang(qs: QuerySet[Deelname]) -> QuerySet[Deelname]:
    """Who made the last transition, when, whether it was itself an undo, and whether the
    deelnemer was placed in another round since (for `kan_ongedaan_maken`)."""
    laatste = Gebeurtenis.objects.filter(
        deelname=OuterRef("pk"), soort=GebeurtenisSoort.OVERGANG
    ).order_by("-op", "-pk")
    return qs.annotate(
        laatste_door_id=Subquery(laatste.values("door")[:1]),
        laatste_op=Subquery(laatste.values("op")[:1]),
        laatste_herstelt_id=Subquery(laatste.values("herstelt")[:1]),
        heeft_vervolg=Exists(Deelname.objects.filter(vorige_deelname=OuterRef("pk"))),
    )


def kan_ongedaan_maken(user: User, deelname: Deelname) -> bool:
    """Only who made the last step, within the window, not an undo itself, and not once the
    deelnemer is placed in another round (the service checks the same, under a lock)."""
    return (
        deelname.traject.is_actief
        and deelname.laatste_door_id == user.pk
        and deelname.laatste_herstelt_id is None
        and not deelname.heeft_vervolg
        and deelname.laatste_op is not None
        and timezone.now() - deelname.laatste_op <= workflow.ongedaan_venster()
    )


def deelname_detail(*, user: User, regio: Regio, traject: Traject, pk: int) -> Deelname:
    """With the facts of the warnings (controles) and of the last transition."""
    qs = controles.annoteer(_met_laatste_overgang(deelnames_zichtbaar_voor(user, regio)))
    return qs.select_related(
        "kandidaat__gemeente",
        "werkgever",
        "traject",
        "vorige_deelname__traject",
        "vacature",
        "intake",
        "assessment",
    ).get(traject=traject, pk=pk)


def acties(deelname: Deelname) -> list[tuple[str, str, bool]]:
    """The buttons of a deelname: (target, label, opens a form). A step opens its form when it
    asks for data, or when it skips something the round expects (then it asks a reason)."""
    if not deelname.traject.is_actief:
        return []
    return [
        (
            naar,
            workflow.actie_label(deelname, naar),
            bool(workflow.VELDEN.get(naar)) or bool(workflow.waarschuwingen(deelname, naar)),
        )
        for naar in workflow.toegestane_overgangen(deelname)
    ]


# The phase board: columns in the order of the model, side states last.
KOLOMMEN = [
    ("werving", _("Werving en selectie"), [S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD]),
    ("voorschakeltraject", _("Voorschakeltraject"), [S.VOORSCHAKELTRAJECT]),
    ("vakopleiding", _("Vakopleiding"), [S.VAKOPLEIDING]),
    ("proefperiode", _("Proefperiode"), [S.PROEFPERIODE]),
    ("in_dienst", _("In dienst en nazorg"), [S.IN_DIENST, S.NAZORG]),
    ("afgerond", _("Afgerond"), [S.AFGEROND]),
    (
        "zijpad",
        _("Geparkeerd, niet geselecteerd, uitgevallen"),
        [S.GEPARKEERD, S.NIET_GESELECTEERD, S.WACHTLIJST, S.PLAN_B, S.UITGEVALLEN],
    ),
]


@dataclass
class Kaart:
    deelname: Deelname
    acties: list[tuple[str, str, bool]]  # (target, label, opens a form)
    ongedaan_te_maken: bool = False


@dataclass
class Kolom:
    code: str
    titel: str
    kaarten: list[Kaart] = field(default_factory=list)


TE_LANG_IN_FASE_DAGEN = 60  # a phase of the model takes about two months


def fasebord(
    *,
    user: User,
    regio: Regio,
    traject: Traject,
    gemeente=None,
    coach: User | None = None,
    te_lang: bool = False,
) -> list[Kolom]:
    """One query, whatever the number of deelnemers; actions come from the workflow table,
    the warnings from the checks (controles) annotated on each card. Filters: the kandidaat's
    gemeente, a coach whose link runs today, or only who is longer than two months in a phase
    (not the end states)."""
    kolommen = {code: Kolom(code, titel) for code, titel, _statussen in KOLOMMEN}
    kolom_van = {status: code for code, _titel, statussen in KOLOMMEN for status in statussen}
    deelnames = (
        controles.annoteer(_met_laatste_overgang(deelnames_zichtbaar_voor(user, regio)))
        .filter(traject=traject)
        .select_related("kandidaat__gemeente", "werkgever")
        .order_by("kandidaat__achternaam", "kandidaat__voornaam")
    )
    if gemeente is not None:
        deelnames = deelnames.filter(kandidaat__gemeente=gemeente)
    if coach is not None:
        deelnames = deelnames.filter(
            pk__in=Deelname.objects.filter(begeleid_door(coach)).values("pk")
        )
    if te_lang:
        grens = timezone.now() - timedelta(days=TE_LANG_IN_FASE_DAGEN)
        deelnames = deelnames.filter(status_sinds__lt=grens).exclude(
            status__in=workflow.EINDSTATUSSEN
        )
    for d in deelnames:
        d.traject = traject
        kolommen[kolom_van[d.status]].kaarten.append(
            Kaart(d, acties(d), ongedaan_te_maken=kan_ongedaan_maken(user, d))
        )
    return list(kolommen.values())


@dataclass
class VolgendeStap:
    label: str
    url_naam: str
    kwargs: dict


def volgende_stap(
    traject: Traject, voortgang: dict[str, int], volgende_ronde: Traject | None
) -> VolgendeStap | None:
    """The traject page's main button: the real next step of the round. During opstart that is
    finishing the checklist, then starting the werving; later the next phase; once the round
    is over, a new round (unless there is one)."""
    T = TrajectStatus
    if traject.status == T.OPSTART and voortgang["open"]:
        return VolgendeStap(
            _("Opstartchecklist afmaken (%(n)d open)") % {"n": voortgang["open"]},
            "checklist",
            {"pk": traject.pk},
        )
    volgende = next(
        (n for n in workflow.TRAJECT_OVERGANGEN[traject.status] if n != T.GEANNULEERD), None
    )
    if volgende is not None:
        return VolgendeStap(
            str(workflow.TRAJECT_ACTIES[volgende]),
            "traject_overgang",
            {"pk": traject.pk, "naar": volgende},
        )
    if volgende_ronde is None:
        return VolgendeStap(_("Start een nieuwe ronde"), "nieuwe_ronde", {"pk": traject.pk})
    return None


# ---- KPIs --------------------------------------------------------------------------------

FUNNEL = [
    ("aangemeld", _("Aangemeld"), None),
    ("intake", _("Intake"), S.INTAKE),
    ("assessment", _("Assessment"), S.ASSESSMENT),
    ("geselecteerd", _("Geselecteerd"), S.GESELECTEERD),
    ("gestart", _("Gestart"), S.VOORSCHAKELTRAJECT),
    ("vca", _("VCA behaald"), "vca_behaald_op"),
    ("vakopleiding", _("Vakopleiding afgerond"), "vakopleiding_afgerond_op"),
    ("proefperiode", _("Proefperiode"), S.PROEFPERIODE),
    ("in_dienst", _("In dienst"), S.IN_DIENST),
    ("nazorg_afgerond", _("Nazorg afgerond"), S.AFGEROND),
]


def geldige_overgangen():
    """The transition log without undone steps and their undos: what really happened."""
    return Gebeurtenis.objects.filter(
        soort=GebeurtenisSoort.OVERGANG, herstelt__isnull=True, hersteld_door__isnull=True
    )


def heeft_bereikt(status):
    """Has the deelname ever entered `status`? (Read from the transition log.)"""
    return Exists(geldige_overgangen().filter(deelname=OuterRef("pk"), naar_status=status))


def eerste_overgang(deelname, naar: str):
    """When the deelname first entered `naar` (a datetime), or None."""
    return (
        geldige_overgangen()
        .filter(deelname=deelname, naar_status=naar)
        .aggregate(op=Min("op"))["op"]
    )


def laatste_overgang(deelname) -> Gebeurtenis | None:
    return (
        Gebeurtenis.objects.filter(deelname=deelname, soort=GebeurtenisSoort.OVERGANG)
        .order_by("-op", "-pk")
        .first()
    )


def _funnel_aggregaten():
    aggregaten = {}
    for code, _label, bron in FUNNEL:
        if bron is None:
            aggregaten[code] = Count("pk")
        elif bron.endswith("_op"):
            aggregaten[code] = Count("pk", filter=Q(**{f"{bron}__isnull": False}))
        else:
            aggregaten[code] = Count("pk", filter=Q(heeft_bereikt(bron)))
    return aggregaten


def _funnel_telling(deelnames: QuerySet[Deelname]) -> dict[str, int]:
    """The funnel of a set of deelnames in two queries: the counts of the rows, and the steps
    ever reached counted in one grouped pass over the transition log (instead of an EXISTS
    per deelname and step)."""
    stappen = {bron: code for code, _label, bron in FUNNEL if bron and not bron.endswith("_op")}
    telling = deelnames.aggregate(
        **{
            code: Count("pk")
            if bron is None
            else Count("pk", filter=Q(**{f"{bron}__isnull": False}))
            for code, _label, bron in FUNNEL
            if bron not in stappen
        }
    )
    telling.update(dict.fromkeys(stappen.values(), 0))
    for naar, n in (
        geldige_overgangen()
        .filter(deelname__in=deelnames.values("pk"), naar_status__in=list(stappen))
        .values("naar_status")
        .annotate(n=Count("deelname", distinct=True))
        .values_list("naar_status", "n")
    ):
        telling[stappen[naar]] = n
    return telling


def _eerste_per_deelname(deelnames: QuerySet[Deelname], selectie: str, proef: str):
    """Per deelname that reached both: when it first entered `selectie` and `proef`, in one
    grouped pass over the transition log (not two subqueries per deelname)."""
    return (
        geldige_overgangen()
        .filter(deelname__in=deelnames.values("pk"), naar_status__in=[selectie, proef])
        .values("deelname")
        .annotate(
            selectie=Min("op", filter=Q(naar_status=selectie)),
            proef=Min("op", filter=Q(naar_status=proef)),
        )
        .filter(selectie__isnull=False, proef__isnull=False)
    )


@dataclass
class Kpi:
    funnel: list[tuple[str, str, int | None]]  # None: no round in view has this step
    succes_percentage: Decimal | None
    succes_doel: Decimal
    uitval: list[tuple[str, int]]
    selectie_tot_proefperiode_dagen: int | None
    werving_dagen: int | None

    @property
    def succes_gehaald(self) -> bool | None:
        if self.succes_percentage is None:
            return None
        return self.succes_percentage >= self.succes_doel

    def aantal(self, code: str) -> int:
        return next(n for c, _label, n in self.funnel if c == code)


# A funnel step that is a werving step of the phase plan: no count where no round has it.
FUNNEL_PLANSTAP = {
    "intake": "met_intake",
    "assessment": "met_assessment",
    "geselecteerd": "met_selectie",
}


def _kpi(deelnames: QuerySet[Deelname], trajecten: QuerySet[Traject]) -> Kpi:
    telling = _funnel_telling(deelnames)
    met_stap = trajecten.aggregate(
        **{code: Count("pk", filter=Q(**{veld: True})) for code, veld in FUNNEL_PLANSTAP.items()}
    )
    funnel = [
        (code, str(label), None if met_stap.get(code) == 0 else telling[code])
        for code, label, _bron in FUNNEL
    ]
    gestart, in_dienst = telling["gestart"], telling["in_dienst"]
    succes = (
        (Decimal(in_dienst) * 100 / gestart).quantize(Decimal("1"), ROUND_HALF_UP)
        if gestart
        else None
    )
    uitval_rijen = (
        deelnames.filter(status=S.UITGEVALLEN)
        .values("uitval_reden")
        .annotate(n=Count("pk"))
        .order_by("-n", "uitval_reden")
    )
    uitval = [(str(UitvalReden(r["uitval_reden"]).label), r["n"]) for r in uitval_rijen]
    duur = ExpressionWrapper(F("proef") - F("selectie"), output_field=DurationField())
    selectie = _eerste_per_deelname(deelnames, S.GESELECTEERD, S.PROEFPERIODE).aggregate(
        gemiddeld=Avg(duur)
    )["gemiddeld"]
    werving = _werving_duur(trajecten)
    return Kpi(
        funnel=funnel,
        succes_percentage=succes,
        succes_doel=SUCCES_DOEL,
        uitval=uitval,
        selectie_tot_proefperiode_dagen=_dagen(selectie),
        werving_dagen=_dagen(werving),
    )


def _werving_duur(trajecten: QuerySet[Traject]) -> timedelta | None:
    def overgang(naar):
        return Subquery(
            Gebeurtenis.objects.filter(
                traject=OuterRef("pk"),
                deelname=None,
                soort=GebeurtenisSoort.OVERGANG,
                naar_status=naar,
            )
            .order_by("op")
            .values("op")[:1]
        )

    duur = ExpressionWrapper(F("eind") - F("start"), output_field=DurationField())
    return (
        trajecten.annotate(
            start=overgang(TrajectStatus.WERVING), eind=overgang(TrajectStatus.VOORSCHAKELTRAJECT)
        )
        .filter(start__isnull=False, eind__isnull=False)
        .aggregate(gemiddeld=Avg(duur))["gemiddeld"]
    )


def _dagen(duur: timedelta | None) -> int | None:
    return None if duur is None else round(duur.total_seconds() / 86400)


def kpi_traject(*, user: User, regio: Regio, traject: Traject) -> Kpi:
    return _kpi(
        deelnames_zichtbaar_voor(user, regio).filter(traject=traject),
        Traject.objects.filter(pk=traject.pk),
    )


def kpi_regio(*, user: User, regio: Regio) -> Kpi:
    return _kpi(deelnames_zichtbaar_voor(user, regio), trajecten_zichtbaar_voor(user, regio))


def te_stoppen(*, user: User, regio: Regio, traject: Traject) -> list[Deelname]:
    """Every active deelnemer of the round (stopping it decides for each, also for one who
    does not share data with the procesregie: they get a neutral label)."""
    return met_deelnemer_labels(
        user,
        regio,
        traject.deelnames.exclude(status__in=workflow.EINDSTATUSSEN).order_by("pk"),
        veld="pk",
    )


def wachtlijst(*, user: User, regio: Regio, traject: Traject) -> list[Deelname]:
    return met_deelnemer_labels(
        user, regio, traject.deelnames.filter(status=S.WACHTLIJST).order_by("pk"), veld="pk"
    )


def leden_voor_eigenaarschap(*, regio: Regio) -> QuerySet[User]:
    return (
        User.objects.filter(
            lidmaatschappen__regio=regio, lidmaatschappen__beeindigd_op__isnull=True
        )
        .distinct()
        .order_by("naam")
    )


def rollen_van_leden(*, regio: Regio) -> dict[int, str]:
    """Per active member of the regio their roles and organisations, as one line ("klantmanager
    bij Gemeente Oss"): the opstart checklist shows owners with their role. One query."""
    from organisaties.models import Lidmaatschap, Rol

    per_lid: dict[int, list[str]] = {}
    for user_id, rol, organisatie in (
        Lidmaatschap.objects.filter(regio=regio, beeindigd_op__isnull=True)
        .order_by("rol", "organisatie__naam")
        .values_list("user_id", "rol", "organisatie__naam")
    ):
        per_lid.setdefault(user_id, []).append(f"{Rol(rol).label.lower()} bij {organisatie}")
    return {user_id: ", ".join(rollen) for user_id, rollen in per_lid.items()}


def mijlpalen_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Mijlpaal]:
    """The mijlpalen of the trajecten the user sees (the procesregisseur: all). Whoever they are
    about is named only through `deelnemer_labels`."""
    return Mijlpaal.objects.filter(regio=regio, traject__in=trajecten_zichtbaar_voor(user, regio))
