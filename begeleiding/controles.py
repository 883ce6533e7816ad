"""What the fasebord should warn about from begeleiding's records (see trajecten/controles.py):
starting the voorschakeltraject without a coach or buddy, and the vakopleiding without any
result of the voorschakeltraject's modules the round has."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from organisaties.datums import loopt
from trajecten import controles
from trajecten.models import DeelnameStatus as S

from .models import Koppeling, Module, ModuleSoort, Resultaat

# The modules of the voorschakeltraject itself (VCA and the vakopleiding have their own check).
VOORSCHAKELMODULES = [
    ModuleSoort.VAKTAAL,
    ModuleSoort.WERKNEMERSVAARDIGHEDEN,
    ModuleSoort.BEDRIJFSBEZOEK,
]


def _zonder_moduleresultaat():
    heeft_modules = Exists(
        Module.objects.filter(traject=OuterRef("traject_id"), soort__in=VOORSCHAKELMODULES)
    )
    heeft_resultaat = Exists(
        Resultaat.objects.filter(deelname=OuterRef("pk"), module__soort__in=VOORSCHAKELMODULES)
    )
    return heeft_modules & ~heeft_resultaat


def registreer() -> None:
    controles.registreer(
        controles.Controle(
            code="coach",
            bij=frozenset({S.VOORSCHAKELTRAJECT}),
            ontbreekt=lambda: (
                ~Exists(Koppeling.objects.filter(deelname=OuterRef("pk")).filter(loopt()))
            ),
            melding=_("Er is geen coach of buddy gekoppeld."),
        )
    )
    controles.registreer(
        controles.Controle(
            code="modules",
            bij=frozenset({S.VAKOPLEIDING}),
            ontbreekt=_zonder_moduleresultaat,
            melding=_("Er is geen resultaat vastgelegd van de modules van het voorschakeltraject."),
        )
    )
