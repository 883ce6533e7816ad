from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scopes_disabled

from . import services
from .models import Inloglink


@shared_task
def verstuur_inloglink(link_id: int) -> None:
    """At most once: a link already sent, used or replaced is not sent (again)."""
    with scopes_disabled():
        link = Inloglink.objects.select_related("portaal__kandidaat", "portaal__regio").get(
            pk=link_id
        )
        if link.verstuurd_op or link.gebruikt_op or link.ingetrokken_op:
            return
        portaal = link.portaal
        context = {
            "voornaam": portaal.kandidaat.voornaam,
            "link": services.link_url(link),
            "uren": settings.PORTAAL_LINK_UREN,
            "met_pin": portaal.heeft_pin,
        }
        send_mail(
            subject="Schakel: jouw link naar je eigen pagina",
            message=render_to_string("portaal/email/inloglink.txt", context),
            from_email=None,
            recipient_list=[portaal.email],
        )
        Inloglink.objects.filter(pk=link.pk).update(verstuurd_op=timezone.now())
