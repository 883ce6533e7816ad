"""What the fasebord should warn about from werving's records (see trajecten/controles.py):
"Intake gehouden" without a recorded intake, and selecting without a recorded assessment."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from trajecten import controles
from trajecten.models import DeelnameStatus as S

from .models import Assessment, Intake


def registreer() -> None:
    controles.registreer(
        controles.Controle(
            code="intake",
            bij=frozenset({S.INTAKE}),
            ontbreekt=lambda: ~Exists(Intake.objects.filter(deelname=OuterRef("pk"))),
            melding=_("Er is geen intake vastgelegd."),
        )
    )
    controles.registreer(
        controles.Controle(
            code="assessment",
            bij=frozenset({S.GESELECTEERD, S.VOORSCHAKELTRAJECT}),
            vanuit=frozenset({S.ASSESSMENT}),
            ontbreekt=lambda: ~Exists(Assessment.objects.filter(deelname=OuterRef("pk"))),
            melding=_("Er is geen uitslag van het assessment vastgelegd."),
        )
    )
