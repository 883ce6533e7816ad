"""A form sent twice has effect once.

Every POST form carries a fresh random key (`{% eenmalig %}`). The first request with a key
claims it in the shared cache (Redis, so it holds across web processes); when that request ends
in a redirect, the redirect is remembered. A second request with the same key — a double click,
a resent form — does not reach the view: it waits for the first and gets the same redirect. A
request that ends otherwise (a form with errors) frees the key, so nothing is lost.

Database constraints stay the guarantee for what must be unique (a BSN per regio); this makes
every create form safe against double clicks without each view having to know.
"""

import re
import time

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

SLEUTEL_VELD = "_eenmalig"
_SLEUTEL = re.compile(r"[0-9a-f]{32}")
_BEZIG = "bezig"
BEZIG_SECONDEN = 120  # a request that takes longer frees its key (a crashed worker)
ONTHOUD_SECONDEN = 60 * 60
WACHT_SECONDEN = 15


def _doel(response) -> str | None:
    if response.status_code in (301, 302, 303) and response.has_header("Location"):
        return response["Location"]
    if response.has_header("HX-Redirect"):
        return response["HX-Redirect"]
    return None


class EenmaligVersturen:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sleutel = request.POST.get(SLEUTEL_VELD, "") if request.method == "POST" else ""
        if not _SLEUTEL.fullmatch(sleutel):
            return self.get_response(request)
        cache_sleutel = f"eenmalig:{request.path}:{sleutel}"
        if not cache.add(cache_sleutel, _BEZIG, BEZIG_SECONDEN):
            return self._al_verstuurd(request, cache_sleutel)
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(cache_sleutel)
            raise
        doel = _doel(response)
        if doel:
            cache.set(cache_sleutel, doel, ONTHOUD_SECONDEN)
        else:
            cache.delete(cache_sleutel)
        return response

    def _al_verstuurd(self, request, cache_sleutel):
        einde = time.monotonic() + WACHT_SECONDEN
        waarde = cache.get(cache_sleutel)
        while waarde == _BEZIG and time.monotonic() < einde:
            time.sleep(0.1)
            waarde = cache.get(cache_sleutel)
        if waarde is None:  # the first one did not go through: this one may
            return self.__call__(request)
        if waarde == _BEZIG:
            return HttpResponse(
                _("Dit formulier wordt nog verwerkt. Ververs de pagina over een paar seconden."),
                status=409,
                content_type="text/plain; charset=utf-8",
            )
        messages.info(request, _("Dit formulier was al verstuurd; het is één keer verwerkt."))
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": waarde})
        return HttpResponseRedirect(waarde)
