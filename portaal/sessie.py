"""The kandidaat's session: short, and only ever one kind of person per browser.

A kandidaat has no User. Their session holds the id of their Portaal (key KANDIDAAT_SESSIE) and
ends after PORTAAL_SESSIE_STIL_MINUTEN without a click, after PORTAAL_SESSIE_MAX_UREN in all, or
at once when the page is closed by a professional. Starting it logs out any professional in the
same browser, and a professional logging in ends it.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django_scopes import scope

from organisaties.access import KANDIDAAT_SESSIE

from .models import Portaal


def start(request, portaal: Portaal) -> None:
    logout(request)  # a new session: nothing of whoever used this browser before
    nu = time.time()
    request.session[KANDIDAAT_SESSIE] = {
        "portaal": portaal.pk,
        "regio": portaal.regio_id,
        "sinds": nu,
        "laatst": nu,
    }


def huidig(request) -> Portaal | None:
    """The open Portaal of this session, or None (and the session's key removed) when it has
    run out or the page was closed. Sets request.portaal_verlopen when it ran out."""
    gegevens = request.session.get(KANDIDAAT_SESSIE)
    if not gegevens:
        return None
    nu = time.time()
    stil = nu - gegevens["laatst"] > settings.PORTAAL_SESSIE_STIL_MINUTEN * 60
    te_lang = nu - gegevens["sinds"] > settings.PORTAAL_SESSIE_MAX_UREN * 3600
    portaal = None
    if not (stil or te_lang):
        with scope(regio=gegevens["regio"]):
            portaal = (
                Portaal.objects.select_related("kandidaat", "regio")
                .filter(pk=gegevens["portaal"], gesloten_op__isnull=True)
                .first()
            )
    if portaal is None:
        request.session.pop(KANDIDAAT_SESSIE, None)
        request.portaal_verlopen = stil or te_lang
        return None
    gegevens["laatst"] = nu
    request.session.modified = True
    return portaal


def stop(request) -> None:
    request.session.flush()


def na_inloggen_professional(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(KANDIDAAT_SESSIE, None)
