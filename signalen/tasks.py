"""Celery tasks of signalen: they take ids and call services; each is safe to run again.

The beat schedule (config/settings.py) runs `scan_alle_regios` every morning and
`verstuur_dagoverzichten` at 07:00. A scan enqueues the direct e-mails of its regio after it
commits; the daily overview collects the rest.
"""

from celery import shared_task
from django_scopes import scopes_disabled

from organisaties.models import Regio

from . import services
from .models import Modus


@shared_task
def scan_alle_regios() -> None:
    for regio_id in services.scan_alle_regios():
        scan_regio.delay(regio_id)


@shared_task
def scan_regio(regio_id: int) -> None:
    with scopes_disabled():
        regio = Regio.objects.filter(pk=regio_id).first()
    if regio is not None:
        services.scan_regio(regio=regio)


@shared_task
def verstuur_dagoverzichten() -> None:
    for regio_id in services.scan_alle_regios():
        bezorg.delay(regio_id, Modus.DAGELIJKS)


@shared_task
def bezorg(regio_id: int, modus: str) -> None:
    with scopes_disabled():
        regio = Regio.objects.filter(pk=regio_id).first()
    if regio is None:
        return
    for bezorging_id in services.stel_bezorgingen_samen(regio=regio, modus=modus):
        verstuur_bezorging.delay(bezorging_id)


@shared_task
def verstuur_bezorging(bezorging_id: int) -> None:
    services.verstuur(bezorging_id=bezorging_id)
