"""Views of overzicht: the procesregisseur's overview of every round, the panels of the other
roles' homes (loaded with htmx), the search, the reports and the charts. Read only."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documenten import renderer
from organisaties.access import ALLE_ROLLEN, ingelogd, of_404, regio_view
from organisaties.export import export_antwoord
from organisaties.models import Rol
from organisaties.paginering import pagineer
from trajecten.models import Branche, TrajectStatus

from . import grafieken, rapport, selectors
from .forms import ZoekForm

P, K, F, W, B = Rol.PROCESREGISSEUR, Rol.KLANTMANAGER, Rol.FINANCIER, Rol.WERKGEVER, Rol.BEGELEIDER
OPL = Rol.OPLEIDER
STATUSFILTER = [("lopend", gettext_lazy("Lopend")), *TrajectStatus.choices]


PANELEN_PER_PAGINA = 10  # each panel draws a chart: rendering, not SQL, is its cost


@regio_view(P)
def trajecten(request):
    """Every round in one look: phase, group, funnel, on track or at risk, what is late, the
    risks, the fund. As a home panel (htmx) and as a page with filters."""
    branche = request.GET.get("branche", "")
    status = request.GET.get("status", "lopend")
    if branche not in Branche.values:
        branche = ""
    if status not in dict(STATUSFILTER):
        status = ""
    pagina = pagineer(
        selectors.panelen_trajecten(
            user=request.user, regio=request.regio, branche=branche, status=status
        ),
        request,
        per_pagina=PANELEN_PER_PAGINA,
    )
    panelen = selectors.traject_panelen(user=request.user, regio=request.regio, rijen=pagina)
    for p in panelen:
        p.grafiek = grafieken.staven([(s.label, s.aantal, str(s.aantal)) for s in p.trechter])
    context = {
        "panelen": panelen,
        "pagina": pagina,
        "branche": branche,
        "status": status,
        "branches": Branche.choices,
        "statussen": STATUSFILTER,
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "overzicht/_trajecten.html", context)
    return render(request, "overzicht/trajecten.html", context)


@regio_view(P)
def rondes(request):
    reeksen = selectors.rondes_vergeleken(user=request.user, regio=request.regio)
    for reeks in reeksen:
        reeks.succes_grafiek = grafieken.staven(
            [(_("Ronde %(n)s") % {"n": r.traject.ronde}, r.succes,
              "–" if r.succes is None else f"{r.succes}%") for r in reeks.rondes]
        )  # fmt: skip
        reeks.duur_grafiek = grafieken.staven(
            [(_("Ronde %(n)s") % {"n": r.traject.ronde}, r.doorlooptijd_dagen,
              "–" if r.doorlooptijd_dagen is None else _("%(d)s dagen") % {"d": r.doorlooptijd_dagen})
             for r in reeks.rondes]
        )  # fmt: skip
    return render(
        request, "overzicht/rondes.html", {"reeksen": reeksen, "doel": selectors.SUCCES_DOEL}
    )


@regio_view(ALLE_ROLLEN)
def zoeken(request):
    """A kandidaat by name (within what the role may see), a werkgever by name (procesregisseur)."""
    form = ZoekForm(request.GET or None)
    vraag = form.vraag() if form.is_bound else ""
    deelnemers = werkgevers = None
    if len(vraag) >= 2:
        deelnemers = pagineer(
            selectors.zoek_deelnemers(user=request.user, regio=request.regio, vraag=vraag), request
        )
        if P in request.rollen:
            werkgevers = selectors.zoek_werkgevers(regio=request.regio, vraag=vraag)[:25]
    return render(
        request,
        "overzicht/zoeken.html",
        {"form": form, "vraag": vraag, "pagina": deelnemers, "werkgevers": werkgevers},
    )


# ---- the panels of the homes ----------------------------------------------------------------


@regio_view(K)
def paneel_klantmanager(request):
    from financiering import selectors as financiering_selectors

    kandidaten, aantal = selectors.kandidaten_met_volgende_stap(
        user=request.user, regio=request.regio
    )
    for k in kandidaten:
        k.volgende = min(
            (m for d in k.zichtbare_deelnames for m in d.open_mijlpalen),
            key=lambda m: m.vervaldatum,
            default=None,
        )
    return render(
        request,
        "overzicht/_paneel_klantmanager.html",
        {"kandidaten": kandidaten, "aantal": aantal,
         "te_beoordelen": financiering_selectors.te_beoordelen(user=request.user, regio=request.regio).count()},
    )  # fmt: skip


@regio_view(F)
def paneel_financier(request):
    from financiering import selectors as financiering_selectors

    trajecten = financiering_selectors.financiering_trajecten(
        user=request.user, regio=request.regio
    )
    return render(
        request,
        "overzicht/_paneel_financier.html",
        {"rijen": financiering_selectors.financiering_rijen(regio=request.regio, trajecten=trajecten[:10]),
         "aantal": trajecten.count(),
         "fondsen": financiering_selectors.fondsen_zichtbaar_voor(request.user, request.regio)},
    )  # fmt: skip


@regio_view(W)
def paneel_werkgever(request):
    from werving import selectors as werving_selectors

    vacatures = werving_selectors.vacatures_zichtbaar_voor(request.user, request.regio)
    plaatsingen = werving_selectors.mijn_plaatsingen(user=request.user, regio=request.regio)
    return render(
        request,
        "overzicht/_paneel_werkgever.html",
        {"open_vacatures": vacatures.filter(status="open").count(),
         "plaatsingen": plaatsingen.count(),
         "evaluaties": selectors.komende_evaluaties(user=request.user, regio=request.regio)},
    )  # fmt: skip


@regio_view(OPL)
def paneel_opleider(request):
    from begeleiding import selectors as begeleiding_selectors

    sessies = begeleiding_selectors.te_registreren_sessies(user=request.user, regio=request.regio)
    return render(
        request,
        "overzicht/_paneel_opleider.html",
        {"sessies": sessies[:10], "aantal_sessies": sessies.count(),
         "modules": selectors.ontbrekende_resultaten(user=request.user, regio=request.regio)},
    )  # fmt: skip


@regio_view(B)
def paneel_begeleider(request):
    from begeleiding import selectors as begeleiding_selectors

    deelnames, aantal = selectors.caseload_met_laatste_contact(
        user=request.user, regio=request.regio
    )
    vervolg = begeleiding_selectors.open_vervolgacties(user=request.user, regio=request.regio)
    return render(
        request,
        "overzicht/_paneel_begeleider.html",
        {"deelnames": deelnames, "aantal": aantal, "vervolg": vervolg[:10],
         "aantal_vervolg": vervolg.count(), "vandaag": timezone.localdate()},
    )  # fmt: skip


# ---- reports --------------------------------------------------------------------------------


def _rapport(request, pk):
    return of_404(rapport.trajectrapportage, user=request.user, regio=request.regio, pk=pk)


@regio_view(P, F)
def rapportage(request, pk):
    r = _rapport(request, pk)
    return render(request, "overzicht/rapportage.html", {"r": r, "pdf": False})


def _rapportage_export(request, pk, formaat):
    # Figures of the round only, no personal data: nothing for the access log.
    r = _rapport(request, pk)
    naam = f"trajectrapportage-{r.traject.pk}"
    return export_antwoord(request, naam, *rapport.als_tabel(r), formaat=formaat)


@regio_view(P, F)
def rapportage_csv(request, pk):
    return _rapportage_export(request, pk, "csv")


@regio_view(P, F)
def rapportage_xlsx(request, pk):
    return _rapportage_export(request, pk, "xlsx")


@regio_view(P, F)
def rapportage_pdf(request, pk):
    r = _rapport(request, pk)
    html = render_to_string(
        "overzicht/rapportage_pdf.html",
        {"r": r, "pdf": True, "regio": request.regio, "gemaakt_op": timezone.localtime()},
        request=request,
    )
    return renderer.pdf_download(
        html,
        f"trajectrapportage-{r.traject.pk}.pdf",
        anders=_("PDF is op deze server niet beschikbaar; gebruik de CSV."),
    )


@regio_view(P, F)
def fondsverloop(request, fonds_pk):
    """A fund's balance over time, as a chart with its table (htmx panel of the fund page)."""
    from financiering import selectors as financiering_selectors

    fonds = of_404(financiering_selectors.fonds_detail, user=request.user, regio=request.regio,
                   pk=fonds_pk)  # fmt: skip
    punten = selectors.fondssaldo_over_tijd(regio=request.regio, fonds=fonds)
    return render(
        request,
        "overzicht/_fondsverloop.html",
        {"fonds": fonds, "grafiek": grafieken.lijn(punten), "punten": punten},
    )


@ingelogd
def fondsen_over_regios(request):
    """For a financier with memberships in several regio's: what its fund puts in, gets back and
    achieves, per regio and round — amounts and counts only, no personal data."""
    return render(
        request,
        "overzicht/fondsen_over_regios.html",
        {"regios": selectors.financiering_over_regios(user=request.user)},
    )
