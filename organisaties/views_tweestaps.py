"""The second step of logging in (organisaties/tweestaps.py) and the account page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import tweestaps
from .access import ingelogd, ingelogd_zonder_tweede_stap
from .forms import CodeForm, verwerk


def _volgende(request) -> str:
    """Where to go after the second step: only an address of this site."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, {request.get_host()}, request.is_secure()):
        return volgende
    return ""


def _verder(request):
    return redirect(_volgende(request) or "start")


@ingelogd_zonder_tweede_stap
@require_http_methods(["GET", "POST"])
def tweestaps_instellen(request):
    # Someone with an app who has not yet entered its code may not swap it for a new one.
    if tweestaps.ingesteld(request.user) and not tweestaps.is_geverifieerd(request):
        return redirect("tweestaps_controleren")
    apparaat = tweestaps.apparaat_in_aanmaak(request.user)
    form = CodeForm(request.POST or None)
    codes = []
    if request.method == "POST" and verwerk(
        form,
        lambda c: codes.extend(tweestaps.bevestig_instelling(user=request.user, code=c["code"])),
    ):
        tweestaps.markeer_geverifieerd(request, tweestaps.ingesteld(request.user))
        # Shown in this answer only: no page shows them again.
        return render(
            request,
            "organisaties/tweestaps_herstelcodes.html",
            {"codes": codes, "next": _volgende(request)},
        )
    context = {
        "form": form,
        "qr": tweestaps.qr_svg(apparaat),
        "sleutel": tweestaps.geheime_sleutel(apparaat),
        "verplicht": tweestaps.is_verplicht(request.user),
        "next": _volgende(request),
    }
    return render(request, "organisaties/tweestaps_instellen.html", context)


@ingelogd_zonder_tweede_stap
@require_http_methods(["GET", "POST"])
def tweestaps_controleren(request):
    if tweestaps.ingesteld(request.user) is None:
        return redirect("tweestaps_instellen")
    form = CodeForm(request.POST or None)
    gelukt = []
    if request.method == "POST" and verwerk(
        form, lambda c: gelukt.append(tweestaps.controleer(user=request.user, code=c["code"]))
    ):
        tweestaps.markeer_geverifieerd(request, gelukt[0])
        if gelukt[0].persistent_id.startswith("otp_static"):
            messages.warning(
                request,
                _("U hebt een herstelcode gebruikt; er zijn er nog %(aantal)s over.")
                % {"aantal": tweestaps.herstelcodes_over(request.user)},
            )
        return _verder(request)
    context = {"form": form, "next": _volgende(request)}
    return render(request, "organisaties/tweestaps_controleren.html", context)


def _account(request, form=None):
    context = {
        "ingesteld": tweestaps.ingesteld(request.user) is not None,
        "verplicht": tweestaps.is_verplicht(request.user),
        "herstelcodes": tweestaps.herstelcodes_over(request.user),
        "form": form or CodeForm(),
    }
    return render(request, "organisaties/account.html", context)


@ingelogd
def account(request):
    return _account(request)


@ingelogd
@require_http_methods(["GET", "POST"])
def tweestaps_uitzetten(request):
    if request.method == "GET":
        return redirect("account")  # the form is on the account page
    form = CodeForm(request.POST)
    if verwerk(form, lambda c: tweestaps.zet_uit(user=request.user, code=c["code"])):
        request.session[tweestaps.SESSIE] = tweestaps.NIET_NODIG
        messages.success(request, _("De tweede stap staat uit."))
        return redirect("account")
    return _account(request, form)
