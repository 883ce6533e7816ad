"""The klantmanager's and procesregisseur's side of a kandidaat's own page, and every
professional's contact card. Dutch only (the kandidaat's pages are in views.py)."""

from io import BytesIO

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisaties.access import ingelogd, naar_regiopagina, of_404, regio_view
from organisaties.forms import verwerk
from organisaties.models import Rol

from . import selectors, services
from .forms_beheer import AfspraakForm, ContactkaartForm, IntrekkingForm, OpenPortaalForm, TaakForm
from .models import Contactkaart, Kanaal
from .views import _gepost

# ---- for the klantmanager and procesregisseur -----------------------------------------------

BEHEER = (Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)


def _beheer(request, pk):
    return of_404(selectors.beheer, user=request.user, regio=request.regio, pk=pk)


@regio_view(*BEHEER)
def beheer(request, pk):
    b = _beheer(request, pk)
    return render(
        request,
        "portaal/beheer.html",
        {
            "b": b,
            "mag_afhandelen": selectors.mag_intrekking_afhandelen(
                request.user, request.regio, b.kandidaat
            ),
        },
    )


@regio_view(*BEHEER)
@require_http_methods(["GET", "POST"])
def openen(request, pk):
    b = _beheer(request, pk)
    keuzes = selectors.contactpersonen(request.regio, b.kandidaat)
    beginwaarden = {
        "email": b.portaal.email if b.portaal else "",
        "contactpersoon": (
            b.portaal.contactpersoon_id
            if b.portaal
            else b.kandidaat.klantmanager_id or request.user.pk
        ),
    }
    form = OpenPortaalForm(_gepost(request), initial=beginwaarden, contactpersonen=keuzes)
    if request.method == "POST" and form.is_valid():
        portaal = services.open_portaal(
            kandidaat=b.kandidaat,
            door=request.user,
            email=form.cleaned_data["email"],
            contactpersoon=form.cleaned_data["contactpersoon"],
        )
        if portaal.email:
            services.stuur_link(portaal=portaal, door=request.user)
            messages.success(
                request, _("De eigen pagina is open. De link is per e-mail verstuurd.")
            )
        else:
            messages.success(
                request, _("De eigen pagina is open. Print nu de brief met de QR-code.")
            )
        return naar_regiopagina(request, "portaal_beheer", pk=pk)
    return render(request, "portaal/openen.html", {"b": b, "form": form})


def _open_portaal(b):
    if b.portaal is None or not b.portaal.open:
        raise Http404
    return b.portaal


@regio_view(*BEHEER)
@require_POST
def link_sturen(request, pk):
    b = _beheer(request, pk)
    portaal = _open_portaal(b)
    if request.POST.get("kanaal") == Kanaal.PAPIER:
        inloglink = services.maak_link(portaal=portaal, kanaal=Kanaal.PAPIER, door=request.user)
        url = services.link_url(inloglink)
        return render(
            request,
            "portaal/brief.html",
            {
                "b": b,
                "link": inloglink,
                "url": url,
                "qr": _qr_svg(url),
                "tweede_taal": portaal.tweede_taal,
            },
        )
    if not portaal.email:
        messages.error(request, _("Er is geen e-mailadres. Print de brief met de QR-code."))
    else:
        services.stuur_link(portaal=portaal, door=request.user)
        messages.success(request, _("Een nieuwe link is per e-mail verstuurd."))
    return naar_regiopagina(request, "portaal_beheer", pk=pk)


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    beeld = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    uit = BytesIO()
    beeld.save(uit)
    svg = uit.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to inline it


@regio_view(*BEHEER)
@require_POST
def pin_wissen(request, pk):
    portaal = _open_portaal(_beheer(request, pk))
    services.zet_pin(portaal=portaal, pin="")
    messages.success(
        request, _("De pincode is gewist. De kandidaat komt binnen met alleen de link.")
    )
    return naar_regiopagina(request, "portaal_beheer", pk=pk)


@regio_view(*BEHEER)
@require_POST
def sluiten(request, pk):
    portaal = _open_portaal(_beheer(request, pk))
    services.sluit_portaal(portaal=portaal, door=request.user)
    messages.success(request, _("De eigen pagina is gesloten. Geen link werkt nog."))
    return naar_regiopagina(request, "portaal_beheer", pk=pk)


@regio_view(*BEHEER)
@require_http_methods(["GET", "POST"])
def afspraak(request, pk):
    b = _beheer(request, pk)
    form = AfspraakForm(_gepost(request), initial={"met": request.user.naam})
    if request.method == "POST" and verwerk(
        form, lambda c: services.plan_afspraak(kandidaat=b.kandidaat, door=request.user, **c)
    ):
        messages.success(request, _("De afspraak staat op de pagina van de kandidaat."))
        return naar_regiopagina(request, "portaal_beheer", pk=pk)
    return render(
        request, "portaal/formulier.html", {"b": b, "form": form, "titel": _("Afspraak maken")}
    )


@regio_view(*BEHEER)
@require_POST
def afspraak_annuleren(request, pk, apk):
    a = of_404(
        selectors.afspraak_van, user=request.user, regio=request.regio, kandidaat_pk=pk, pk=apk
    )
    services.annuleer_afspraak(afspraak=a)
    messages.success(request, _("De afspraak is geannuleerd. Laat het de kandidaat ook weten."))
    return naar_regiopagina(request, "portaal_beheer", pk=pk)


@regio_view(*BEHEER)
@require_http_methods(["GET", "POST"])
def taak(request, pk):
    b = _beheer(request, pk)
    form = TaakForm(_gepost(request))
    if request.method == "POST" and verwerk(
        form, lambda c: services.voeg_taak_toe(kandidaat=b.kandidaat, door=request.user, **c)
    ):
        messages.success(request, _("De taak staat op de pagina van de kandidaat."))
        return naar_regiopagina(request, "portaal_beheer", pk=pk)
    return render(
        request, "portaal/formulier.html", {"b": b, "form": form, "titel": _("Taak toevoegen")}
    )


@regio_view(*BEHEER)
@require_POST
def zelfprofiel_bevestigen(request, pk):
    b = _beheer(request, pk)
    services.bevestig_zelfprofiel(kandidaat=b.kandidaat, door=request.user)
    messages.success(request, _("Bevestigd: u hebt gezien wat de kandidaat zelf invulde."))
    return naar_regiopagina(request, "portaal_beheer", pk=pk)


@regio_view(Rol.KLANTMANAGER)
@require_http_methods(["GET", "POST"])
def intrekking(request, pk, vpk):
    verzoek = of_404(
        selectors.intrekverzoek_van, user=request.user, regio=request.regio, kandidaat_pk=pk, pk=vpk
    )
    form = IntrekkingForm(_gepost(request))
    if request.method == "POST" and form.is_valid():
        services.handel_intrekking_af(verzoek=verzoek, door=request.user, **form.cleaned_data)
        messages.success(request, _("Het verzoek is afgehandeld."))
        return naar_regiopagina(request, "portaal_beheer", pk=pk)
    return render(request, "portaal/intrekking.html", {"verzoek": verzoek, "form": form})


# ---- every professional: their contact card -------------------------------------------------


@ingelogd
@require_http_methods(["GET", "POST"])
def contactkaart(request):
    kaart = Contactkaart.objects.filter(user=request.user).first()
    beginwaarden = {"telefoon": kaart.telefoon, "bereikbaar": kaart.bereikbaar} if kaart else {}
    form = ContactkaartForm(_gepost(request), request.FILES or None, initial=beginwaarden)
    if request.method == "POST" and form.is_valid():
        services.bewaar_contactkaart(
            user=request.user,
            telefoon=form.cleaned_data["telefoon"],
            bereikbaar=form.cleaned_data["bereikbaar"],
            foto=form.cleaned_data["foto"],
            foto_weg=form.cleaned_data["foto_weg"],
        )
        messages.success(request, _("Uw contactkaart is bewaard."))
        return redirect("contactkaart")
    return render(
        request,
        "portaal/contactkaart.html",
        {"form": form, "foto": selectors.pasfoto_url(kaart)},
    )
