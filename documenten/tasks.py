from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from . import selectors, services
from .models import VersieStatus


@shared_task
def verstuur_ondertekenlink(versie_id: int, gevraagd_op: str) -> None:
    """E-mails the werkgever a fresh signing link. Idempotent: a redelivered task finds the
    link sent after it was asked for, and sends nothing."""
    versie = selectors.versie_voor_link(versie_id)
    if versie is None or versie.status != VersieStatus.TER_ONDERTEKENING:
        return
    if versie.link_verstuurd_op and versie.link_verstuurd_op >= datetime.fromisoformat(gevraagd_op):
        return
    document = versie.document
    context = {
        "versie": versie,
        "document": document,
        "link": services.link(versie),
        "geldig_dagen": settings.ONDERTEKEN_LINK_GELDIG_DAGEN,
    }
    send_mail(
        subject=f"Ter ondertekening: {document.get_soort_display().lower()} {document.traject.naam}",
        message=render_to_string("documenten/email/ondertekenverzoek.txt", context),
        from_email=None,
        recipient_list=[versie.verstuurd_naar],
    )
    services.markeer_link_verstuurd(versie=versie)


@shared_task
def meld_ondertekend(versie_id: int) -> None:
    """Tells the werkgever that every party signed, and where the final PDF is (never as an
    attachment: it stays behind the login)."""
    versie = selectors.versie_voor_link(versie_id)
    if versie is None or versie.status != VersieStatus.ONDERTEKEND:
        return
    document = versie.document
    context = {
        "versie": versie,
        "document": document,
        "url": settings.BASE_URL + reverse("document", args=[versie.regio.slug, document.pk]),
    }
    send_mail(
        subject=f"Ondertekend: {document.get_soort_display().lower()} {document.traject.naam}",
        message=render_to_string("documenten/email/ondertekend.txt", context),
        from_email=None,
        recipient_list=[versie.verstuurd_naar],
    )
