"""The state machines of Deelname and Traject: the tables, the preconditions and the warnings.

A Deelname has three tables, one per `Modus`: the ordinary steps (OVERGANGEN, with the shorter
werving routes a phase plan may allow), the choices when a round stops (BIJ_STOPPEN) and the
reverse edges that only undo the last step (TERUG). Only trajecten/services.py changes a state;
it asks this module whether the edge is allowed, which data the target state needs and what the
step skips. Everything here is pure (no queries), so it is cheap to call for every card on the
phase board.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import controles
from .models import (
    CONTRACT_MIN_MAANDEN,
    CONTRACT_MIN_UREN,
    UitvalReden,
)
from .models import (
    DeelnameStatus as S,
)
from .models import (
    TrajectStatus as T,
)

# Target "back to where it was parked" for a geparkeerde deelname.
VORIGE = "vorige"


class Modus(models.TextChoices):
    """Why a transition is made. Each has its own table; an edge of one is refused in another."""

    GEWOON = "gewoon", gettext_lazy("Gewoon")  # a step on the fasebord (OVERGANGEN)
    STOPPEN = "stoppen", gettext_lazy("Traject gestopt")  # the round stops (BIJ_STOPPEN)
    ONGEDAAN = "ongedaan", gettext_lazy("Ongedaan gemaakt")  # the last step back (TERUG)


_ZIJPADEN = (S.GEPARKEERD, S.UITGEVALLEN)

# Ordered: the order is the order of the buttons. The werving edges that jump over a step are
# only usable where the traject's phase plan leaves that step out (`past_in_plan`).
OVERGANGEN: dict[str, tuple[str, ...]] = {
    S.AANGEMELD: (
        S.INTAKE,
        S.ASSESSMENT,
        S.GESELECTEERD,
        S.VOORSCHAKELTRAJECT,
        S.NIET_GESELECTEERD,
        *_ZIJPADEN,
    ),
    S.INTAKE: (S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.NIET_GESELECTEERD, *_ZIJPADEN),
    S.ASSESSMENT: (S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.NIET_GESELECTEERD, *_ZIJPADEN),
    S.GESELECTEERD: (S.VOORSCHAKELTRAJECT, S.WACHTLIJST, *_ZIJPADEN),
    S.VOORSCHAKELTRAJECT: (S.VAKOPLEIDING, *_ZIJPADEN),
    S.VAKOPLEIDING: (S.PROEFPERIODE, *_ZIJPADEN),
    S.PROEFPERIODE: (S.IN_DIENST, *_ZIJPADEN),
    S.IN_DIENST: (S.NAZORG, S.UITGEVALLEN),
    S.NAZORG: (S.AFGEROND, S.UITGEVALLEN),
    S.NIET_GESELECTEERD: (S.WACHTLIJST, S.PLAN_B),
    S.GEPARKEERD: (VORIGE, S.UITGEVALLEN),
    S.WACHTLIJST: (),
    S.PLAN_B: (),
    S.UITGEVALLEN: (),
    S.AFGEROND: (),
}

EINDSTATUSSEN = frozenset(s for s, naar in OVERGANGEN.items() if not naar)

# The werving route in order, and the field of the phase plan that says a round uses a step.
WERVINGSROUTE = (S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT)
PLANSTAP = {S.INTAKE: "met_intake", S.ASSESSMENT: "met_assessment", S.GESELECTEERD: "met_selectie"}

# When a round stops, each active deelnemer gets one of these: uitval "traject gestopt", the
# waiting list of a later round, or a plan B. Only `annuleer_traject` uses this table. In dienst
# and nazorg are not stopped: the contract goes on, so such a round is closed, not cancelled.
_STOP = (S.UITGEVALLEN, S.WACHTLIJST, S.PLAN_B)
BIJ_STOPPEN: dict[str, tuple[str, ...]] = {
    S.AANGEMELD: _STOP,
    S.INTAKE: _STOP,
    S.ASSESSMENT: _STOP,
    S.GESELECTEERD: _STOP,
    S.VOORSCHAKELTRAJECT: _STOP,
    S.VAKOPLEIDING: _STOP,
    S.PROEFPERIODE: _STOP,
    S.IN_DIENST: (),
    S.NAZORG: (),
    S.NIET_GESELECTEERD: (S.WACHTLIJST, S.PLAN_B),
    S.GEPARKEERD: _STOP,
    S.WACHTLIJST: (),
    S.PLAN_B: (),
    S.UITGEVALLEN: (),
    S.AFGEROND: (),
}
NIET_TE_STOPPEN = frozenset({S.IN_DIENST, S.NAZORG})

# Undo: each ordinary edge reversed (out of parking reversed into parking again), usable only
# to undo that very edge: `maak_ongedaan` passes the transition it reverses. The test checks
# that this is exactly the reverse of OVERGANGEN.
TERUG: dict[str, tuple[str, ...]] = {
    S.AANGEMELD: (S.GEPARKEERD,),
    S.INTAKE: (S.AANGEMELD, S.GEPARKEERD),
    S.ASSESSMENT: (S.AANGEMELD, S.INTAKE, S.GEPARKEERD),
    S.GESELECTEERD: (S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.GEPARKEERD),
    S.VOORSCHAKELTRAJECT: (S.AANGEMELD, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.GEPARKEERD),
    S.VAKOPLEIDING: (S.VOORSCHAKELTRAJECT, S.GEPARKEERD),
    S.PROEFPERIODE: (S.VAKOPLEIDING, S.GEPARKEERD),
    S.IN_DIENST: (S.PROEFPERIODE,),
    S.NAZORG: (S.IN_DIENST,),
    S.NIET_GESELECTEERD: (S.AANGEMELD, S.INTAKE, S.ASSESSMENT),
    S.GEPARKEERD: (
        S.AANGEMELD,
        S.INTAKE,
        S.ASSESSMENT,
        S.GESELECTEERD,
        S.VOORSCHAKELTRAJECT,
        S.VAKOPLEIDING,
        S.PROEFPERIODE,
    ),
    S.WACHTLIJST: (S.GESELECTEERD, S.NIET_GESELECTEERD),
    S.PLAN_B: (S.NIET_GESELECTEERD,),
    S.UITGEVALLEN: (
        S.AANGEMELD,
        S.INTAKE,
        S.ASSESSMENT,
        S.GESELECTEERD,
        S.VOORSCHAKELTRAJECT,
        S.VAKOPLEIDING,
        S.PROEFPERIODE,
        S.IN_DIENST,
        S.NAZORG,
        S.GEPARKEERD,
    ),
    S.AFGEROND: (S.NAZORG,),
}

TABELLEN = {Modus.GEWOON: OVERGANGEN, Modus.STOPPEN: BIJ_STOPPEN, Modus.ONGEDAAN: TERUG}

# Labels of the action buttons ("naar X").
ACTIES = {
    S.INTAKE: gettext_lazy("Intake gehouden"),
    S.ASSESSMENT: gettext_lazy("Naar assessment"),
    S.GESELECTEERD: gettext_lazy("Selecteren"),
    S.NIET_GESELECTEERD: gettext_lazy("Niet selecteren"),
    S.VOORSCHAKELTRAJECT: gettext_lazy("Start voorschakeltraject"),
    S.VAKOPLEIDING: gettext_lazy("Start vakopleiding"),
    S.PROEFPERIODE: gettext_lazy("Start proefperiode"),
    S.IN_DIENST: gettext_lazy("In dienst"),
    S.NAZORG: gettext_lazy("Start nazorg"),
    S.AFGEROND: gettext_lazy("Nazorg afgerond"),
    S.WACHTLIJST: gettext_lazy("Op wachtlijst volgende ronde"),
    S.PLAN_B: gettext_lazy("Plan B"),
    S.GEPARKEERD: gettext_lazy("Parkeren"),
    S.UITGEVALLEN: gettext_lazy("Uitval"),
}

# The Deelname fields a target state asks for in its form (the preconditions check them).
VELDEN: dict[str, list[str]] = {
    S.NIET_GESELECTEERD: ["niet_geselecteerd_reden"],
    S.PLAN_B: ["plan_b"],
    S.GEPARKEERD: ["parkeer_reden", "herbeoordeling_op"],
    S.UITGEVALLEN: ["uitval_reden", "uitval_toelichting", "uitval_alternatief"],
    S.PROEFPERIODE: ["werkgever"],
    S.IN_DIENST: [
        "contract_start",
        "contract_duur_maanden",
        "contract_uren_per_week",
        "cao",
        "contract_afwijking_reden",
    ],
}


# Shown as required in the forms; the two reasons are only needed in some cases.
VERPLICHT = {v for velden in VELDEN.values() for v in velden} - {
    "uitval_toelichting",
    "uitval_alternatief",
    "contract_afwijking_reden",
}


def ongedaan_venster() -> timedelta:
    """How long after a step its maker may undo it (setting ONGEDAAN_MAKEN_MINUTEN)."""
    return timedelta(minutes=settings.ONGEDAAN_MAKEN_MINUTEN)


def doel(deelname, naar: str) -> str:
    """Resolves VORIGE to the state a parked deelname came from."""
    return deelname.vorige_status if naar == VORIGE else naar


def overgeslagen(van: str, naar: str) -> tuple[str, ...]:
    """The werving steps an edge jumps over (empty for an edge outside the werving route)."""
    if van not in WERVINGSROUTE or naar not in WERVINGSROUTE:
        return ()
    return WERVINGSROUTE[WERVINGSROUTE.index(van) + 1 : WERVINGSROUTE.index(naar)]


def gebruikt(traject, stap: str) -> bool:
    """Does the round's phase plan use this werving step? (Other states always count.)"""
    return getattr(traject, PLANSTAP[stap]) if stap in PLANSTAP else True


def past_in_plan(traject, van: str, naar: str) -> bool:
    """A werving edge leads to a step the round uses and jumps only over steps it leaves out."""
    if naar in WERVINGSROUTE and van in WERVINGSROUTE and not gebruikt(traject, naar):
        return False
    return not any(gebruikt(traject, stap) for stap in overgeslagen(van, naar))


def toegestane_overgangen(deelname) -> list[str]:
    """The targets offered as buttons (VORIGE already resolved), in the table's order."""
    return [
        doel(deelname, naar)
        for naar in OVERGANGEN[deelname.status]
        if past_in_plan(deelname.traject, deelname.status, doel(deelname, naar))
    ]


def actie_label(deelname, naar: str) -> str:
    if deelname.status == S.GEPARKEERD and naar != S.UITGEVALLEN:
        return _("Terugzetten naar %(status)s") % {"status": S(naar).label.lower()}
    return str(ACTIES[naar])


def is_toegestaan(deelname, naar: str, modus: str = Modus.GEWOON) -> bool:
    if naar == VORIGE:
        return False
    if modus != Modus.GEWOON:
        return naar in TABELLEN[modus][deelname.status]
    if deelname.status == S.GEPARKEERD and naar == deelname.vorige_status:
        return True
    return naar in OVERGANGEN[deelname.status] and past_in_plan(
        deelname.traject, deelname.status, naar
    )


def voorwaarden(deelname, naar: str, modus: str = Modus.GEWOON) -> dict[str, str]:
    """Unmet preconditions of entering `naar`, as {field: Dutch message}. Empty = allowed.
    Going back (undo) asks nothing: it restores what was."""
    fouten: dict[str, str] = {}
    d = deelname
    if modus == Modus.ONGEDAAN:
        return fouten
    if naar == S.NIET_GESELECTEERD and not d.niet_geselecteerd_reden.strip():
        fouten["niet_geselecteerd_reden"] = _("Geef de reden van het selectiebesluit.")
    if naar == S.PLAN_B and not d.plan_b.strip():
        fouten["plan_b"] = _("Beschrijf het plan B: ander traject, andere sector of later.")
    if naar == S.GEPARKEERD:
        if not d.parkeer_reden.strip():
            fouten["parkeer_reden"] = _("Geef de reden om te parkeren.")
        if not d.herbeoordeling_op:
            fouten["herbeoordeling_op"] = _("Kies een datum om opnieuw te beoordelen.")
        elif d.herbeoordeling_op <= timezone.localdate():
            fouten["herbeoordeling_op"] = _(
                "De datum voor herbeoordeling moet in de toekomst liggen."
            )
    if naar == S.UITGEVALLEN:
        if not d.uitval_reden:
            fouten["uitval_reden"] = _("Kies de reden van uitval.")
        elif d.uitval_reden == UitvalReden.ANDERS and not d.uitval_toelichting.strip():
            fouten["uitval_toelichting"] = _("Licht de reden 'anders' toe.")
        elif (d.uitval_reden == UitvalReden.TRAJECT_GESTOPT) != (modus == Modus.STOPPEN):
            fouten["uitval_reden"] = _(
                "'Traject gestopt' is de reden als het hele traject stopt; kies een andere reden."
            )
    if naar == S.PROEFPERIODE and not d.werkgever_id:
        fouten["werkgever"] = _(
            "Een proefperiode kan pas starten als de deelnemer aan een werkgever is gekoppeld."
        )
    if naar == S.IN_DIENST:
        fouten.update(_contract_voorwaarden(d))
    return fouten


def waarschuwingen(deelname, naar: str) -> dict[str, str]:
    """What the step to `naar` skips that the round expects, as {code: Dutch message}. Not a
    refusal: the service asks for a reason, which the timeline shows with these messages.
    Reads the facts `controles.annoteer` put on the row; no queries here."""
    return controles.ontbrekend(deelname, naar)


def _contract_voorwaarden(d) -> dict[str, str]:
    fouten = {}
    if not d.contract_start:
        fouten["contract_start"] = _("Vul de startdatum van het contract in.")
    if not d.contract_duur_maanden:
        fouten["contract_duur_maanden"] = _("Vul de duur van het contract in maanden in.")
    if not d.contract_uren_per_week:
        fouten["contract_uren_per_week"] = _("Vul het aantal uren per week in.")
    if not d.cao.strip():
        fouten["cao"] = _("Vul de cao in waaronder het contract valt.")
    kort = d.contract_duur_maanden and d.contract_duur_maanden < CONTRACT_MIN_MAANDEN
    weinig_uren = d.contract_uren_per_week and d.contract_uren_per_week < CONTRACT_MIN_UREN
    if (kort or weinig_uren) and not d.contract_afwijking_reden.strip():
        fouten["contract_afwijking_reden"] = _(
            "Het model vraagt een contract van minstens 6 maanden en 28 uur per week. "
            "Geef de reden voor deze afwijking."
        )
    return fouten


# The traject's own lifecycle.
TRAJECT_OVERGANGEN: dict[str, tuple[str, ...]] = {
    T.OPSTART: (T.WERVING, T.GEANNULEERD),
    T.WERVING: (T.VOORSCHAKELTRAJECT, T.GEANNULEERD),
    T.VOORSCHAKELTRAJECT: (T.PROEFPERIODE, T.GEANNULEERD),
    T.PROEFPERIODE: (T.NAZORG, T.GEANNULEERD),
    T.NAZORG: (T.AFGESLOTEN, T.GEANNULEERD),
    T.AFGESLOTEN: (),
    T.GEANNULEERD: (),
}

TRAJECT_ACTIES = {
    T.WERVING: gettext_lazy("Start werving"),
    T.VOORSCHAKELTRAJECT: gettext_lazy("Start voorschakeltraject"),
    T.PROEFPERIODE: gettext_lazy("Start proefperiodes"),
    T.NAZORG: gettext_lazy("Start nazorg"),
    T.AFGESLOTEN: gettext_lazy("Traject afsluiten"),
    T.GEANNULEERD: gettext_lazy("Traject annuleren"),
}
