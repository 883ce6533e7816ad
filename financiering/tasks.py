"""Background work of financing: take ids, look the rest up, idempotent (a claim exists once
per deelname and kind, so a redelivered task changes nothing).

A task has no request and so no regio scope: it reads the regio of its object with scopes
disabled (ids only) and does the work inside `scope(regio=…)`.
"""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from organisaties.models import User
from trajecten.models import Deelname, Traject

from . import services


def _regio_van(model, pk: int) -> int | None:
    with scopes_disabled():
        return model.objects.filter(pk=pk).values_list("regio_id", flat=True).first()


@shared_task
def maak_vordering(deelname_id: int, soort: str) -> int | None:
    """Creates the claim a deelname earned (if the agreement gives an amount); returns its id."""
    regio_id = _regio_van(Deelname, deelname_id)
    if regio_id is None:
        return None
    with scope(regio=regio_id):
        vordering = services.maak_vordering(
            deelname=Deelname.objects.get(pk=deelname_id), soort=soort
        )
    return vordering.pk if vordering else None


@shared_task
def maak_vorderingen_voor_traject(traject_id: int) -> list[int]:
    """All claims the traject's deelnames have earned so far (after an agreement is made)."""
    regio_id = _regio_van(Traject, traject_id)
    if regio_id is None:
        return []
    with scope(regio=regio_id):
        vorderingen = services.maak_verdiende_vorderingen(
            traject=Traject.objects.get(pk=traject_id)
        )
    return [v.pk for v in vorderingen]


@shared_task
def trek_onverdiende_vorderingen_in(deelname_id: int, door_id: int | None) -> list[int]:
    """After an undone transition: withdraws (with a correction) the claims no longer earned."""
    regio_id = _regio_van(Deelname, deelname_id)
    if regio_id is None:
        return []
    door = User.objects.filter(pk=door_id).first() if door_id else None
    with scope(regio=regio_id):
        vorderingen = services.trek_onverdiende_vorderingen_in(
            deelname=Deelname.objects.get(pk=deelname_id), door=door
        )
    return [v.pk for v in vorderingen]
