"""The rules: what slips in a leerwerktraject, and who must act.

Each rule is declared once, below, in `REGELS`: its code, what it watches in words, its threshold
(days, the regio may change it), who gets it, how it is mailed by default, and a function that
finds every case in a whole regio in a fixed number of queries. A finding (`Bevinding`) carries no
names: a signaal says "een deelnemer", the page adds the label consent allows.

Adding a rule: write its `zoek` function (one query for the cases, plus the recipient helpers of
`Scan`, which read every membership of the regio once), add a `Regel` to `REGELS`, and give it a
case in tests/signalen/test_regels.py (before, on and after its threshold, and closing itself).
See docs/signalen.md.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisaties.datums import loopt
from organisaties.models import Lidmaatschap, Regio, Rol
from trajecten.models import (
    ChecklistStap,
    Deelname,
    DeelnameStatus,
    Fase,
    Gebeurtenis,
    GebeurtenisSoort,
    Mijlpaal,
    MijlpaalSoort,
    MijlpaalStatus,
    StapStatus,
    Traject,
    TrajectStatus,
)

from .models import Modus

S, M, T = DeelnameStatus, MijlpaalSoort, TrajectStatus


@dataclass(frozen=True)
class Bevinding:
    """One case a rule found: for whom, about what, due when, and where to act."""

    sleutel: str
    vervaldatum: date
    tekst: str
    link: str
    ontvangers: frozenset[int]
    traject_id: int | None = None
    deelname_id: int | None = None


@dataclass(frozen=True)
class Regel:
    code: str
    titel: str
    wat: str  # what it watches, for the settings page and the docs
    ontvangers: str  # who gets it, in words
    zoek: Callable[["Scan"], Iterable[Bevinding]]
    drempel: int | None = None  # days; None: the rule has no threshold
    drempel_uitleg: str = ""
    modus: str = Modus.DAGELIJKS


@dataclass
class Scan:
    """One run over one regio: the day, the thresholds, and who holds which role (read once)."""

    regio: Regio
    vandaag: date
    drempels: dict[str, int] = field(default_factory=dict)
    _leden: dict | None = None
    _urls: dict = field(default_factory=dict)

    def drempel(self, regel: Regel) -> int:
        return self.drempels.get(regel.code, regel.drempel or 0)

    def url(self, naam: str, **kwargs) -> str:
        """A page of the regio. Reversed once per URL name and set of arguments (a scan builds
        tens of thousands of links); the arguments are object ids."""
        sleutels = tuple(sorted(kwargs))
        sjabloon = self._urls.get((naam, sleutels))
        if sjabloon is None:
            merk = {k: 987654300 + i for i, k in enumerate(sleutels)}
            sjabloon = reverse(naam, kwargs={"regio_slug": self.regio.slug, **merk})
            for k, v in merk.items():
                sjabloon = sjabloon.replace(str(v), "{" + k + "}")
            self._urls[(naam, sleutels)] = sjabloon
        return sjabloon.format(**kwargs)

    # ---- recipients ---------------------------------------------------------------------

    def _per_rol(self) -> dict[str, dict[int, set[int]]]:
        """{rol: {organisatie id: user ids}} of every active membership of the regio."""
        if self._leden is None:
            leden: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
            for rol, organisatie, user in Lidmaatschap.objects.filter(
                regio=self.regio, beeindigd_op__isnull=True, user__is_dienstaccount=False
            ).values_list("rol", "organisatie_id", "user_id"):
                leden[rol][organisatie].add(user)
            self._leden = leden
        return self._leden

    def met_rol(self, rol: str, organisaties: Iterable[int] | None = None) -> frozenset[int]:
        per_org = self._per_rol().get(rol, {})
        gekozen = (
            per_org if organisaties is None else {o: per_org.get(o, set()) for o in organisaties}
        )
        return frozenset().union(*gekozen.values()) if gekozen else frozenset()

    def procesregisseurs(self) -> frozenset[int]:
        return self.met_rol(Rol.PROCESREGISSEUR)

    def begeleiders(self, deelname_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        """The coaches with a login whose link runs today, of deelnemers who consented to share
        with their begeleider (otherwise the coach cannot open the dossier). One query."""
        from begeleiding.models import Koppeling

        rijen = (
            Koppeling.objects.filter(deelname_id__in=list(deelname_ids), persoon__isnull=False)
            .filter(loopt(op=self.vandaag))
            .filter(
                deelname__kandidaat__toestemmingen__ontvanger="begeleider",
                deelname__kandidaat__toestemmingen__ingetrokken_op__isnull=True,
            )
            .values_list("deelname_id", "persoon_id")
        )
        actief = self.met_rol(Rol.BEGELEIDER)
        uit: dict[int, set[int]] = defaultdict(set)
        for deelname, persoon in rijen:
            if persoon in actief:
                uit[deelname].add(persoon)
        return {d: frozenset(p) for d, p in uit.items()}


def _gedeeld_met_procesregie():
    """Annotation: does the deelname's kandidaat share with the procesregie? Without it the
    procesregisseur cannot open the deelname, so gets no signaal about it."""
    from werving.models import Toestemming

    return Exists(
        Toestemming.objects.filter(
            kandidaat=OuterRef("kandidaat_id"),
            ontvanger="procesregisseur",
            ingetrokken_op__isnull=True,
        )
    )


# ---- mijlpalen --------------------------------------------------------------------------

EVALUATIES = {M.EVALUATIE_1, M.EVALUATIE_2, M.EVALUATIE_VERLENGING}
NAZORG = {M.NAZORG_1, M.NAZORG_3, M.RETENTIE_12}
CONTRACT = {M.CONTRACT_6_MAANDEN}
EIGEN_REGEL = EVALUATIES | NAZORG | CONTRACT


def _mijlpalen(scan: Scan, filter_: Q) -> list[dict]:
    """The open mijlpalen that match, as plain rows (a busy regio has tens of thousands):
    what the text, the recipients and the link need, nothing more."""
    from werving.models import Toestemming

    gedeeld = Toestemming.objects.filter(
        kandidaat=OuterRef("deelname__kandidaat_id"),
        ontvanger="procesregisseur",
        ingetrokken_op__isnull=True,
    )
    return list(
        Mijlpaal.objects.filter(regio=scan.regio, status=MijlpaalStatus.OPEN)
        .filter(filter_)
        .exclude(traject__status__in=[T.AFGESLOTEN, T.GEANNULEERD])
        .annotate(
            traject_naam=F("traject__naam"),
            gedeeld=Exists(gedeeld),
            gemeente=F("deelname__kandidaat__gemeente_id"),
        )
        .order_by("vervaldatum", "pk")
        .values(
            "pk", "soort", "vervaldatum", "eigenaar_rol", "traject_id", "deelname_id",
            "traject_naam", "gedeeld", "gemeente",
        )
    )  # fmt: skip


SOORTEN = dict(MijlpaalSoort.choices)


def _mijlpaal_bevindingen(
    scan: Scan, mijlpalen, sjabloon, *, extra_rollen=()
) -> Iterable[Bevinding]:
    """Recipients follow the mijlpaal's owner: the deelnemer's own begeleiders, the kandidaat's
    own gemeente, or the procesregisseurs (also when a begeleider is missing). `sjabloon` is a
    text with %(m)s (the mijlpaal), %(t)s (the traject) and %(d)s (its date)."""
    sjabloon = str(sjabloon)
    soorten = {code: str(label) for code, label in SOORTEN.items()}
    coaches = scan.begeleiders(m["deelname_id"] for m in mijlpalen if m["deelname_id"])
    for m in mijlpalen:
        deelname = m["deelname_id"]
        regie = scan.procesregisseurs() if (deelname is None or m["gedeeld"]) else frozenset()
        rollen = {m["eigenaar_rol"], *extra_rollen}
        ontvangers = set()
        if Rol.BEGELEIDER in rollen:
            ontvangers |= coaches.get(deelname, frozenset()) or regie
        if Rol.KLANTMANAGER in rollen and m["gemeente"]:
            ontvangers |= scan.met_rol(Rol.KLANTMANAGER, [m["gemeente"]])
        if rollen & {Rol.PROCESREGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.FINANCIER}:
            ontvangers |= regie
        if not ontvangers:
            continue
        link = (
            scan.url("deelname_detail", pk=m["traject_id"], dpk=deelname)
            if deelname
            else scan.url("traject_detail", pk=m["traject_id"])
        )
        tekst = sjabloon % {
            "m": soorten.get(m["soort"], m["soort"]),
            "t": m["traject_naam"],
            "d": m["vervaldatum"].strftime("%d-%m-%Y"),
        }
        yield Bevinding(
            sleutel=f"mijlpaal:{m['pk']}",
            vervaldatum=m["vervaldatum"],
            tekst=tekst,
            link=link,
            ontvangers=frozenset(ontvangers),
            traject_id=m["traject_id"],
            deelname_id=deelname,
        )


def _binnenkort(scan: Scan, regel: Regel, soorten=None, uitsluiten=()) -> list[dict]:
    tot = scan.vandaag + timedelta(days=scan.drempel(regel))
    filter_ = Q(vervaldatum__gte=scan.vandaag, vervaldatum__lte=tot)
    if soorten is not None:
        filter_ &= Q(soort__in=soorten)
    return [m for m in _mijlpalen(scan, filter_) if m["soort"] not in uitsluiten]


# Texts name a date, never "over 3 dagen": a signaal's text is written once and stays true.


def zoek_mijlpaal_binnenkort(scan):
    mijlpalen = _binnenkort(scan, MIJLPAAL_BINNENKORT, uitsluiten=EIGEN_REGEL)
    yield from _mijlpaal_bevindingen(scan, mijlpalen, _("%(m)s (%(t)s) staat op %(d)s."))


def zoek_mijlpaal_te_laat(scan):
    grens = scan.vandaag - timedelta(days=scan.drempel(MIJLPAAL_TE_LAAT))
    mijlpalen = _mijlpalen(scan, Q(vervaldatum__lt=grens))
    yield from _mijlpaal_bevindingen(
        scan, mijlpalen, _("Te laat: %(m)s (%(t)s) had af moeten zijn op %(d)s."),
        extra_rollen=[Rol.PROCESREGISSEUR],
    )  # fmt: skip


def zoek_evaluatie(scan):
    mijlpalen = _binnenkort(scan, EVALUATIE, soorten=EVALUATIES)
    yield from _mijlpaal_bevindingen(
        scan, mijlpalen,
        _("Evaluatie proefperiode van een deelnemer (%(t)s) op %(d)s: plan het gesprek met werkgever en deelnemer."),
    )  # fmt: skip


def zoek_contract(scan):
    mijlpalen = _binnenkort(scan, CONTRACT_ZES_MAANDEN, soorten=CONTRACT)
    yield from _mijlpaal_bevindingen(
        scan, mijlpalen,
        _("Een deelnemer (%(t)s) is op %(d)s 6 maanden in dienst: bespreek de verlenging; daarna volgt resultaatfinanciering II."),
        extra_rollen=[Rol.KLANTMANAGER],
    )  # fmt: skip


def zoek_nazorg(scan):
    mijlpalen = _binnenkort(scan, NAZORGCONTACT, soorten=NAZORG)
    yield from _mijlpaal_bevindingen(scan, mijlpalen, _("Nazorg: %(m)s (%(t)s) op %(d)s."))


# ---- opstart checklist --------------------------------------------------------------------


def _partners(traject_ids) -> dict[int, set[int]]:
    """{traject id: its partner organisations}, one query."""
    from trajecten.models import TrajectPartner

    uit: dict[int, set[int]] = defaultdict(set)
    for traject, organisatie in TrajectPartner.objects.filter(
        traject_id__in=list(traject_ids)
    ).values_list("traject_id", "organisatie_id"):
        uit[traject].add(organisatie)
    return uit


def _checklist(scan: Scan, filter_: Q, tekst) -> Iterable[Bevinding]:
    stappen = (
        ChecklistStap.objects.filter(regio=scan.regio, status=StapStatus.OPEN)
        .filter(filter_)
        .exclude(traject__status__in=[T.AFGESLOTEN, T.GEANNULEERD])
        .select_related("traject")
        .order_by("deadline", "pk")
    )
    stappen = list(stappen)
    partners = _partners({s.traject_id for s in stappen})
    for stap in stappen:
        if (
            stap.eigenaar_id
            and stap.eigenaar_id in scan.met_rol(stap.eigenaar_rol) | scan.procesregisseurs()
        ):
            ontvangers = frozenset({stap.eigenaar_id})
        elif stap.eigenaar_rol == Rol.PROCESREGISSEUR:
            ontvangers = scan.procesregisseurs()
        else:  # the role at the organisations of this traject; else the procesregisseur chases it
            ontvangers = (
                scan.met_rol(stap.eigenaar_rol, partners.get(stap.traject_id, ()))
                or scan.procesregisseurs()
            )
        if ontvangers:
            yield Bevinding(
                sleutel=f"checklist:{stap.pk}",
                vervaldatum=stap.deadline,
                tekst=tekst(stap),
                link=scan.url("checklist", pk=stap.traject_id) + f"#stap-{stap.pk}",
                ontvangers=ontvangers,
                traject_id=stap.traject_id,
            )


def zoek_checklist_binnenkort(scan):
    tot = scan.vandaag + timedelta(days=scan.drempel(CHECKLIST_BINNENKORT))
    yield from _checklist(
        scan, Q(deadline__gte=scan.vandaag, deadline__lte=tot),
        lambda s: _("Opstart %(t)s: \u201c%(s)s\u201d moet op %(d)s af zijn.") % {"t": s.traject.naam, "s": s.titel, "d": s.deadline.strftime("%d-%m-%Y")},
    )  # fmt: skip


def zoek_checklist_te_laat(scan):
    grens = scan.vandaag - timedelta(days=scan.drempel(CHECKLIST_TE_LAAT))
    yield from _checklist(
        scan, Q(deadline__lt=grens),
        lambda s: _("Te laat in de opstart van %(t)s: \u201c%(s)s\u201d (deadline %(d)s).") % {"t": s.traject.naam, "s": s.titel, "d": s.deadline.strftime("%d-%m-%Y")},
    )  # fmt: skip


# ---- trajecten ------------------------------------------------------------------------------


def _faseplanning_start(fase: str):
    from trajecten.models import FasePlanning

    return Subquery(
        FasePlanning.objects.filter(traject=OuterRef("pk"), fase=fase).values("gepland_start")[:1]
    )


def zoek_baangaranties(scan):
    """Fewer guaranteed places than the planned group, from N days before werving starts: the
    reports' first lesson is that werkgevers commit before kandidaten are recruited."""
    from werving.models import Baangarantie

    tot = scan.vandaag + timedelta(days=scan.drempel(BAANGARANTIES))
    plaatsen = Subquery(
        Baangarantie.objects.filter(traject=OuterRef("pk"))
        .order_by()
        .values("traject")
        .annotate(n=Sum("aantal_plaatsen"))
        .values("n")[:1]
    )
    trajecten = (
        Traject.objects.filter(regio=scan.regio, status__in=[T.OPSTART, T.WERVING])
        .annotate(werving=_faseplanning_start(Fase.WERVING), plaatsen=Coalesce(plaatsen, 0))
        .filter(werving__lte=tot, plaatsen__lt=F("groepsgrootte"))
    )
    for t in trajecten:
        yield Bevinding(
            sleutel=f"traject:{t.pk}",
            vervaldatum=t.werving,
            tekst=_(
                "%(t)s heeft %(p)d baangaranties voor een groep van %(g)d; de werving start op %(d)s."
            )
            % {
                "t": t.naam,
                "p": t.plaatsen,
                "g": t.groepsgrootte,
                "d": t.werving.strftime("%d-%m-%Y"),
            },
            link=scan.url("baangaranties", pk=t.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=t.pk,
        )


GESELECTEERD_OF_VERDER = [S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING, S.PROEFPERIODE,
                          S.IN_DIENST, S.NAZORG, S.AFGEROND]  # fmt: skip
MINIMUM_GESELECTEERD = 8


def zoek_groep_te_klein(scan):
    tot = scan.vandaag + timedelta(days=scan.drempel(GROEP_TE_KLEIN))
    trajecten = (
        Traject.objects.filter(regio=scan.regio, status__in=[T.OPSTART, T.WERVING])
        .annotate(
            start=_faseplanning_start(Fase.VOORSCHAKELTRAJECT),
            geselecteerd=Count("deelnames", filter=Q(deelnames__status__in=GESELECTEERD_OF_VERDER)),
        )
        .filter(start__lte=tot, geselecteerd__lt=MINIMUM_GESELECTEERD)
    )
    for t in trajecten:
        yield Bevinding(
            sleutel=f"traject:{t.pk}",
            vervaldatum=t.start,
            tekst=_(
                "%(t)s start op %(d)s met %(n)d geselecteerden; een groep heeft er minstens %(min)d nodig."
            )
            % {
                "t": t.naam,
                "d": t.start.strftime("%d-%m-%Y"),
                "n": t.geselecteerd,
                "min": MINIMUM_GESELECTEERD,
            },
            link=scan.url("fasebord", pk=t.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=t.pk,
        )


def _eerste_overgang_traject(naar: str):
    return Subquery(
        Gebeurtenis.objects.filter(
            traject=OuterRef("pk"), deelname=None, soort=GebeurtenisSoort.OVERGANG, naar_status=naar
        )
        .order_by("op")
        .annotate(dag=TruncDate("op"))
        .values("dag")[:1]
    )


def zoek_werving_te_lang(scan):
    grens = scan.vandaag - timedelta(days=scan.drempel(WERVING_TE_LANG))
    trajecten = (
        Traject.objects.filter(regio=scan.regio, status=T.WERVING)
        .annotate(sinds=_eerste_overgang_traject(T.WERVING))
        .filter(sinds__lte=grens)
    )
    for t in trajecten:
        yield Bevinding(
            sleutel=f"traject:{t.pk}",
            vervaldatum=t.sinds + timedelta(days=scan.drempel(WERVING_TE_LANG)),
            tekst=_(
                "De werving van %(t)s loopt sinds %(d)s: langer dan gepland. Kandidaten haken af als het te lang duurt."
            )
            % {"t": t.naam, "d": t.sinds.strftime("%d-%m-%Y")},
            link=scan.url("traject_detail", pk=t.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=t.pk,
        )


def _deelnames(scan: Scan):
    return (
        Deelname.objects.filter(regio=scan.regio)
        .exclude(traject__status__in=[T.AFGESLOTEN, T.GEANNULEERD])
        .filter(_gedeeld_met_procesregie())
        .select_related("traject")
    )


def zoek_selectie_te_lang(scan):
    dagen = scan.drempel(SELECTIE_TE_LANG)
    geselecteerd = Subquery(
        Gebeurtenis.objects.filter(
            deelname=OuterRef("pk"), soort=GebeurtenisSoort.OVERGANG, naar_status=S.GESELECTEERD
        )
        .order_by("op")
        .annotate(dag=TruncDate("op"))
        .values("dag")[:1]
    )
    deelnames = (
        _deelnames(scan)
        .filter(status__in=[S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING])
        .annotate(sinds=geselecteerd)
        .filter(sinds__lte=scan.vandaag - timedelta(days=dagen))
    )
    for d in deelnames:
        yield Bevinding(
            sleutel=f"deelname:{d.pk}",
            vervaldatum=d.sinds + timedelta(days=dagen),
            tekst=_(
                "Een deelnemer van %(t)s is sinds %(s)s geselecteerd en nog niet in de proefperiode; het model vraagt de proefperiode binnen 3 maanden."
            )
            % {"t": d.traject.naam, "s": d.sinds.strftime("%d-%m-%Y")},
            link=scan.url("deelname_detail", pk=d.traject_id, dpk=d.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=d.traject_id,
            deelname_id=d.pk,
        )


def zoek_herbeoordeling(scan):
    tot = scan.vandaag + timedelta(days=scan.drempel(HERBEOORDELING))
    deelnames = _deelnames(scan).filter(status=S.GEPARKEERD, herbeoordeling_op__lte=tot)
    for d in deelnames:
        yield Bevinding(
            sleutel=f"deelname:{d.pk}",
            vervaldatum=d.herbeoordeling_op,
            tekst=_("Een geparkeerde deelnemer van %(t)s wordt op %(d)s opnieuw beoordeeld.")
            % {"t": d.traject.naam, "d": d.herbeoordeling_op.strftime("%d-%m-%Y")},
            link=scan.url("deelname_detail", pk=d.traject_id, dpk=d.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=d.traject_id,
            deelname_id=d.pk,
        )


def zoek_geen_coach(scan):
    from begeleiding.models import Koppeling

    actief = Koppeling.objects.filter(loopt(op=scan.vandaag), deelname=OuterRef("pk"))
    dagen = scan.drempel(GEEN_COACH)
    deelnames = (
        _deelnames(scan)
        .filter(status__in=[S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING, S.PROEFPERIODE])
        .exclude(Exists(actief))
        .annotate(sinds=TruncDate("status_sinds"))
        .filter(sinds__lte=scan.vandaag - timedelta(days=dagen))
    )
    for d in deelnames:
        yield Bevinding(
            sleutel=f"deelname:{d.pk}",
            vervaldatum=d.sinds,
            tekst=_("Een deelnemer van %(t)s heeft geen coach of buddy.") % {"t": d.traject.naam},
            link=scan.url("coach", dpk=d.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=d.traject_id,
            deelname_id=d.pk,
        )


def zoek_afstemming(scan):
    """The weekly alignment with the partners while a round is being set up and trained."""
    maandag = scan.vandaag - timedelta(days=scan.vandaag.weekday())
    trajecten = Traject.objects.filter(
        regio=scan.regio, status__in=[T.OPSTART, T.WERVING, T.VOORSCHAKELTRAJECT]
    )
    for t in trajecten:
        yield Bevinding(
            sleutel=f"traject:{t.pk}",
            vervaldatum=maandag + timedelta(days=min(scan.drempel(AFSTEMMING), 6)),
            tekst=_("Wekelijkse afstemming met de partners van %(t)s (%(s)s).")
            % {"t": t.naam, "s": t.get_status_display().lower()},
            link=scan.url("traject_detail", pk=t.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=t.pk,
        )


# ---- money, sessions, follow-ups, werkgevers, members ------------------------------------


def _vorderingen(scan: Scan, dagen: int):
    from financiering.models import Vordering, VorderingStatus

    return (
        Vordering.objects.filter(regio=scan.regio, status=VorderingStatus.INGEDIEND)
        .annotate(sinds=TruncDate(Coalesce("beoordeeld_op", "aangemaakt_op")))
        .filter(sinds__lte=scan.vandaag - timedelta(days=dagen))
        .select_related("traject")
    )


def zoek_vordering_wacht(scan):
    dagen = scan.drempel(VORDERING_WACHT)
    for v in _vorderingen(scan, dagen):
        yield Bevinding(
            sleutel=f"vordering:{v.pk}",
            vervaldatum=v.sinds + timedelta(days=dagen),
            tekst=_("Vordering %(n)s (%(t)s) wacht sinds %(d)s op uw akkoord.")
            % {"n": v.nummer, "t": v.traject.naam, "d": v.sinds.strftime("%d-%m-%Y")},
            link=scan.url("vordering_beoordelen", pk=v.pk),
            ontvangers=scan.met_rol(Rol.KLANTMANAGER, [v.gemeente_id]),
            traject_id=v.traject_id,
        )


def zoek_vordering_escalatie(scan):
    dagen = scan.drempel(VORDERING_ESCALATIE)
    for v in _vorderingen(scan, dagen):
        yield Bevinding(
            sleutel=f"vordering:{v.pk}",
            vervaldatum=v.sinds + timedelta(days=dagen),
            tekst=_("Vordering %(n)s (%(t)s) wacht al sinds %(d)s op de gemeente: neem contact op.")
            % {"n": v.nummer, "t": v.traject.naam, "d": v.sinds.strftime("%d-%m-%Y")},
            link=scan.url("vordering_detail", pk=v.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=v.traject_id,
        )


def zoek_presentie(scan):
    from begeleiding.models import WERKGEVERSMODULES, Presentie, Sessie

    grens = scan.vandaag - timedelta(days=scan.drempel(PRESENTIE))
    sessies = (
        Sessie.objects.filter(regio=scan.regio, datum__lte=grens)
        .exclude(module__soort__in=WERKGEVERSMODULES)
        .exclude(module__traject__status__in=[T.AFGESLOTEN, T.GEANNULEERD])
        .exclude(Exists(Presentie.objects.filter(sessie=OuterRef("pk"))))
        .select_related("module__traject")
    )
    for s in sessies:
        ontvangers = scan.met_rol(Rol.OPLEIDER, [s.module.aanbieder_id]) or scan.procesregisseurs()
        yield Bevinding(
            sleutel=f"sessie:{s.pk}",
            vervaldatum=s.datum,
            tekst=_("De presentie van %(m)s op %(d)s (%(t)s) is nog niet vastgelegd.")
            % {
                "m": s.module.get_soort_display(),
                "d": s.datum.strftime("%d-%m-%Y"),
                "t": s.module.traject.naam,
            },
            link=scan.url("presentie", spk=s.pk),
            ontvangers=ontvangers,
            traject_id=s.module.traject_id,
        )


def zoek_vervolgactie(scan):
    from begeleiding.models import Contactmoment

    tot = scan.vandaag + timedelta(days=scan.drempel(VERVOLGACTIE))
    acties = (
        Contactmoment.objects.filter(
            regio=scan.regio,
            vervolg_afgerond_op__isnull=True,
            vervolg_eigenaar__isnull=False,
            vervolg_datum__lte=tot,
        )
        .exclude(vervolgactie="")
        .select_related("deelname__traject")
    )
    leden = scan.met_rol(Rol.BEGELEIDER) | scan.procesregisseurs()
    for c in acties:
        if c.vervolg_eigenaar_id not in leden:
            continue
        yield Bevinding(
            sleutel=f"contactmoment:{c.pk}",
            vervaldatum=c.vervolg_datum,
            tekst=_("Vervolgactie voor een deelnemer (%(t)s): %(a)s")
            % {"t": c.deelname.traject.naam, "a": c.vervolgactie[:200]},
            link=scan.url("dossier", dpk=c.deelname_id),
            ontvangers=frozenset({c.vervolg_eigenaar_id}),
            traject_id=c.deelname.traject_id,
            deelname_id=c.deelname_id,
        )


def zoek_werkgever_intake(scan):
    from werving.models import IntakeStatus, WerkgeverIntake

    dagen = scan.drempel(WERKGEVER_INTAKE)
    intakes = (
        WerkgeverIntake.objects.filter(regio=scan.regio, status=IntakeStatus.INGEDIEND)
        .annotate(dag=TruncDate("ingediend_op"))
        .filter(dag__lte=scan.vandaag - timedelta(days=dagen))
        .select_related("uitnodiging")
    )
    for i in intakes:
        yield Bevinding(
            sleutel=f"werkgeverintake:{i.pk}",
            vervaldatum=i.dag + timedelta(days=dagen),
            tekst=_("De intake van werkgever %(w)s wacht sinds %(d)s op uw beoordeling.")
            % {"w": i.uitnodiging.bedrijfsnaam, "d": i.dag.strftime("%d-%m-%Y")},
            link=scan.url("werkgever_beoordelen", pk=i.pk),
            ontvangers=scan.procesregisseurs(),
            traject_id=i.uitnodiging.traject_id,
        )


def zoek_mogelijk_dubbel(scan):
    from werving.models import MogelijkDubbel

    for d in MogelijkDubbel.objects.filter(regio=scan.regio, afgehandeld_op__isnull=True).annotate(
        dag=TruncDate("gemeld_op")
    ):
        yield Bevinding(
            sleutel=f"dubbel:{d.pk}",
            vervaldatum=d.dag,
            tekst=_("Twee gemeenten hebben een kandidaat met hetzelfde BSN aangemeld."),
            link=scan.url("dubbel_afhandelen", pk=d.pk),
            ontvangers=scan.procesregisseurs(),
        )


def zoek_goedkeuring(scan):
    from organisaties.models import ROLLEN_MET_GOEDKEURING, Uitnodiging, User

    uitnodigingen = Uitnodiging.objects.filter(
        regio=scan.regio,
        rol__in=ROLLEN_MET_GOEDKEURING,
        uitgenodigd_door__isnull=False,
        geaccepteerd_op__isnull=True,
        goedgekeurd_op__isnull=True,
        afgewezen_op__isnull=True,
    ).annotate(dag=TruncDate("aangemaakt_op"))
    beslissers = scan.met_rol(Rol.BEHEERDER) | scan.procesregisseurs()
    emails = dict(User.objects.filter(pk__in=beslissers).values_list("pk", "email"))
    for u in uitnodigingen:
        ontvangers = frozenset(
            b for b in beslissers if b != u.uitgenodigd_door_id and emails.get(b) != u.email
        )
        if ontvangers:
            yield Bevinding(
                sleutel=f"uitnodiging:{u.pk}",
                vervaldatum=u.dag,
                tekst=_("Een uitnodiging als %(r)s wacht op de goedkeuring van een tweede persoon.")
                % {"r": u.get_rol_display().lower()},
                link=scan.url("goedkeuringen"),
                ontvangers=ontvangers,
            )


def zoek_intrekverzoek(scan):
    """The kandidaat asked, on their own page, to stop sharing with someone: their own
    gemeente's klantmanagers talk it through and decide (portaal)."""
    from portaal.models import Intrekverzoek

    verzoeken = (
        Intrekverzoek.objects.filter(regio=scan.regio, afgehandeld_op__isnull=True)
        .annotate(dag=TruncDate("gevraagd_op"), gemeente=F("kandidaat__gemeente_id"))
        .values("pk", "dag", "gemeente", "kandidaat_id")
    )
    for v in verzoeken:
        ontvangers = scan.met_rol(Rol.KLANTMANAGER, [v["gemeente"]])
        if ontvangers:
            yield Bevinding(
                sleutel=f"intrekverzoek:{v['pk']}",
                vervaldatum=v["dag"],
                tekst=_("Een kandidaat vraagt op de eigen pagina om te stoppen met delen."),
                link=scan.url("portaal_intrekking", pk=v["kandidaat_id"], vpk=v["pk"]),
                ontvangers=ontvangers,
            )


def zoek_zelfprofiel(scan):
    """What a kandidaat filled in on their own page waits to be seen and talked through."""
    from portaal.models import ZelfprofielStap

    dagen = scan.drempel(ZELFPROFIEL)
    rijen = (
        ZelfprofielStap.objects.filter(regio=scan.regio, bevestigd_op__isnull=True)
        .values("kandidaat_id", gemeente=F("kandidaat__gemeente_id"))
        .annotate(dag=TruncDate(Min("opgeslagen_op")))
        .filter(dag__lte=scan.vandaag - timedelta(days=dagen))
    )
    for r in rijen:
        ontvangers = scan.met_rol(Rol.KLANTMANAGER, [r["gemeente"]])
        if ontvangers:
            yield Bevinding(
                sleutel=f"zelfprofiel:{r['kandidaat_id']}",
                vervaldatum=r["dag"] + timedelta(days=dagen),
                tekst=_("Een kandidaat vulde het eigen profiel in. Bekijk het en bespreek het."),
                link=scan.url("portaal_beheer", pk=r["kandidaat_id"]),
                ontvangers=ontvangers,
            )


# ---- the rules ------------------------------------------------------------------------------

VOORAF = _("dagen vooraf")
WACHTEN = _("dagen wachten")
NA = _("dagen na de datum")

MIJLPAAL_BINNENKORT = Regel("mijlpaal_binnenkort", _("Mijlpaal binnenkort"),
    _("Open mijlpalen waarvan de datum nadert (behalve evaluaties, nazorg en contract: die hebben een eigen regel)."),
    _("de eigenaar van de mijlpaal: procesregisseur, eigen begeleider of eigen gemeente"),
    zoek_mijlpaal_binnenkort, drempel=7, drempel_uitleg=VOORAF)  # fmt: skip
MIJLPAAL_TE_LAAT = Regel("mijlpaal_te_laat", _("Mijlpaal te laat"),
    _("Open mijlpalen waarvan de datum voorbij is."),
    _("de eigenaar van de mijlpaal en de procesregisseur"),
    zoek_mijlpaal_te_laat, drempel=0, drempel_uitleg=NA, modus=Modus.DIRECT)  # fmt: skip
EVALUATIE = Regel("evaluatie_proefperiode", _("Evaluatie proefperiode"),
    _("De evaluaties na 1 en 2 maanden proefperiode (en na een verlenging)."),
    _("de eigen begeleider van de deelnemer (anders de procesregisseur)"),
    zoek_evaluatie, drempel=7, drempel_uitleg=VOORAF)  # fmt: skip
CONTRACT_ZES_MAANDEN = Regel("contract_zes_maanden", _("Contract 6 maanden"),
    _("Een deelnemer die 6 maanden in dienst is: verlenging en resultaatfinanciering II."),
    _("de procesregisseur en de eigen gemeente"),
    zoek_contract, drempel=14, drempel_uitleg=VOORAF)  # fmt: skip
NAZORGCONTACT = Regel("nazorg", _("Nazorgcontact"),
    _("Nazorg na 1 en 3 maanden en de peiling na 12 maanden in dienst."),
    _("de eigen begeleider van de deelnemer (anders de procesregisseur)"),
    zoek_nazorg, drempel=7, drempel_uitleg=VOORAF)  # fmt: skip
CHECKLIST_BINNENKORT = Regel("checklist_binnenkort", _("Opstartstap binnenkort"),
    _("Stappen van de opstartchecklist waarvan de deadline nadert."),
    _("de eigenaar van de stap (anders wie de rol van de stap heeft)"),
    zoek_checklist_binnenkort, drempel=7, drempel_uitleg=VOORAF)  # fmt: skip
CHECKLIST_TE_LAAT = Regel("checklist_te_laat", _("Opstartstap te laat"),
    _("Stappen van de opstartchecklist waarvan de deadline voorbij is."),
    _("de eigenaar van de stap (anders wie de rol van de stap heeft)"),
    zoek_checklist_te_laat, drempel=0, drempel_uitleg=NA, modus=Modus.DIRECT)  # fmt: skip
BAANGARANTIES = Regel("baangaranties_tekort", _("Te weinig baangaranties"),
    _("Minder gegarandeerde plaatsen dan de geplande groep, in de aanloop naar de werving."),
    _("de procesregisseur"), zoek_baangaranties, drempel=14, drempel_uitleg=VOORAF,
    modus=Modus.DIRECT)  # fmt: skip
GROEP_TE_KLEIN = Regel("groep_te_klein", _("Groep te klein"),
    _("Minder dan 8 geselecteerden in de laatste weken voor de start van het voorschakeltraject."),
    _("de procesregisseur"), zoek_groep_te_klein, drempel=14, drempel_uitleg=VOORAF,
    modus=Modus.DIRECT)  # fmt: skip
WERVING_TE_LANG = Regel("werving_te_lang", _("Werving duurt te lang"),
    _("Een werving die langer loopt dan de drempel (het model gaat uit van 2 maanden)."),
    _("de procesregisseur"), zoek_werving_te_lang, drempel=61, drempel_uitleg=_("dagen werving"))  # fmt: skip
SELECTIE_TE_LANG = Regel("selectie_te_lang", _("Lang tot de proefperiode"),
    _("Een deelnemer die langer dan de drempel geselecteerd is zonder proefperiode (het model: 3 maanden)."),
    _("de procesregisseur"), zoek_selectie_te_lang, drempel=92, drempel_uitleg=_("dagen na selectie"))  # fmt: skip
HERBEOORDELING = Regel("herbeoordeling", _("Herbeoordeling geparkeerde deelnemer"),
    _("De datum waarop een geparkeerde deelnemer opnieuw wordt bekeken."),
    _("de procesregisseur"), zoek_herbeoordeling, drempel=0, drempel_uitleg=VOORAF)  # fmt: skip
GEEN_COACH = Regel("geen_coach", _("Geen coach of buddy"),
    _("Een deelnemer in het voorschakeltraject, de vakopleiding of de proefperiode zonder lopende koppeling met een coach of buddy."),
    _("de procesregisseur"), zoek_geen_coach, drempel=0, drempel_uitleg=NA,
    modus=Modus.DIRECT)  # fmt: skip
PRESENTIE = Regel("presentie_ontbreekt", _("Presentie niet vastgelegd"),
    _("Sessies die voorbij zijn zonder vastgelegde presentie."),
    _("de opleider van de module"), zoek_presentie, drempel=1, drempel_uitleg=NA)  # fmt: skip
VERVOLGACTIE = Regel("vervolgactie", _("Vervolgactie"),
    _("Vervolgacties uit contactmomenten waarvan de datum nadert."),
    _("de eigenaar van de vervolgactie"), zoek_vervolgactie, drempel=1, drempel_uitleg=VOORAF)  # fmt: skip
VORDERING_WACHT = Regel("vordering_wacht", _("Vordering wacht op akkoord"),
    _("Vorderingen die langer dan de drempel wachten op het akkoord van de gemeente."),
    _("de klantmanagers van de gemeente"), zoek_vordering_wacht, drempel=14,
    drempel_uitleg=WACHTEN, modus=Modus.DIRECT)  # fmt: skip
VORDERING_ESCALATIE = Regel("vordering_escalatie", _("Vordering blijft liggen"),
    _("Vorderingen die ook na de herinnering aan de gemeente blijven liggen."),
    _("de procesregisseur"), zoek_vordering_escalatie, drempel=28, drempel_uitleg=WACHTEN,
    modus=Modus.DIRECT)  # fmt: skip
WERKGEVER_INTAKE = Regel("werkgever_intake", _("Werkgeversintake beoordelen"),
    _("Ingediende intakeformulieren van werkgevers die nog beoordeeld moeten worden."),
    _("de procesregisseur"), zoek_werkgever_intake, drempel=2, drempel_uitleg=WACHTEN)  # fmt: skip
AFSTEMMING = Regel("afstemming_wekelijks", _("Wekelijkse afstemming"),
    _("Elke week tijdens opstart, werving en voorschakeltraject: stem af met de partners."),
    _("de procesregisseur"), zoek_afstemming, drempel=0,
    drempel_uitleg=_("dag van de week (0 = maandag)"))  # fmt: skip
MOGELIJK_DUBBEL = Regel("mogelijk_dubbel", _("Mogelijk dubbele aanmelding"),
    _("Een BSN dat door twee gemeenten is aangemeld."),
    _("de procesregisseur"), zoek_mogelijk_dubbel, modus=Modus.DIRECT)  # fmt: skip
GOEDKEURING = Regel("uitnodiging_goedkeuren", _("Uitnodiging goedkeuren"),
    _("Een uitnodiging als procesregisseur of beheerder die een tweede persoon moet goedkeuren."),
    _("de andere beheerders en de procesregisseurs"), zoek_goedkeuring, modus=Modus.DIRECT)  # fmt: skip

INTREKVERZOEK = Regel("intrekverzoek", _("Kandidaat wil stoppen met delen"),
    _("Een kandidaat vraagt op de eigen pagina om gegevens niet meer te delen met een partij."),
    _("de klantmanagers van de eigen gemeente"), zoek_intrekverzoek, modus=Modus.DIRECT)  # fmt: skip
ZELFPROFIEL = Regel("zelfprofiel_bekijken", _("Eigen profiel bekijken"),
    _("Wat een kandidaat zelf invulde op de eigen pagina en nog niet is bekeken."),
    _("de klantmanagers van de eigen gemeente"), zoek_zelfprofiel, drempel=2,
    drempel_uitleg=WACHTEN)  # fmt: skip

REGELS: list[Regel] = [
    MIJLPAAL_BINNENKORT, MIJLPAAL_TE_LAAT, EVALUATIE, CONTRACT_ZES_MAANDEN, NAZORGCONTACT,
    CHECKLIST_BINNENKORT, CHECKLIST_TE_LAAT, BAANGARANTIES, GROEP_TE_KLEIN, WERVING_TE_LANG,
    SELECTIE_TE_LANG, HERBEOORDELING, GEEN_COACH, PRESENTIE, VERVOLGACTIE, VORDERING_WACHT,
    VORDERING_ESCALATIE, WERKGEVER_INTAKE, AFSTEMMING, MOGELIJK_DUBBEL, GOEDKEURING,
    INTREKVERZOEK, ZELFPROFIEL,
]  # fmt: skip
PER_CODE = {r.code: r for r in REGELS}
