"""Background work of trajecten: the daily scan that carries out planned transitions (in dienst
on the first day of the contract). Takes no arguments, is idempotent, runs per regio scope."""

from celery import shared_task
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from . import services
from .models import Deelname


@shared_task
def voer_geplande_overgangen_uit() -> list[int]:
    with scopes_disabled():
        regios = set(
            Deelname.objects.exclude(gepland_naar="")
            .filter(gepland_op__lte=timezone.localdate())
            .values_list("regio_id", flat=True)
        )
    gedaan = []
    for regio_id in sorted(regios):
        with scope(regio=regio_id):
            gedaan += [d.pk for d in services.voer_geplande_overgangen_uit()]
    return gedaan
