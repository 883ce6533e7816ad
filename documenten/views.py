"""Views of the agreements: thin; reads through selectors (which decide visibility), writes
through services. The PDFs are served only here, through the access check (or the signing
link), and every download is logged."""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisaties.access import link_ongeldig, naar_regiopagina, of_404, publiek, regio_view
from organisaties.forms import fouten_naar_formulier, verwerk
from organisaties.paginering import pagineer
from trajecten.models import PartnerRol
from werving import selectors as werving_selectors

from . import gegevens, renderer, selectors, services
from .forms import FORMULIEREN, NieuwDocumentForm, OndertekenForm, VersturenForm
from .models import DocumentSoort, Download, Partij
from .soorten import LINK, soort_van

P, W, K = "procesregisseur", "werkgever", "klantmanager"


def _document(request, pk):
    return of_404(selectors.document_detail, user=request.user, regio=request.regio, pk=pk)


def _herkomst(request) -> dict:
    return {
        "ip": get_client_ip_address(request),
        "user_agent": request.headers.get("User-Agent", ""),
    }


@regio_view(P, W, K)
def documenten(request):
    pagina = pagineer(selectors.documenten_lijst(user=request.user, regio=request.regio), request)
    return render(
        request,
        "documenten/lijst.html",
        {"pagina": pagina, "documenten": selectors.met_stand(pagina.object_list)},
    )


@regio_view(P)
@require_POST
def document_nieuw(request):
    form = NieuwDocumentForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Onbekende keuze."), status=400)
    c = form.cleaned_data
    kwargs = {}
    if c["soort"] == DocumentSoort.INSPANNINGSOVEREENKOMST:
        kwargs["baangarantie"] = of_404(
            werving_selectors.baangarantie,
            user=request.user,
            regio=request.regio,
            pk=c["baangarantie"] or 0,
        )
    else:
        kwargs["deelname"] = of_404(
            werving_selectors.deelname_voor_werving,
            user=request.user,
            regio=request.regio,
            pk=c["deelname"] or 0,
        )
    try:
        document = services.maak_document(soort=c["soort"], door=request.user, **kwargs)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return naar_regiopagina(request, "regio_home")
    return naar_regiopagina(request, "document", pk=document.pk)


@regio_view(P, W, K)
def document(request, pk):
    document = _document(request, pk)
    open_ = selectors.open_versie(document)
    volgende = selectors.volgende_ondertekenaar(open_) if open_ else None
    mag_tekenen = bool(volgende and volgende.via != LINK and request.rollen & volgende.rollen)
    context = {
        "document": document,
        "versies": list(document.versies.all()),
        "open_versie": open_,
        "volgende": volgende,
        "geldende": selectors.geldende_versie(document),
    }
    if P in request.rollen:
        _g, ontbrekend = gegevens.gegevens(document)
        email = document.invoer.get("werkgever_email", "")
        context |= {
            "ontbrekend": ontbrekend,
            "versturen": VersturenForm(initial={"email": email}),
            "link": services.link(open_) if open_ and volgende and volgende.via == LINK else "",
        }
    if mag_tekenen:
        context["ondertekenen"] = _ondertekenformulier(request, volgende.partij)
    return render(request, "documenten/document.html", context)


def _ondertekenformulier(request, partij, data=None):
    if partij == Partij.DEELNEMER:
        return OndertekenForm(
            data,
            initial={"functie": _("Deelnemer")},
            akkoord_label=_(
                "De deelnemer heeft de overeenkomst (met uitleg) gelezen, gaat akkoord en typt "
                "hier zelf de eigen naam, in mijn aanwezigheid."
            ),
            functie_label=_("Als"),
        )
    return OndertekenForm(data, initial={"naam": request.user.naam})


@regio_view(P)
@require_http_methods(["GET", "POST"])
def document_bewerken(request, pk):
    document = _document(request, pk)
    form = FORMULIEREN[document.soort](
        request.POST or None,
        initial=document.invoer,
        gemeenten=selectors.partners_van(document, PartnerRol.GEMEENTE),
        fondsen=selectors.partners_van(document, PartnerRol.OO_FONDS),
    )
    if request.method == "POST" and verwerk(
        form, lambda c: services.bewaar_invoer(document=document, invoer=form.als_invoer())
    ):
        messages.success(request, _("Gegevens van de overeenkomst opgeslagen."))
        return redirect("document", regio_slug=request.regio.slug, pk=document.pk)
    return render(request, "documenten/bewerken.html", {"document": document, "form": form})


@regio_view(P)
def document_voorbeeld(request, pk):
    """The draft in the browser: the same template as the PDF, missing fields marked."""
    document = _document(request, pk)
    terug = reverse("document", kwargs={"regio_slug": request.regio.slug, "pk": document.pk})
    html, _ontbrekend = services.voorbeeld_html(document, door=request.user, terug=terug)
    return HttpResponse(html)


@regio_view(P)
@require_POST
def document_versturen(request, pk):
    document = _document(request, pk)
    form = VersturenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldig e-mailadres in om de link naar te sturen."))
        return naar_regiopagina(request, "document", pk=document.pk)
    opnieuw = request.POST.get("actie") == "opnieuw"
    open_ = selectors.open_versie(document)
    try:
        if opnieuw and open_:
            services.stuur_link(versie=open_)
            bericht = _("De link is opnieuw verstuurd naar %(e)s.") % {"e": open_.verstuurd_naar}
        else:
            versie = services.verstuur(
                document=document, door=request.user, email=form.cleaned_data["email"]
            )
            bericht = _("Versie %(n)s is ter ondertekening verstuurd naar %(e)s.") % {
                "n": versie.nummer,
                "e": versie.verstuurd_naar,
            }
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    except renderer.PdfNietBeschikbaar:
        messages.error(request, _("Op deze server kan nu geen PDF worden gemaakt."))
    else:
        messages.success(request, bericht)
    return naar_regiopagina(request, "document", pk=document.pk)


@regio_view(P, K)
@require_POST
def document_ondertekenen(request, pk):
    document = _document(request, pk)
    open_ = selectors.open_versie(document)
    volgende = selectors.volgende_ondertekenaar(open_) if open_ else None
    form = _ondertekenformulier(request, volgende.partij if volgende else "", request.POST)
    if open_ is None:
        messages.error(request, _("Er is geen versie die op ondertekening wacht."))
    elif form.is_valid():
        try:
            services.onderteken_in_schakel(
                versie=open_, door=request.user, rollen=request.rollen,
                naam=form.cleaned_data["naam"], functie=form.cleaned_data["functie"],
                **_herkomst(request),
            )  # fmt: skip
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        except renderer.PdfNietBeschikbaar:
            messages.error(request, _("Op deze server kan nu geen PDF worden gemaakt."))
        else:
            messages.success(request, _("Ondertekend."))
    else:
        fouten = [e for veld in form.errors.values() for e in veld]
        messages.error(request, " ".join(fouten))
    return naar_regiopagina(request, "document", pk=document.pk)


def _pdf_antwoord(versie, bestand):
    veld = versie.definitief_pdf if bestand == Download.Bestand.DEFINITIEF else versie.pdf
    document = versie.document
    achtervoegsel = "" if bestand == Download.Bestand.DEFINITIEF else "-ter-ondertekening"
    return FileResponse(
        veld.open("rb"),
        as_attachment=False,
        content_type="application/pdf",
        filename=f"{document.soort}-{document.pk}-v{versie.nummer}{achtervoegsel}.pdf",
    )


@regio_view(P, W, K)
def versie_pdf(request, vpk):
    versie = of_404(selectors.versie_voor_download, user=request.user, regio=request.regio, pk=vpk)
    bestand = (
        Download.Bestand.DEFINITIEF if versie.is_ondertekend else Download.Bestand.TER_ONDERTEKENING
    )
    if request.GET.get("bestand") == Download.Bestand.TER_ONDERTEKENING:
        bestand = Download.Bestand.TER_ONDERTEKENING
    services.log_download(
        versie=versie, bestand=bestand, door=request.user, ip=_herkomst(request)["ip"]
    )
    return _pdf_antwoord(versie, bestand)


# ---- the werkgever's signing link (no account) --------------------------------------------


def _link_of_fout(request, token):
    try:
        return services.lees_link(token), None
    except services.LinkOngeldig as ongeldig:
        return None, link_ongeldig(request, ongeldig.reden)


@publiek
@require_http_methods(["GET", "POST"])
def ondertekenen(request, token):
    versie, fout = _link_of_fout(request, token)
    if fout:
        return fout
    form = OndertekenForm(
        request.POST or None,
        initial={
            "naam": versie.gegevens["werkgever"]["ondertekenaar"],
            "functie": versie.gegevens["werkgever"]["functie"],
        },
        akkoord_label=_("Ik heb de overeenkomst gelezen en ga ermee akkoord namens %(werkgever)s.")
        % {"werkgever": versie.document.werkgever.naam},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.onderteken_via_link(
                versie=versie, naam=form.cleaned_data["naam"],
                functie=form.cleaned_data["functie"], **_herkomst(request),
            )  # fmt: skip
        except services.LinkOngeldig as ongeldig:
            return link_ongeldig(request, ongeldig.reden)
        except renderer.PdfNietBeschikbaar:  # pragma: no cover - only the last signer renders
            fouten_naar_formulier(form, ValidationError(_("Probeer het later opnieuw.")))
        else:
            return render(request, "documenten/ondertekend.html", {"versie": versie})
    return render(
        request,
        "documenten/ondertekenen.html",
        {"versie": versie, "form": form, "token": token, "soort": soort_van(versie.document)},
    )


@publiek
def ondertekenen_pdf(request, token):
    versie, fout = _link_of_fout(request, token)
    if fout:
        return fout
    services.log_download(
        versie=versie,
        bestand=Download.Bestand.TER_ONDERTEKENING,
        via_link_naar=versie.verstuurd_naar,
        ip=_herkomst(request)["ip"],
    )
    return _pdf_antwoord(versie, Download.Bestand.TER_ONDERTEKENING)
