from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scope

from . import selectors, services
from .models import IntakeStatus, WerkgeverUitnodiging


@shared_task
def verstuur_werkgever_uitnodiging(uitnodiging_id: int, opnieuw: bool = False) -> None:
    """Sends the link once; ``opnieuw`` (the procesregisseur's "Link opnieuw versturen") sends a
    fresh link again while the werkgever has not sent the form in."""
    intake = selectors.werkgever_intake_op_uitnodiging(uitnodiging_id)
    if intake is None or (intake.uitnodiging.verstuurd_op and not opnieuw):  # idempotent
        return
    if opnieuw and intake.status != IntakeStatus.CONCEPT:
        return
    uitnodiging = intake.uitnodiging
    context = {
        "uitnodiging": uitnodiging,
        "link": services.werkgever_link(uitnodiging),
        "geldig_dagen": settings.WERKGEVER_LINK_GELDIG_DAGEN,
    }
    send_mail(
        subject=f"Samen een leerwerktraject: uw gegevens voor {uitnodiging.regio.naam}",
        message=render_to_string("werving/email/werkgever_uitnodiging.txt", context),
        from_email=None,
        recipient_list=[uitnodiging.email],
    )
    with scope(regio=uitnodiging.regio_id):
        WerkgeverUitnodiging.objects.filter(pk=uitnodiging.pk).update(verstuurd_op=timezone.now())


@shared_task
def anonimiseer_alle_regios() -> dict[str, int]:
    """Nightly (CELERY_BEAT_SCHEDULE): each regio's kandidaten past their retention period."""
    from django_scopes import scopes_disabled

    from organisaties.models import Regio

    with scopes_disabled():
        regios = list(Regio.objects.order_by("pk"))
    resultaat = {r.slug: len(services.anonimiseer_kandidaten(regio=r)) for r in regios}
    # The access log has a retention period of its own (docs/avg.md).
    services.schoon_raadplegingen_op()
    return resultaat
