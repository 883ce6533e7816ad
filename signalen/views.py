"""Views of signalen: the list of one's own signalen (with what can be done to each), the bell,
the home panel, a signaal's history, the regio's thresholds and one's e-mail preferences."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisaties.access import ALLE_ROLLEN, of_404, regio_view
from organisaties.forms import verwerk
from organisaties.models import Rol
from organisaties.paginering import pagineer

from . import selectors, services
from .forms import DrempelsForm, UitstellenForm, VoorkeurenForm
from .tasks import scan_regio

TOON = ("open", "uitgesteld", "gedaan")


@regio_view(ALLE_ROLLEN)
def lijst(request):
    toon = request.GET.get("toon") if request.GET.get("toon") in TOON else "open"
    pagina = pagineer(
        selectors.signalen_voor(user=request.user, regio=request.regio, toon=toon), request
    )
    pagina.object_list = selectors.met_labels(
        user=request.user, regio=request.regio, signalen=pagina.object_list
    )
    return render(
        request,
        "signalen/lijst.html",
        {"pagina": pagina, "toon": toon},
    )


@regio_view(ALLE_ROLLEN)
def bel(request):
    """The bell in the header, loaded by htmx: the number of new signalen."""
    aantal = selectors.aantal_ongelezen(user=request.user, regio=request.regio)
    return render(request, "signalen/_bel.html", {"aantal": aantal})


@regio_view(ALLE_ROLLEN)
def paneel(request):
    """The "te doen" panel of the home page (loaded by htmx): the first open signalen."""
    signalen = selectors.signalen_voor(user=request.user, regio=request.regio)[:8]
    return render(
        request,
        "signalen/_paneel.html",
        {
            "signalen": selectors.met_labels(
                user=request.user, regio=request.regio, signalen=signalen
            ),
            "totaal": selectors.signalen_voor(user=request.user, regio=request.regio).count(),
        },
    )


@regio_view(ALLE_ROLLEN)
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    """A signaal, its history, and putting it off until a date."""
    signaal = of_404(selectors.signaal, user=request.user, regio=request.regio, pk=pk)
    form = UitstellenForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.behandel(
            signaal=signaal, door=request.user, actie="uitstellen", tot=c["tot"]
        ),
    ):
        messages.success(
            request,
            _("Uitgesteld tot %(d)s.") % {"d": form.cleaned_data["tot"].strftime("%d-%m-%Y")},
        )
        return redirect("signalen", regio_slug=request.regio.slug)
    return render(
        request,
        "signalen/detail.html",
        {"signaal": signaal, "regel": selectors.regel_van(signaal), "form": form,
         "stappen": signaal.stappen.select_related("door")},
    )  # fmt: skip


@regio_view(ALLE_ROLLEN)
@require_POST
def actie(request, pk):
    """Seen, done, reopened or a week later: one click, no fields."""
    signaal = of_404(selectors.signaal, user=request.user, regio=request.regio, pk=pk)
    soort, tot = request.POST.get("actie", ""), None
    if soort == "week":
        soort, tot = "uitstellen", timezone.localdate() + timedelta(days=7)
    try:
        services.behandel(signaal=signaal, door=request.user, actie=soort, tot=tot)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    terug = request.POST.get("terug")
    if terug == "detail":
        return redirect("signaal_detail", regio_slug=request.regio.slug, pk=signaal.pk)
    if terug == "start":
        return redirect("regio_home", regio_slug=request.regio.slug)
    return redirect("signalen", regio_slug=request.regio.slug)


@regio_view(Rol.PROCESREGISSEUR)
@require_http_methods(["GET", "POST"])
def drempels(request):
    huidig = services.drempels_van(request.regio)
    form = DrempelsForm(request.POST or None, huidig=huidig)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.zet_drempels(regio=request.regio, door=request.user, drempels=c),
    ):
        messages.success(request, _("Drempels opgeslagen; ze gelden vanaf de volgende scan."))
        return redirect("signaal_drempels", regio_slug=request.regio.slug)
    return render(request, "signalen/drempels.html", {"form": form})


@regio_view(ALLE_ROLLEN)
@require_http_methods(["GET", "POST"])
def voorkeuren(request):
    form = VoorkeurenForm(request.POST or None, huidig=selectors.voorkeuren_van(request.user))
    if request.method == "POST" and verwerk(
        form, lambda c: services.zet_voorkeuren(user=request.user, voorkeuren=c)
    ):
        messages.success(request, _("Uw keuzes voor e-mail zijn opgeslagen."))
        return redirect("signaal_voorkeuren", regio_slug=request.regio.slug)
    return render(request, "signalen/voorkeuren.html", {"form": form})


@regio_view(Rol.PROCESREGISSEUR)
@require_POST
def scan(request):
    """The same scan as every morning, for this regio, now."""
    scan_regio.delay(request.regio.pk)
    messages.success(
        request, _("De signalen worden bijgewerkt. Ververs de pagina over een paar seconden.")
    )
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect("signalen", regio_slug=request.regio.slug)
