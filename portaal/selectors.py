"""What the kandidaat sees of themselves, and what professionals see of the kandidaat's page.

The kandidaat's selectors take the kandidaat (never an id from a URL) and read only what is
meant for them: their status and dates, appointments, tasks, contacts, consent. Confidential
notes, contact notes, intake and assessment, drop-out reasons and money are never read here.
"""

import base64
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from begeleiding.models import WERKGEVERSMODULES, CoachRol, Koppeling, Sessie
from organisaties.datums import loopt
from organisaties.models import Regio, Rol, User
from trajecten.models import (
    Deelname,
    DeelnameStatus,
    Fase,
    FasePlanning,
    Mijlpaal,
    MijlpaalSoort,
    MijlpaalStatus,
)
from trajecten.selectors import NIET_IN_MODULES
from werving import selectors as werving_selectors
from werving.models import Kandidaat, Ontvanger, Toestemming

from . import zelfprofiel
from .models import (
    Afspraak,
    AfspraakSoort,
    Inloglink,
    Intrekverzoek,
    Portaal,
    Taak,
    ZelfprofielStap,
)

S = DeelnameStatus

# ---- my route -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Routestap:
    code: str
    titel: str
    pictogram: str
    statussen: frozenset
    fase: str


ROUTE = [
    Routestap("aanmelden", _("Aanmelden"), "flag", frozenset({S.AANGEMELD}), Fase.WERVING),
    Routestap(
        "kennismaken",
        _("Kennismaken"),
        "message-circle",
        frozenset({S.INTAKE, S.ASSESSMENT}),
        Fase.WERVING,
    ),
    Routestap(
        "voorbereiden",
        _("Voorbereiden"),
        "book-open",
        frozenset({S.GESELECTEERD, S.VOORSCHAKELTRAJECT}),
        Fase.VOORSCHAKELTRAJECT,
    ),
    Routestap(
        "leren", _("Een vak leren"), "school", frozenset({S.VAKOPLEIDING}), Fase.VOORSCHAKELTRAJECT
    ),
    Routestap(
        "proberen",
        _("Proberen bij de werkgever"),
        "hard-hat",
        frozenset({S.PROEFPERIODE}),
        Fase.PROEFPERIODE,
    ),
    Routestap(
        "werken",
        _("Werken"),
        "briefcase",
        frozenset({S.IN_DIENST, S.NAZORG, S.AFGEROND}),
        Fase.NAZORG,
    ),
]
GESTOPT = frozenset({S.NIET_GESELECTEERD, S.PLAN_B, S.UITGEVALLEN})


@dataclass
class Stand:
    """One step of the route as the kandidaat sees it."""

    stap: Routestap
    toestand: str  # "klaar" | "nu" | "straks"
    datum: date | None = None  # "since" for now, "around" for later


@dataclass
class Route:
    deelname: Deelname | None
    stappen: list[Stand] = field(default_factory=list)
    stil: str = ""  # "geparkeerd" | "wachtlijst" | "gestopt" | ""
    werkgever: str = ""
    beroep: str = ""


def huidige_deelname(kandidaat: Kandidaat) -> Deelname | None:
    """The round the kandidaat is in now: the newest one still going, else the newest."""
    deelnames = list(
        Deelname.objects.filter(kandidaat=kandidaat)
        .select_related("traject__beroep", "werkgever")
        .order_by("-pk")
    )
    lopend = [d for d in deelnames if d.status not in GESTOPT | {S.AFGEROND, S.WACHTLIJST}]
    return (lopend or deelnames or [None])[0]


def mijn_route(kandidaat: Kandidaat) -> Route:
    deelname = huidige_deelname(kandidaat)
    if deelname is None:
        return Route(deelname=None)
    traject = deelname.traject
    stappen = [
        s for s in ROUTE if s.code != "kennismaken" or traject.met_intake or traject.met_assessment
    ]
    planning = {
        f.fase: f for f in FasePlanning.objects.filter(traject=traject).order_by("gepland_start")
    }
    status = deelname.vorige_status if deelname.status == S.GEPARKEERD else deelname.status
    huidig = next((i for i, s in enumerate(stappen) if status in s.statussen), None)
    route = Route(deelname=deelname, beroep=traject.beroep.naam)
    if deelname.status == S.GEPARKEERD:
        route.stil = "geparkeerd"
    elif deelname.status == S.WACHTLIJST:
        route.stil = "wachtlijst"
    elif deelname.status in GESTOPT:
        route.stil = "gestopt"
    if deelname.werkgever and deelname.status in {S.PROEFPERIODE, S.IN_DIENST, S.NAZORG}:
        route.werkgever = deelname.werkgever.naam
    for i, stap in enumerate(stappen):
        if huidig is None:
            toestand = "straks"
        else:
            toestand = "klaar" if i < huidig else "nu" if i == huidig else "straks"
        if toestand == "nu" and status == S.AFGEROND:
            toestand = "klaar"
        plan = planning.get(stap.fase)
        datum = None
        if toestand == "nu":
            datum = timezone.localdate(deelname.status_sinds)
        elif toestand == "straks" and plan and stap.code != "leren":
            # Voorbereiden and leren share one block of the phase plan: its start is theirs.
            datum = plan.gepland_start
        route.stappen.append(Stand(stap=stap, toestand=toestand, datum=datum))
    return route


# ---- my appointments ------------------------------------------------------------------------


@dataclass
class Afspraakregel:
    soort: str
    datum: date
    tijd: time | None
    plaats: str
    met: str
    meenemen: str
    pictogram: str
    ongeveer: bool = False  # a date by which it happens; the time is agreed later
    module: str = ""  # the lesson's name, for "Les: %(module)s"


def mijn_afspraken(kandidaat: Kandidaat, *, eerder: bool = False) -> list[Afspraakregel]:
    """Upcoming appointments (or, with `eerder`, past ones, newest first): what a professional
    planned, the lessons of the kandidaat's round, and the evaluations of the trial period."""
    vandaag = timezone.localdate()
    datum = Q(datum__lt=vandaag) if eerder else Q(datum__gte=vandaag)
    regels = [
        Afspraakregel(
            soort=a.get_soort_display(),
            datum=a.datum,
            tijd=a.tijd,
            plaats=a.plaats,
            met=a.met,
            meenemen=a.meenemen,
            pictogram="calendar",
        )
        for a in Afspraak.objects.filter(datum, kandidaat=kandidaat, geannuleerd_op__isnull=True)
    ]
    deelname = huidige_deelname(kandidaat)
    if deelname and deelname.status not in NIET_IN_MODULES | GESTOPT | {S.GEPARKEERD}:
        sessies = (
            Sessie.objects.filter(datum, module__traject_id=deelname.traject_id)
            .exclude(module__soort__in=WERKGEVERSMODULES)
            .select_related("module")
        )
        regels += [
            Afspraakregel(
                soort=gettext_noop("Les: %(module)s"),
                module=s.module.get_soort_display(),
                datum=s.datum,
                tijd=s.begintijd,
                plaats=s.locatie,
                met="",
                meenemen="",
                pictogram="school",
            )
            for s in sessies
        ]
    al_gepland = Afspraak.objects.filter(
        kandidaat=kandidaat,
        soort=AfspraakSoort.EVALUATIE,
        datum__gte=vandaag,
        geannuleerd_op__isnull=True,
    ).exists()
    if deelname and not eerder and not al_gepland:
        evaluaties = Mijlpaal.objects.filter(
            deelname=deelname,
            status=MijlpaalStatus.OPEN,
            soort__in=[
                MijlpaalSoort.EVALUATIE_1,
                MijlpaalSoort.EVALUATIE_2,
                MijlpaalSoort.EVALUATIE_VERLENGING,
            ],
        )
        regels += [
            Afspraakregel(
                soort=gettext_noop("Gesprek over je proefperiode"),
                datum=max(m.vervaldatum, vandaag),
                tijd=None,
                plaats="",
                met="",
                meenemen="",
                pictogram="message-circle",
                ongeveer=True,
            )
            for m in evaluaties
        ]
    regels.sort(key=lambda r: (r.datum, r.tijd or time.min), reverse=eerder)
    return regels


def mijn_taken(kandidaat: Kandidaat) -> list[Taak]:
    """Open tasks first; done ones stay visible for two weeks."""
    twee_weken = timezone.now() - timedelta(days=14)
    return list(
        Taak.objects.filter(kandidaat=kandidaat)
        .filter(Q(gedaan_op__isnull=True) | Q(gedaan_op__gte=twee_weken))
        .order_by("gedaan_op", "voor", "pk")
    )


def mijn_taak(kandidaat: Kandidaat, pk: int) -> Taak:
    return Taak.objects.get(kandidaat=kandidaat, pk=pk)


# ---- my contacts ----------------------------------------------------------------------------

COACH_WOORDEN = {
    CoachRol.TRAJECTCOORDINATOR: _("Coördinator van je groep"),
    CoachRol.ARBEIDSCOACH: _("Je coach"),
    CoachRol.JOBCOACH: _("Je jobcoach"),
    CoachRol.BUDDY: _("Je buddy op het werk"),
}


@dataclass
class Contact:
    rol: str
    naam: str
    telefoon: str = ""
    email: str = ""
    bereikbaar: str = ""
    foto: str = ""  # a data: URL of the small JPEG (services.maak_pasfoto), inlined in the page


def _contact(rol, user: User | None, naam: str = "") -> Contact:
    if user is None:
        return Contact(rol=rol, naam=naam)
    kaart = getattr(user, "contactkaart", None)
    return Contact(
        rol=rol,
        naam=user.naam,
        telefoon=kaart.telefoon if kaart else "",
        email=user.email,
        bereikbaar=kaart.bereikbaar if kaart else "",
        foto=pasfoto_url(kaart),
    )


def pasfoto_url(kaart) -> str:
    if not (kaart and kaart.foto):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(bytes(kaart.foto)).decode()


def mijn_contacten(portaal: Portaal) -> list[Contact]:
    """The contact person first, then the klantmanager (if another person) and the coaches whose
    link runs today."""
    kandidaat = portaal.kandidaat
    contacten = [_contact(_("Je contactpersoon"), _met_kaart(portaal.contactpersoon_id))]
    if kandidaat.klantmanager_id and kandidaat.klantmanager_id != portaal.contactpersoon_id:
        contacten.append(_contact(_("Je klantmanager"), _met_kaart(kandidaat.klantmanager_id)))
    deelname = huidige_deelname(kandidaat)
    if deelname:
        for k in (
            Koppeling.objects.filter(loopt(), deelname=deelname)
            .select_related("persoon__contactkaart")
            .order_by("rol", "pk")
        ):
            contacten.append(
                _contact(COACH_WOORDEN.get(k.rol, k.get_rol_display()), k.persoon, k.naam)
            )
    return contacten


def _met_kaart(user_id: int) -> User:
    return User.objects.select_related("contactkaart").get(pk=user_id)


# ---- my consent -----------------------------------------------------------------------------

WAAROM = {
    Ontvanger.PROCESREGISSEUR: _("De procesregisseur. Die maakt de planning van je groep."),
    Ontvanger.OPLEIDER: _("De school. Die geeft je de lessen."),
    Ontvanger.BEGELEIDER: _("Je coach. Die helpt je tijdens de route."),
    Ontvanger.WERKGEVER: _("De werkgever. Daar ga je werken."),
}


@dataclass
class Delen:
    ontvanger: str
    uitleg: str
    sinds: date | None
    verzoek: Intrekverzoek | None = None


def mijn_toestemmingen(kandidaat: Kandidaat) -> tuple[list[Delen], list[str]]:
    """(who sees my data, with since when and an open request to stop), (who does not)."""
    actief = {
        t.ontvanger: t
        for t in Toestemming.objects.filter(kandidaat=kandidaat, ingetrokken_op__isnull=True)
    }
    verzoeken = {
        v.ontvanger: v
        for v in Intrekverzoek.objects.filter(kandidaat=kandidaat, afgehandeld_op__isnull=True)
    }
    delen = [
        Delen(o, WAAROM[o], actief[o].gegeven_op, verzoeken.get(o))
        for o in Ontvanger.values
        if o in actief
    ]
    niet = [WAAROM[o] for o in Ontvanger.values if o not in actief]
    return delen, niet


def deelt_met(kandidaat: Kandidaat, ontvanger: str) -> bool:
    return Toestemming.objects.filter(
        kandidaat=kandidaat, ontvanger=ontvanger, ingetrokken_op__isnull=True
    ).exists()


# ---- my profile -----------------------------------------------------------------------------


def zelfprofiel_van(kandidaat: Kandidaat) -> dict[str, ZelfprofielStap]:
    return {r.stap: r for r in ZelfprofielStap.objects.filter(kandidaat=kandidaat)}


def eerste_open_stap(opgeslagen: dict) -> zelfprofiel.Stap | None:
    return next((s for s in zelfprofiel.STAPPEN if s.code not in opgeslagen), None)


# ---- for professionals ----------------------------------------------------------------------


@dataclass
class Beheer:
    """The kandidaat's page as the klantmanager or procesregisseur manages it."""

    kandidaat: Kandidaat
    portaal: Portaal | None
    links: list[Inloglink]
    afspraken: list[Afspraak]
    taken: list[Taak]
    zelfprofiel: list[tuple[zelfprofiel.Stap, ZelfprofielStap, list]]
    verzoeken: list[Intrekverzoek]
    te_bevestigen: int


def beheer(*, user: User, regio: Regio, pk: int) -> Beheer:
    """Raises Kandidaat.DoesNotExist when the user may not see the kandidaat (their gemeente's
    own, or with consent for the procesregie: werving.selectors.kandidaat_detail)."""
    kandidaat = werving_selectors.kandidaat_detail(user=user, regio=regio, pk=pk)
    portaal = Portaal.objects.select_related("contactpersoon").filter(kandidaat=kandidaat).first()
    opgeslagen = zelfprofiel_van(kandidaat)
    return Beheer(
        kandidaat=kandidaat,
        portaal=portaal,
        links=list(Inloglink.objects.filter(portaal=portaal)[:5]) if portaal else [],
        afspraken=list(
            Afspraak.objects.filter(
                kandidaat=kandidaat, geannuleerd_op__isnull=True, datum__gte=timezone.localdate()
            )[:20]
        ),
        taken=list(Taak.objects.filter(kandidaat=kandidaat, gedaan_op__isnull=True)[:20]),
        zelfprofiel=[
            (s, opgeslagen[s.code], zelfprofiel.leesbaar(s, opgeslagen[s.code].antwoorden))
            for s in zelfprofiel.STAPPEN
            if s.code in opgeslagen
        ],
        verzoeken=list(
            Intrekverzoek.objects.filter(kandidaat=kandidaat, afgehandeld_op__isnull=True)
        ),
        te_bevestigen=sum(1 for r in opgeslagen.values() if r.bevestigd_op is None),
    )


def mag_intrekking_afhandelen(user: User, regio: Regio, kandidaat: Kandidaat) -> bool:
    """Only the klantmanager of the kandidaat's gemeente confirms a withdrawal."""
    return kandidaat.gemeente_id in werving_selectors.eigen_gemeenten(user, regio)


def contactpersonen(regio: Regio, kandidaat: Kandidaat):
    """Who may be the kandidaat's contact person: the klantmanagers of their gemeente and the
    procesregisseurs of the regio, with a running membership."""
    return (
        User.objects.filter(
            Q(
                lidmaatschappen__rol=Rol.KLANTMANAGER,
                lidmaatschappen__organisatie=kandidaat.gemeente_id,
            )
            | Q(lidmaatschappen__rol=Rol.PROCESREGISSEUR),
            lidmaatschappen__regio=regio,
            lidmaatschappen__beeindigd_op__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("naam")
    )


def afspraak_van(*, user: User, regio: Regio, kandidaat_pk: int, pk: int) -> Afspraak:
    kandidaat = werving_selectors.kandidaat_detail(user=user, regio=regio, pk=kandidaat_pk)
    return Afspraak.objects.get(kandidaat=kandidaat, pk=pk, geannuleerd_op__isnull=True)


def intrekverzoek_van(*, user: User, regio: Regio, kandidaat_pk: int, pk: int) -> Intrekverzoek:
    kandidaat = werving_selectors.kandidaat_detail(user=user, regio=regio, pk=kandidaat_pk)
    if not mag_intrekking_afhandelen(user, regio, kandidaat):
        raise Intrekverzoek.DoesNotExist
    return Intrekverzoek.objects.select_related("kandidaat").get(
        kandidaat=kandidaat, pk=pk, afgehandeld_op__isnull=True
    )
