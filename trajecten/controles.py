"""What a step on the fasebord expects to have happened first, and warns about when it did not.

A `Controle` says, for the steps it applies to, whether something the round expects is missing
for a deelname: no intake recorded, no coach at the start of the voorschakeltraject, no VCA,
proefperiode evaluations still open, nazorg checkpoints not done. Each is a boolean query
expression on Deelname (True = missing), so the fasebord computes all of them for every card in
its one query and the transition service for the row it locks (`annoteer`).

A missing thing is a warning, not a refusal: the service asks for a reason and the timeline
shows both. trajecten does not import werving or begeleiding: those apps know their own records
and register their checks here from their AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import DeelnameStatus as S
from .models import Mijlpaal, MijlpaalStatus
from .models import MijlpaalSoort as M


@dataclass(frozen=True)
class Controle:
    code: str
    bij: frozenset[str]  # the target states of the steps it applies to
    ontbreekt: Callable[[], object]  # a boolean expression on Deelname: True = missing
    melding: str  # Dutch, lazily translated
    vanuit: frozenset[str] | None = None  # only when leaving one of these states


_REGISTER: dict[str, Controle] = {}


def registreer(controle: Controle) -> None:
    _REGISTER[controle.code] = controle


def _attribuut(code: str) -> str:
    return f"ontbreekt_{code}"


def annoteer(queryset):
    """The queryset with every registered check as an attribute (one subquery each)."""
    return queryset.annotate(
        **{
            _attribuut(c.code): ExpressionWrapper(c.ontbreekt(), output_field=BooleanField())
            for c in _REGISTER.values()
        }
    )


def ontbrekend(deelname, naar: str) -> dict[str, str]:
    """{code: message} of the checks of the step from the deelname's state to `naar` that
    find something missing. The deelname must come from `annoteer` (else AttributeError)."""
    if deelname.status == S.GEPARKEERD:
        return {}  # going back to where it was parked is not a new step
    return {
        c.code: str(c.melding)
        for c in _REGISTER.values()
        if naar in c.bij
        and (c.vanuit is None or deelname.status in c.vanuit)
        and getattr(deelname, _attribuut(c.code))
    }


def _open_mijlpaal(*soorten):
    return Exists(
        Mijlpaal.objects.filter(
            deelname=OuterRef("pk"), soort__in=soorten, status=MijlpaalStatus.OPEN
        )
    )


def _gedaan(soort):
    return Exists(
        Mijlpaal.objects.filter(deelname=OuterRef("pk"), soort=soort, status=MijlpaalStatus.GEDAAN)
    )


# The checks on trajecten's own records.
for _controle in (
    Controle(
        code="vca",
        bij=frozenset({S.PROEFPERIODE}),
        ontbreekt=lambda: Q(vca_behaald_op__isnull=True),
        melding=_("Er is geen VCA vastgelegd."),
    ),
    Controle(
        code="vakopleiding",
        bij=frozenset({S.PROEFPERIODE}),
        ontbreekt=lambda: Q(vakopleiding_afgerond_op__isnull=True),
        melding=_("De vakopleiding is niet als afgerond vastgelegd."),
    ),
    Controle(
        code="evaluaties",
        bij=frozenset({S.IN_DIENST}),
        ontbreekt=lambda: _open_mijlpaal(M.EVALUATIE_1, M.EVALUATIE_2, M.EVALUATIE_VERLENGING),
        melding=_("Er staan nog evaluaties van de proefperiode open."),
    ),
    Controle(
        code="nazorg",
        bij=frozenset({S.AFGEROND}),
        ontbreekt=lambda: ~_gedaan(M.CONTRACT_6_MAANDEN) | ~_gedaan(M.RETENTIE_12),
        melding=_("De nazorgcontacten na 6 en 12 maanden zijn niet allebei vastgelegd."),
    ),
):
    registreer(_controle)
