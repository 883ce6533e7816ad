"""The kandidaat's pages (/mijn/…), in Dutch with their second language beside it.

The kandidaat's views take who they are from the session (`request.kandidaat`), never from the
URL; the one object id they accept (a task) is looked up among their own.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from organisaties.access import (
    kandidaat_view,
    of_404,
    publiek,
)
from organisaties.paginering import pagineer
from werving.models import Ontvanger

from . import selectors, services, sessie, zelfprofiel
from .forms import LinkForm, NieuweLinkForm, PinForm, TaalForm
from .models import RECHTS_NAAR_LINKS, TweedeTaal

# ---- the kandidaat's pages ------------------------------------------------------------------


def _gepost(request):
    """The posted data, also when empty (an empty form is still a submitted one)."""
    return request.POST if request.method == "POST" else None


def _toon(request, sjabloon, context=None, *, status=200, taal=None):
    """Every page of the kandidaat: their second language (or, before logging in, the one in
    the address) next to the Dutch."""
    if taal is None:
        portaal = getattr(request, "portaal", None)
        taal = portaal.tweede_taal if portaal else request.GET.get("taal", "")
    if taal not in TweedeTaal.values:
        taal = ""
    context = {
        "tweede_taal": taal,
        "tweede_taal_rtl": taal in RECHTS_NAAR_LINKS,
        "talen": [(c, n) for c, n in TweedeTaal.choices if c],
        **(context or {}),
    }
    return render(request, sjabloon, context, status=status)


@publiek
@require_http_methods(["GET", "POST"])
def inloggen(request):
    """How to get in: the link from the e-mail or the letter; or ask for a new link."""
    form = NieuweLinkForm(_gepost(request))
    if request.method == "POST" and form.is_valid():
        services.vraag_nieuwe_link(form.cleaned_data["email"])
        return _toon(request, "portaal/link_gevraagd.html")
    return _toon(
        request,
        "portaal/inloggen.html",
        {
            "form": form,
            "verlopen": request.GET.get("verlopen") == "1",
            "uitgelogd": request.GET.get("uitgelogd") == "1",
        },
    )


def _link_werkt_niet(request, reden):
    return _toon(request, "portaal/link_ongeldig.html", {"reden": reden}, status=410)


@publiek
@require_http_methods(["GET", "POST"])
def link(request, token):
    """Opening the link only shows a button: e-mail scanners that open links must not use it
    up. The POST uses it (with the PIN, if the kandidaat set one)."""
    try:
        inloglink = services.lees_link(token)
    except services.LinkOngeldig as fout:
        return _link_werkt_niet(request, fout.reden)
    form = LinkForm(_gepost(request), met_pin=inloglink.portaal.heeft_pin)
    pogingen_over = None
    if request.method == "POST" and form.is_valid():
        try:
            portaal = services.gebruik_link(token=token, pin=form.cleaned_data.get("pin", ""))
        except services.LinkOngeldig as fout:
            return _link_werkt_niet(request, fout.reden)
        except services.PinFout as fout:
            if not fout.pogingen_over:
                return _link_werkt_niet(
                    request,
                    _(
                        "Je pincode was te vaak niet goed. Deze link werkt niet meer. "
                        "Vraag je contactpersoon om een nieuwe link."
                    ),
                )
            form.add_error("pin", gettext_noop("Deze pincode klopt niet."))
            pogingen_over = fout.pogingen_over
        else:
            sessie.start(request, portaal)
            return redirect("mijn_pagina")
    return _toon(
        request,
        "portaal/link.html",
        {"form": form, "pogingen_over": pogingen_over},
        taal=inloglink.portaal.tweede_taal,
    )


@kandidaat_view
@require_POST
def uitloggen(request):
    sessie.stop(request)
    return redirect(reverse("portaal_inloggen") + "?uitgelogd=1")


@kandidaat_view
def mijn_pagina(request):
    kandidaat = request.kandidaat
    opgeslagen = selectors.zelfprofiel_van(kandidaat)
    return _toon(
        request,
        "portaal/mijn_pagina.html",
        {
            "route": selectors.mijn_route(kandidaat),
            "volgende": selectors.mijn_afspraken(kandidaat)[:2],
            "taken": [t for t in selectors.mijn_taken(kandidaat) if not t.gedaan_op],
            "open_stap": selectors.eerste_open_stap(opgeslagen),
            "stappen_klaar": len(opgeslagen),
            "stappen_totaal": len(zelfprofiel.STAPPEN),
        },
    )


@kandidaat_view
def mijn_afspraken(request):
    eerder = request.GET.get("eerder") == "1"
    regels = selectors.mijn_afspraken(request.kandidaat, eerder=eerder)
    pagina = pagineer(regels, request, per_pagina=10)
    return _toon(
        request,
        "portaal/afspraken.html",
        {
            "pagina": pagina,
            "eerder": eerder,
            "taken": selectors.mijn_taken(request.kandidaat),
        },
    )


@kandidaat_view
@require_POST
def mijn_taak(request, pk):
    taak = of_404(selectors.mijn_taak, kandidaat=request.kandidaat, pk=pk)
    services.zet_taak_gedaan(taak=taak, gedaan=request.POST.get("gedaan") == "ja")
    return redirect("mijn_afspraken")


@kandidaat_view
def mijn_contact(request):
    return _toon(
        request, "portaal/contact.html", {"contacten": selectors.mijn_contacten(request.portaal)}
    )


@kandidaat_view
def mijn_profiel(request):
    opgeslagen = selectors.zelfprofiel_van(request.kandidaat)
    return _toon(
        request,
        "portaal/profiel.html",
        {
            "stappen": [(s, s.code in opgeslagen) for s in zelfprofiel.STAPPEN],
            "open_stap": selectors.eerste_open_stap(opgeslagen),
        },
    )


@kandidaat_view
@require_http_methods(["GET", "POST"])
def mijn_profiel_stap(request, stap):
    gekozen = zelfprofiel.PER_CODE.get(stap)
    if gekozen is None:
        raise Http404
    opgeslagen = selectors.zelfprofiel_van(request.kandidaat)
    bestaand = opgeslagen.get(stap)
    form = gekozen.formulier(_gepost(request), initial=bestaand.antwoorden if bestaand else None)
    if request.method == "POST" and form.is_valid():
        services.bewaar_stap(kandidaat=request.kandidaat, stap=stap, antwoorden=form.cleaned_data)
        # A message id: the page shows it in Dutch and the second language ({% tt %}).
        messages.success(request, gettext_noop("Opgeslagen."))
        volgende = zelfprofiel.volgende(stap)
        if volgende and request.POST.get("verder") == "ja":
            return redirect("mijn_profiel_stap", stap=volgende.code)
        return redirect("mijn_profiel")
    nummer = zelfprofiel.STAPPEN.index(gekozen) + 1
    return _toon(
        request,
        "portaal/profiel_stap.html",
        {
            "stap": gekozen,
            "form": form,
            "nummer": nummer,
            "totaal": len(zelfprofiel.STAPPEN),
            "laatste": zelfprofiel.volgende(stap) is None,
        },
    )


@kandidaat_view
def mijn_toestemming(request):
    delen, niet = selectors.mijn_toestemmingen(request.kandidaat)
    return _toon(request, "portaal/toestemming.html", {"delen": delen, "niet": niet})


@kandidaat_view
@require_http_methods(["GET", "POST"])
def mijn_toestemming_stoppen(request, ontvanger):
    if ontvanger not in Ontvanger.values or not selectors.deelt_met(request.kandidaat, ontvanger):
        raise Http404
    if request.method == "POST":
        services.vraag_intrekking(kandidaat=request.kandidaat, ontvanger=ontvanger)
        messages.success(request, gettext_noop("Je vraag is verstuurd. Je klantmanager belt je."))
        return redirect("mijn_toestemming")
    return _toon(
        request,
        "portaal/toestemming_stoppen.html",
        {"ontvanger": ontvanger, "uitleg": selectors.WAAROM[ontvanger]},
    )


@kandidaat_view
@require_http_methods(["GET", "POST"])
def mijn_taal(request):
    form = TaalForm(_gepost(request), initial={"tweede_taal": request.portaal.tweede_taal})
    if request.method == "POST" and form.is_valid():
        request.portaal.tweede_taal = form.cleaned_data["tweede_taal"]
        request.portaal.save(update_fields=["tweede_taal"])
        return redirect("mijn_pagina")
    return _toon(request, "portaal/taal.html", {"form": form})


@kandidaat_view
@require_http_methods(["GET", "POST"])
def mijn_pincode(request):
    if request.method == "POST" and request.POST.get("actie") == "weg":
        services.zet_pin(portaal=request.portaal, pin="")
        messages.success(request, gettext_noop("Je pincode is weg. Je hebt alleen de link nodig."))
        return redirect("mijn_pagina")
    form = PinForm(_gepost(request))
    if request.method == "POST" and form.is_valid():
        services.zet_pin(portaal=request.portaal, pin=form.cleaned_data["pin"])
        messages.success(request, gettext_noop("Je pincode is bewaard. Onthoud hem goed."))
        return redirect("mijn_pagina")
    return _toon(request, "portaal/pincode.html", {"form": form})
