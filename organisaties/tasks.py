from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from . import selectors, services


@shared_task
def verstuur_uitnodiging(uitnodiging_id: int) -> None:
    uitnodiging = selectors.uitnodiging_op_id(uitnodiging_id)
    # Idempotent: a redelivered task does not send a second e-mail.
    if uitnodiging is None or uitnodiging.verstuurd_op or uitnodiging.geaccepteerd_op:
        return
    if uitnodiging.wacht_op_goedkeuring or uitnodiging.afgewezen_op:
        return
    context = {
        "uitnodiging": uitnodiging,
        "link": services.uitnodiging_link(uitnodiging),
        "geldig_dagen": settings.UITNODIGING_GELDIG_DAGEN,
    }
    send_mail(
        subject=f"Uitnodiging voor Schakel – {uitnodiging.regio.naam}",
        message=render_to_string("organisaties/email/uitnodiging.txt", context),
        from_email=None,
        recipient_list=[uitnodiging.email],
    )
    services.markeer_uitnodiging_verstuurd(uitnodiging=uitnodiging)
