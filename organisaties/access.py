"""The one access mechanism of Schakel.

Every view declares who may reach it with exactly one of these decorators:

- ``@publiek``      anyone, also without login (login page, password reset, invitation link);
- ``@ingelogd``     any logged-in user, outside a regio (choosing a regio, logging out);
- ``@regio_view(*rollen)``  a member of the regio in the URL (``/r/<regio_slug>/…``) with one
  of the given roles (``ALLE_ROLLEN`` for every member);
- ``@kandidaat_view``  a kandidaat in their own short session (portaal/sessie.py), on their own
  pages under ``/mijn/``: ``request.portaal`` and ``request.kandidaat`` are theirs, so these views
  take no object of another person from the URL.

``regio_view`` resolves the regio from the URL, checks the user's active memberships once, sets
``request.regio``, ``request.lidmaatschappen`` and ``request.rollen``, and runs the view inside a
django-scopes scope for that regio: a query on tenant data without it raises ``ScopeError``.
Someone who is not a member of the regio gets 404 (the regio's existence is not revealed); a
member without a fitting role gets 403. Its responses are never cached (``no-store``).

The two kinds of people never mix: with a kandidaat's session every professional page is a 404
(not a login form: the kandidaat has nothing to log in with there), and for a logged-in
professional the kandidaat's pages are a 404.

Every logged-in page except the public ones and the second step's own
(``@ingelogd_zonder_tweede_stap``, an ``@ingelogd`` for setting up and entering the code and for
logging out) first asks whether the session has taken its second step (organisaties/tweestaps.py,
ADR 0015): a procesregisseur, beheerder or financier without it is sent to set up or enter the
code. A request with an API key is not affected.

The access matrix test (tests/test_toegangsmatrix.py) fails for any URL whose view has no
``toegang`` declaration, so no view can slip through.
"""

from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import permission_denied
from django_scopes import scope

from . import selectors
from .models import Regio, Rol
from .rls import regio_in_database
from .tweestaps import volgende_stap

ALLE_ROLLEN = frozenset(Rol.values)
KANDIDAAT_SESSIE = "portaal"  # the session key of a kandidaat's session (portaal/sessie.py)


@dataclass(frozen=True)
class Toegang:
    soort: str  # "publiek" | "ingelogd" | "regio" | "kandidaat"
    rollen: frozenset[str] = field(default_factory=frozenset)


def _markeer(view, toegang: Toegang):
    view.toegang = toegang
    return view


def publiek(view):
    return _markeer(view, Toegang("publiek"))


def _niet_ingelogd(request):
    if KANDIDAAT_SESSIE in request.session:
        raise Http404
    return redirect_to_login(request.get_full_path())


def _tweede_stap(request):
    """None when the session may go on; else the answer that sends it to its second step."""
    if getattr(request, "api_token", None) is not None:
        return None
    stap = volgende_stap(request)
    if stap is None:
        return None
    if _is_api(request):
        return _api_fout(403, "Rond eerst de tweede stap van het inloggen af.")
    url = reverse(stap) + "?" + urlencode({"next": request.get_full_path()})
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def _ingelogd(view, *, tweede_stap: bool):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _niet_ingelogd(request)
        if tweede_stap and (antwoord := _tweede_stap(request)) is not None:
            return antwoord
        return view(request, *args, **kwargs)

    return _markeer(wrapper, Toegang("ingelogd"))


def ingelogd(view):
    return _ingelogd(view, tweede_stap=True)


def ingelogd_zonder_tweede_stap(view):
    """Only for the pages of the second step itself and logging out."""
    return _ingelogd(view, tweede_stap=False)


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _api_fout(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    add_never_cache_headers(response)
    return response


def _niet_gevonden(request):
    """The Dutch 404 page as a response, not an exception: also with DEBUG on (no technical
    page), so that "not a member" can be demonstrated on a development machine."""
    from django.views.defaults import page_not_found

    return page_not_found(request, Http404())


def regio_view(*rollen):
    toegestaan = frozenset().union(*(r if isinstance(r, frozenset) else {r} for r in rollen))
    if not toegestaan or not toegestaan <= ALLE_ROLLEN:
        raise ValueError(f"regio_view needs known roles, got {rollen!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, regio_slug, *args, **kwargs):
            # The API (/api/…) answers the same decisions in JSON: 401 instead of the login page.
            api = _is_api(request)
            if not request.user.is_authenticated:
                if api:
                    return _api_fout(401, "Log in of gebruik een API-sleutel.")
                return _niet_ingelogd(request)
            if (antwoord := _tweede_stap(request)) is not None:
                return antwoord
            regio = Regio.objects.filter(slug=regio_slug).first()
            if regio is None:
                if api:
                    return _api_fout(404, "Niet gevonden.")
                return _niet_gevonden(request)
            # django-scopes for the ORM, and app.regio for PostgreSQL's row-level security.
            with scope(regio=regio.pk), regio_in_database(regio.pk):
                lidmaatschappen = selectors.actieve_lidmaatschappen_van(request.user, regio)
                if not lidmaatschappen:
                    if api:
                        return _api_fout(404, "Niet gevonden.")
                    return _niet_gevonden(request)
                request.regio = regio
                request.lidmaatschappen = lidmaatschappen
                request.rollen = frozenset(lid.rol for lid in lidmaatschappen)
                if not request.rollen & toegestaan:
                    if api:
                        return _api_fout(403, "Deze rol mag dit niet.")
                    # A response, not an exception: Django then logs one line without a
                    # traceback (a wrong role is an everyday event, not an error).
                    return permission_denied(request, PermissionDenied())
                with selectors.lidmaatschappen_onthouden(request.user, regio, lidmaatschappen):
                    return _zonder_cache(view(request, *args, **kwargs))

        return _markeer(wrapper, Toegang("regio", toegestaan))

    return decorator


def _zonder_cache(response):
    # Render lazy responses (class-based views) while the scope is still active.
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    # Every page of a regio holds data of people: never kept in a browser or proxy cache (the
    # back button after logging out shows nothing).
    add_never_cache_headers(response)
    return response


def kandidaat_view(view):
    from portaal import sessie  # the portaal app builds on this module, not the other way

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            raise Http404
        portaal = sessie.huidig(request)
        if portaal is None:
            verlopen = "?verlopen=1" if getattr(request, "portaal_verlopen", False) else ""
            return redirect(reverse("portaal_inloggen") + verlopen)
        with scope(regio=portaal.regio_id), regio_in_database(portaal.regio_id):
            request.portaal = portaal
            request.kandidaat = portaal.kandidaat
            request.regio = portaal.regio
            return _zonder_cache(view(request, *args, **kwargs))

    return _markeer(wrapper, Toegang("kandidaat"))


def naar_regiopagina(request, url_naam, **kwargs):
    """Redirect after a post to a page in the current regio; for htmx an HX-Redirect, so the
    whole page reloads."""
    url = reverse(url_naam, kwargs={"regio_slug": request.regio.slug, **kwargs})
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def link_ongeldig(request, reden: str, *, naar_inloggen: bool = False):
    """The answer to a public link that does not work (any more): invitation, werkgever intake,
    signing. One page for all, with the Dutch reason, and 410 Gone."""
    from django.shortcuts import render

    context = {"reden": reden, "naar_inloggen": naar_inloggen}
    return render(request, "link_ongeldig.html", context, status=410)


def of_404(selector, **kwargs):
    """Calls a selector; an object that does not exist *for this user* is a 404, exactly like
    one that does not exist at all."""
    try:
        return selector(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None
