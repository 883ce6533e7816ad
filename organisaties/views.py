from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .access import (
    ALLE_ROLLEN,
    ingelogd,
    ingelogd_zonder_tweede_stap,
    link_ongeldig,
    of_404,
    publiek,
    regio_view,
)
from .forms import (
    AccountAanmakenForm,
    ApiTokenForm,
    OrganisatieForm,
    UitnodigenForm,
    fouten_naar_formulier,
    verwerk,
)
from .models import Rol


@ingelogd
def start(request):
    regios = selectors.regio_keuze_voor(request.user)
    if len(regios) == 1:
        return redirect("regio_home", regio_slug=regios[0].slug)
    return render(request, "organisaties/start.html", {"regios": regios})


@ingelogd_zonder_tweede_stap
@require_http_methods(["GET", "POST"])
def uitloggen(request):
    if request.method == "POST":
        logout(request)
        messages.info(request, _("U bent uitgelogd."))
        return redirect("login")
    return render(request, "registration/uitloggen.html")


@publiek
def gezondheid(request):
    """For the load balancer and docker-compose: can we reach PostgreSQL and Redis?"""
    from django.core.cache import cache

    status = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        status["database"] = "fout"
    if settings.REDIS_URL:
        try:
            cache.set("gezondheid", "ok", 5)
            status["redis"] = "ok" if cache.get("gezondheid") == "ok" else "fout"
        except Exception:  # noqa: BLE001
            status["redis"] = "fout"
    gezond = all(v == "ok" for v in status.values())
    return JsonResponse(status, status=200 if gezond else 503)


@regio_view(ALLE_ROLLEN)
def regio_home(request):
    """The home page: one section per role the user holds here (later issues fill them)."""
    user, regio = request.user, request.regio
    rollen = selectors.rollen_in(request.lidmaatschappen)
    context = {
        "rollen": rollen,
        "procesregisseurs": selectors.contactpersonen(regio=regio, rol=Rol.PROCESREGISSEUR),
    }
    if Rol.PROCESREGISSEUR in rollen:
        from werving.selectors import aantal_open_dubbelen

        context["organisaties"] = selectors.organisaties_van(regio=regio)
        context["open_dubbelen"] = aantal_open_dubbelen(user=user, regio=regio)
    if Rol.BEHEERDER in rollen or Rol.PROCESREGISSEUR in rollen:
        context["aantal_goedkeuringen"] = selectors.wachtend_op_goedkeuring(
            user=user, regio=regio
        ).count()
    if Rol.BEHEERDER in rollen:
        context["aantal_leden"] = selectors.leden_van(user=user, regio=regio).count()
        context["aantal_uitnodigingen"] = selectors.openstaande_uitnodigingen(
            user=user, regio=regio
        ).count()
    return render(request, "organisaties/regio_home.html", context)


@regio_view(Rol.BEHEERDER)
def leden(request):
    beeindigd = request.GET.get("toon") == "beeindigd"
    uitnodigingen = list(
        selectors.openstaande_uitnodigingen(user=request.user, regio=request.regio)
    )
    for u in uitnodigingen:
        # The sender sees the link they e-mailed (to pass on when the mail does not arrive).
        if u.uitgenodigd_door_id == request.user.pk and not u.wacht_op_goedkeuring:
            u.link = services.uitnodiging_link(u)
    return render(
        request,
        "organisaties/leden.html",
        {
            "leden": selectors.leden_van(
                user=request.user, regio=request.regio, actief=not beeindigd
            ),
            "uitnodigingen": uitnodigingen,
            "toon_beeindigd": beeindigd,
        },
    )


@regio_view(Rol.BEHEERDER)
@require_http_methods(["GET", "POST"])
def uitnodigen(request):
    organisaties = selectors.organisaties_van(regio=request.regio)
    form = UitnodigenForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = services.nodig_uit(
                regio=request.regio, door=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            if uitnodiging.vraagt_goedkeuring:
                messages.success(
                    request,
                    _(
                        "Uitnodiging voor %(email)s aangemaakt. Een tweede beheerder of de "
                        "procesregisseur keurt haar goed; daarna wordt ze verstuurd."
                    )
                    % {"email": uitnodiging.email},
                )
            else:
                messages.success(
                    request,
                    _("Uitnodiging verstuurd naar %(email)s.") % {"email": uitnodiging.email},
                )
            return redirect("leden", regio_slug=request.regio.slug)
    return render(
        request,
        "organisaties/uitnodigen.html",
        {"form": form, "geldig_dagen": settings.UITNODIGING_GELDIG_DAGEN},
    )


@regio_view(Rol.BEHEERDER, Rol.PROCESREGISSEUR)
def goedkeuringen(request):
    """Invitations for procesregisseur or beheerder wait here for a second person."""
    return render(
        request,
        "organisaties/goedkeuringen.html",
        {
            "uitnodigingen": selectors.wachtend_op_goedkeuring(
                user=request.user, regio=request.regio
            )
        },
    )


@regio_view(Rol.BEHEERDER, Rol.PROCESREGISSEUR)
@require_POST
def uitnodiging_beslissen(request, pk):
    uitnodiging = of_404(
        selectors.uitnodiging_voor_goedkeuring, user=request.user, regio=request.regio, pk=pk
    )
    goedkeuren = request.POST.get("besluit") == "goedkeuren"
    doe = services.keur_uitnodiging_goed if goedkeuren else services.wijs_uitnodiging_af
    try:
        doe(uitnodiging=uitnodiging, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request,
            (_("Goedgekeurd; de uitnodiging aan %(email)s is verstuurd.") if goedkeuren
             else _("De uitnodiging aan %(email)s is ingetrokken.")) % {"email": uitnodiging.email},
        )  # fmt: skip
    return redirect("goedkeuringen", regio_slug=request.regio.slug)


@regio_view(Rol.BEHEERDER)
@require_http_methods(["GET", "POST"])
def lidmaatschap_beeindigen(request, pk):
    lidmaatschap = of_404(
        selectors.lidmaatschap_voor_beheer, user=request.user, regio=request.regio, pk=pk
    )
    fout = None
    if request.method == "POST":
        try:
            services.beeindig_lidmaatschap(lidmaatschap=lidmaatschap, door=request.user)
        except ValidationError as e:
            fout = e.messages[0]
        else:
            messages.success(
                request, _("Lidmaatschap van %(naam)s beëindigd.") % {"naam": lidmaatschap.user}
            )
            return redirect("leden", regio_slug=request.regio.slug)
    return render(
        request, "organisaties/lidmaatschap_beeindigen.html", {"lid": lidmaatschap, "fout": fout}
    )


@regio_view(Rol.BEHEERDER, Rol.PROCESREGISSEUR)
def organisaties(request):
    return render(
        request,
        "organisaties/organisaties.html",
        {"organisaties": selectors.organisaties_met_leden(user=request.user, regio=request.regio)},
    )


@regio_view(Rol.BEHEERDER)
@require_http_methods(["GET", "POST"])
def organisatie_toevoegen(request):
    form = OrganisatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisatie = services.voeg_organisatie_toe(regio=request.regio, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(
                request, _("%(naam)s doet nu mee in deze regio.") % {"naam": organisatie}
            )
            return redirect("organisaties", regio_slug=request.regio.slug)
    return render(request, "organisaties/organisatie_toevoegen.html", {"form": form})


@publiek
@require_http_methods(["GET", "POST"])
def uitnodiging(request, token):
    try:
        uitnodiging = services.lees_uitnodiging(token)
    except services.UitnodigingOngeldig as ongeldig:
        return link_ongeldig(request, ongeldig.reden, naar_inloggen=True)

    heeft_account = selectors.account_bestaat(uitnodiging.email)
    ingelogd_als_genodigde = (
        request.user.is_authenticated and request.user.email == uitnodiging.email
    )
    form = None
    if not heeft_account:
        form = AccountAanmakenForm(request.POST or None, email=uitnodiging.email)

    if request.method == "POST":
        try:
            if ingelogd_als_genodigde:
                lidmaatschap = services.accepteer_uitnodiging(
                    uitnodiging=uitnodiging, user=request.user
                )
            elif form is not None and form.is_valid():
                lidmaatschap = services.accepteer_uitnodiging(
                    uitnodiging=uitnodiging,
                    naam=form.cleaned_data["naam"],
                    wachtwoord=form.cleaned_data["wachtwoord1"],
                )
                login(
                    request, lidmaatschap.user, backend="django.contrib.auth.backends.ModelBackend"
                )
            else:
                lidmaatschap = None
        except services.UitnodigingOngeldig as ongeldig:
            return link_ongeldig(request, ongeldig.reden, naar_inloggen=True)
        if lidmaatschap is not None:
            messages.success(
                request,
                _("Welkom in %(regio)s als %(rol)s.")
                % {"regio": uitnodiging.regio, "rol": lidmaatschap.get_rol_display().lower()},
            )
            return redirect("regio_home", regio_slug=uitnodiging.regio.slug)

    return render(
        request,
        "organisaties/uitnodiging.html",
        {
            "uitnodiging": uitnodiging,
            "form": form,
            "heeft_account": heeft_account,
            "ingelogd_als_genodigde": ingelogd_als_genodigde,
        },
    )


_NIEUWE_SLEUTEL = "api_sleutel_eenmalig"


@regio_view(Rol.BEHEERDER)
@require_http_methods(["GET", "POST"])
def api_sleutels(request):
    """API keys of the regio (docs/api.md). A new key is shown once, right after it is made: it
    waits in the session only until this page shows it; the database keeps only its hash."""
    form = ApiTokenForm(
        request.POST or None, organisaties=selectors.organisaties_van(regio=request.regio)
    )
    gemaakt = []

    def maak(c):
        gemaakt.extend(services.maak_api_token(regio=request.regio, door=request.user, **c))

    if request.method == "POST" and verwerk(form, maak):
        token, sleutel = gemaakt
        request.session[_NIEUWE_SLEUTEL] = {"pk": token.pk, "sleutel": sleutel}
        return redirect("api_sleutels", regio_slug=request.regio.slug)
    nieuw = request.session.pop(_NIEUWE_SLEUTEL, None)
    return render(
        request,
        "organisaties/api_sleutels.html",
        {
            "form": form,
            "sleutels": selectors.api_tokens_van(user=request.user, regio=request.regio),
            "nieuw": nieuw,
        },
    )


@regio_view(Rol.BEHEERDER)
@require_http_methods(["GET", "POST"])
def api_sleutel_intrekken(request, pk):
    token = of_404(selectors.api_token_voor_beheer, user=request.user, regio=request.regio, pk=pk)
    if request.method == "POST":
        services.trek_api_token_in(token=token, door=request.user)
        messages.success(request, _("API-sleutel %(naam)s ingetrokken.") % {"naam": token.naam})
        return redirect("api_sleutels", regio_slug=request.regio.slug)
    return render(request, "organisaties/api_sleutel_intrekken.html", {"token": token})
