"""Views of financing: thin; every read through selectors (which decide visibility per role),
every write through services.

Who sees what (BELEID in tests/test_toegangsmatrix.py): the procesregisseur everything; a
financier their funds and the trajecten they finance, claims without personal data beyond
initials; a klantmanager the claims of their gemeente (approve or reject) and the business case.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documenten import renderer
from organisaties.access import naar_regiopagina, of_404, regio_view
from organisaties.export import csv_antwoord, export_antwoord
from organisaties.forms import fouten_naar_formulier, verwerk
from organisaties.models import Organisatie, Rol
from organisaties.paginering import pagineer
from trajecten.models import Traject

from . import businesscase, selectors, services
from .forms import (
    AfspraakForm,
    BegrotingForm,
    BeoordelingForm,
    BetalingForm,
    BoekingForm,
    BusinesscaseForm,
    DekkingFormSet,
    FinanciersbetalingForm,
    OpnieuwIndienenForm,
    RedenForm,
    RegelFormSet,
    SpecificatieForm,
    UitgaveCorrectieForm,
    UitgaveForm,
    VorderingFilterForm,
)
from .models import Vordering, VorderingSoort, VorderingStatus
from .templatetags.geld import getal_tekst

P, F, K = Rol.PROCESREGISSEUR, Rol.FINANCIER, Rol.KLANTMANAGER


def _traject(request, pk) -> Traject:
    return of_404(selectors.traject_detail, user=request.user, regio=request.regio, pk=pk)


def _vordering(request, pk) -> Vordering:
    return of_404(selectors.vordering_detail, user=request.user, regio=request.regio, pk=pk)


def _fonds(request, fonds_pk) -> Organisatie:
    return of_404(selectors.fonds_detail, user=request.user, regio=request.regio, pk=fonds_pk)


# ---- Overview ------------------------------------------------------------------------------


@regio_view(P, F, K)
def overzicht(request):
    gebruiker, regio, rollen = request.user, request.regio, request.rollen
    eerder = request.GET.get("toon") == "alle"
    pagina = (
        pagineer(
            selectors.financiering_trajecten(user=gebruiker, regio=regio, ook_eerder=eerder),
            request,
        )
        if P in rollen
        else None
    )
    context = {
        "eerder": eerder,
        "pagina": pagina,
        "trajecten": selectors.financiering_rijen(regio=regio, trajecten=pagina) if pagina else [],
        "fondsen": selectors.fondsen_zichtbaar_voor(gebruiker, regio) if rollen & {P, F} else [],
        "eigen_rondes": selectors.financier_overzicht_rijen(
            user=gebruiker, regio=regio, ook_eerder=eerder
        )
        if F in rollen
        else [],
    }
    if K in rollen:
        # The oldest few; the claims list has them all, a page at a time.
        wachtend = selectors.te_beoordelen(user=gebruiker, regio=regio)
        context["te_beoordelen"] = selectors.met_labels(
            user=gebruiker, regio=regio, vorderingen=wachtend[:OP_HET_OVERZICHT]
        )
        context["te_beoordelen_aantal"] = wachtend.count()
    if P in rollen:
        # The newest few; the claims list has them all, a page at a time.
        wachtend = selectors.vorderingen(
            user=gebruiker, regio=regio, status=VorderingStatus.GOEDGEKEURD
        )
        context["open_betalingen"] = selectors.met_labels(
            user=gebruiker, regio=regio, vorderingen=wachtend[:OP_HET_OVERZICHT]
        )
        context["open_betalingen_aantal"] = wachtend.count()
    return render(request, "financiering/overzicht.html", context)


OP_HET_OVERZICHT = 10


# ---- Per traject ---------------------------------------------------------------------------


@regio_view(P, F)
def traject(request, pk):
    """The procesregisseur sees everything of the round; a financier the round's totals and
    coverage, its own lines, rules and statement, and (for the fund) the claims and the fund's
    bookings: nothing of another financier."""
    t = _traject(request, pk)
    afspraak = selectors.afspraak_van(t)
    saldi = selectors.traject_saldi(regio=request.regio, traject_ids=[t.pk]).get(
        t.pk, selectors.Saldi()
    )
    starters = selectors.starters_per_traject([t.pk]).get(t.pk, 0)
    break_even, groep, gepland = selectors.break_even(
        traject=t, afspraak=afspraak, saldi=saldi, starters=starters
    )
    regisseur = P in request.rollen
    financiers = selectors.financiers_van_traject(
        user=request.user, regio=request.regio, traject=t, afspraak=afspraak
    )
    eigen = {s.financier.pk for s in financiers}
    regels = list(afspraak.regels.all()) if afspraak else []
    dekkingsregels = selectors.dekkingsregels_van(afspraak)
    if not regisseur:
        regels = [r for r in regels if r.financier_id in eigen]
        dekkingsregels = [r for r in dekkingsregels if r.financier_id in eigen]
    fondsen = {f.pk for f in selectors.fondsen_zichtbaar_voor(request.user, request.regio)}
    return render(
        request,
        "financiering/traject.html",
        {
            "traject": t,
            "afspraak": afspraak,
            "regels": regels,
            "dekkingsregels": dekkingsregels,
            "financiers": financiers,
            "saldi": saldi,
            "dekking": selectors.dekking(traject=t, saldi=saldi),
            "break_even": break_even,
            "break_even_groep": groep,
            "break_even_gepland": gepland,
            "kosten": selectors.kosten(traject=t) if regisseur else None,
            "uitgaven": selectors.uitgaven_van(traject=t) if regisseur else [],
            "vorderingen": selectors.vordering_lijst(
                user=request.user, regio=request.regio, traject_id=t.pk
            ),
            "boekingen": [
                b
                for b in selectors.traject_boekingen(regio=request.regio, traject=t)
                if b.fonds_id in fondsen
            ],
            "toon_fonds": regisseur or (afspraak is not None and afspraak.fonds_id in fondsen),
            "mag_bewerken": regisseur,
        },
    )


def _afspraak_fouten(form, formset, paren, fout: ValidationError) -> list[str]:
    """Puts the service's messages next to the fields: "regels.<i>.<veld>" on line i (index
    into the lines the service received), other keys on the agreement form. Returns the
    messages about the lines as a whole."""
    algemeen: list[str] = []
    if not hasattr(fout, "error_dict"):
        form.add_error(None, fout)
        return algemeen
    for sleutel, fouten in fout.error_dict.items():
        regel = re.fullmatch(r"regels\.(\d+)\.(\w+)", sleutel)
        if regel:
            form_index = paren[int(regel[1])][0]
            formset.forms[form_index].add_error(regel[2], fouten)
        elif sleutel == "regels":
            algemeen.extend(m for e in fouten for m in e.messages)
        else:
            form.add_error(sleutel if sleutel in form.fields else None, fouten)
    return algemeen


@regio_view(P)
@require_http_methods(["GET", "POST"])
def afspraak_bewerken(request, pk):
    t = _traject(request, pk)
    afspraak = selectors.afspraak_van(t)
    initial, regels = {}, []
    if afspraak:
        initial = {
            "soort": afspraak.soort,
            "fonds": afspraak.fonds_id,
            "penvoerder": afspraak.penvoerder_id,
            "verantwoording": afspraak.verantwoording,
            "verantwoording_uiterlijk": afspraak.verantwoording_uiterlijk,
            "toelichting": afspraak.toelichting,
        }
        regels = [
            {
                "financier": r.financier_id,
                "voorfinanciering": r.voorfinanciering,
                "start_per_kandidaat": r.start_per_kandidaat,
                "resultaat_1_per_kandidaat": r.resultaat_1_per_kandidaat,
                "resultaat_2_per_kandidaat": r.resultaat_2_per_kandidaat,
                "aandeel_procent": r.aandeel_procent,
                "in_natura": r.in_natura,
            }
            for r in afspraak.regels.all()
        ]
    else:
        fondsen = [p.organisatie for p in t.partners.all() if p.rol == "oo_fonds"]
        if len(fondsen) == 1 and fondsen[0].soort == Organisatie.Soort.OO_FONDS:
            initial["fonds"] = fondsen[0].pk
    data = request.POST if request.method == "POST" else None
    form = AfspraakForm(data, regio=request.regio, initial=initial)
    formset = RegelFormSet(
        data, initial=regels, prefix="regels", form_kwargs={"regio": request.regio}
    )
    regel_fouten: list[str] = []
    if data is not None and form.is_valid() and formset.is_valid():
        paren = formset.regels()
        try:
            services.leg_afspraak_vast(
                traject=t,
                door=request.user,
                regels=[regel for _i, regel in paren],
                **form.cleaned_data,
            )
        except ValidationError as fout:
            regel_fouten = _afspraak_fouten(form, formset, paren, fout)
        else:
            messages.success(request, _("Financieringsafspraak opgeslagen."))
            return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(
        request,
        "financiering/afspraak.html",
        {"traject": t, "form": form, "formset": formset, "regel_fouten": regel_fouten},
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def begroting_bewerken(request, pk):
    t = _traject(request, pk)
    form = BegrotingForm(request.POST or None, initial=selectors.begroting_van(traject=t))
    if request.method == "POST" and form.is_valid():
        try:
            services.zet_begroting(traject=t, door=request.user, bedragen=form.bedragen())
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Begroting opgeslagen."))
            return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(
        request,
        "financiering/begroting.html",
        {"traject": t, "form": form, "kosten": selectors.kosten(traject=t)},
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def uitgave_toevoegen(request, pk):
    t = _traject(request, pk)
    financiers = selectors.financiers_van_afspraak(selectors.afspraak_van(t))
    form = UitgaveForm(request.POST or None, financiers=financiers)
    if request.method == "POST" and form.is_valid():
        try:
            services.boek_uitgave(traject=t, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Uitgave geboekt."))
            return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(request, "financiering/uitgave.html", {"traject": t, "form": form})


@regio_view(P)
@require_http_methods(["GET", "POST"])
def uitgave_corrigeren(request, pk, upk):
    t = _traject(request, pk)
    uitgave = of_404(selectors.uitgave_detail, traject=t, pk=upk)
    form = UitgaveCorrectieForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form, lambda c: services.corrigeer_uitgave(uitgave=uitgave, door=request.user, **c)
    ):
        messages.success(request, _("Uitgave gecorrigeerd; de toerekening is bijgewerkt."))
        return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(
        request,
        "financiering/uitgave_corrigeren.html",
        {"traject": t, "uitgave": uitgave, "form": form},
    )


def _dekking_fouten(formset, paren, fout: ValidationError) -> list[str]:
    """The service's messages next to the field of the rule they are about; the rest on top."""
    algemeen: list[str] = []
    if not hasattr(fout, "error_dict"):
        return list(fout.messages)
    for sleutel, fouten in fout.error_dict.items():
        regel = re.fullmatch(r"regels\.(\d+)\.(\w+)", sleutel)
        if regel:
            formset.forms[paren[int(regel[1])][0]].add_error(regel[2], fouten)
        else:
            algemeen.extend(m for e in fouten for m in e.messages)
    return algemeen


@regio_view(P)
@require_http_methods(["GET", "POST"])
def dekking_bewerken(request, pk):
    t = _traject(request, pk)
    afspraak = selectors.afspraak_van(t)
    initial = [
        {
            "financier": r.financier_id,
            "categorie": r.categorie,
            "procent": r.procent,
            "maximum": r.maximum,
            "in_natura": r.in_natura,
        }
        for r in selectors.dekkingsregels_van(afspraak)
    ]
    data = request.POST if request.method == "POST" else None
    formset = DekkingFormSet(
        data, initial=initial, prefix="dekking", form_kwargs={"regio": request.regio}
    )
    fouten: list[str] = []
    if data is not None and formset.is_valid():
        paren = formset.regels()
        try:
            services.leg_dekking_vast(
                traject=t, door=request.user, regels=[regel for _i, regel in paren]
            )
        except ValidationError as fout:
            fouten = _dekking_fouten(formset, paren, fout)
        else:
            messages.success(request, _("Dekking opgeslagen; de kosten zijn opnieuw toegerekend."))
            return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(
        request,
        "financiering/dekking.html",
        {"traject": t, "afspraak": afspraak, "formset": formset, "fouten": fouten},
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def financiersbetaling_toevoegen(request, pk):
    t = _traject(request, pk)
    financiers = selectors.financiers_van_afspraak(selectors.afspraak_van(t))
    form = FinanciersbetalingForm(request.POST or None, financiers=financiers)
    if request.method == "POST" and verwerk(
        form, lambda c: services.boek_financiersbetaling(traject=t, door=request.user, **c)
    ):
        messages.success(request, _("Betaling van de financier geboekt."))
        return naar_regiopagina(request, "financiering_traject", pk=t.pk)
    return render(
        request,
        "financiering/financiersbetaling.html",
        {"traject": t, "form": form, "heeft_financiers": bool(financiers)},
    )


# ---- The statement per financier per round ---------------------------------------------------


def _financiersoverzicht(request, pk, fpk):
    t = _traject(request, pk)
    return of_404(
        selectors.financiersoverzicht,
        user=request.user,
        regio=request.regio,
        traject=t,
        financier_pk=fpk,
    )


@regio_view(P, F)
def financiersoverzicht(request, pk, fpk):
    return render(
        request,
        "financiering/financiersoverzicht.html",
        {"o": _financiersoverzicht(request, pk, fpk)},
    )


@regio_view(P, F)
def financiersoverzicht_csv(request, pk, fpk):
    o = _financiersoverzicht(request, pk, fpk)
    kop = [_("Traject"), _("Financier"), _("Uitgave"), _("Datum"), _("Categorie"),
           _("Versie"), _("Soort"), _("In natura"), _("Bedrag")]  # fmt: skip
    rijen = [
        [
            o.traject.naam,
            o.stand.financier.naam,
            b.uitgave.nummer,
            b.uitgave.datum,
            b.get_categorie_display(),
            b.versie,
            _("tegenboeking") if b.tegenboeking_van_id else _("toerekening"),
            _("ja") if b.in_natura else _("nee"),
            getal_tekst(b.bedrag),
        ]
        for b in o.boekingen
    ]
    totalen = [
        (_("Afgesproken (geld)"), o.stand.afgesproken),
        (_("Afgesproken (in natura)"), o.stand.afgesproken_natura),
        (_("Toegerekend (geld)"), o.stand.toegerekend),
        (_("In natura"), o.stand.natura),
        (_("Betaald"), o.stand.betaald),
        (_("Nog open"), o.stand.open),
    ]
    rijen += [[o.traject.naam, o.stand.financier.naam, naam, "", "", "", "", "", getal_tekst(b)]
              for naam, b in totalen]  # fmt: skip
    return csv_antwoord(f"financier-{o.stand.financier.pk}-traject-{o.traject.pk}.csv", kop, rijen)


@regio_view(P, F)
def financiersoverzicht_pdf(request, pk, fpk):
    o = _financiersoverzicht(request, pk, fpk)
    context = {"o": o, "regio": request.regio, "gemaakt_op": timezone.localtime()}
    html = render_to_string("financiering/financiersoverzicht_pdf.html", context, request=request)
    try:
        inhoud = renderer.render_pdf(html)
    except renderer.PdfNietBeschikbaar:
        return render(request, "financiering/pdf_niet_beschikbaar.html", {"overzicht": o})
    naam = f"financier-{o.stand.financier.pk}-traject-{o.traject.pk}.pdf"
    return HttpResponse(
        inhoud,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


# ---- Claims --------------------------------------------------------------------------------


@regio_view(P, F, K)
def vordering_lijst(request):
    gemeenten = selectors.gemeenten_zichtbaar_voor(request.user, request.regio)
    form = VorderingFilterForm(request.GET or None, gemeenten=gemeenten)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    gemeente = filters.get("gemeente")
    vorderingen = selectors.vorderingen(
        user=request.user,
        regio=request.regio,
        status=filters.get("status") or None,
        gemeente_id=gemeente.pk if gemeente else None,
    )
    pagina = pagineer(vorderingen, request)
    return render(
        request,
        "financiering/vorderingen.html",
        {
            "pagina": pagina,
            "vorderingen": selectors.met_labels(
                user=request.user, regio=request.regio, vorderingen=pagina.object_list
            ),
            "filter": form,
            "totaal": selectors.som_bedragen(vorderingen),
        },
    )


@regio_view(P, F, K)
def vordering_detail(request, pk):
    v = _vordering(request, pk)
    return render(
        request,
        "financiering/vordering.html",
        {
            "vordering": v,
            "boekingen": selectors.vordering_boekingen(vordering=v),
            "mag_beoordelen": selectors.mag_beoordelen(request.user, request.regio, v),
            "is_regisseur": P in request.rollen,
        },
    )


@regio_view(K)
@require_http_methods(["GET", "POST"])
def vordering_beoordelen(request, pk):
    v = _vordering(request, pk)
    if not selectors.mag_beoordelen(request.user, request.regio, v):
        raise PermissionDenied
    form = BeoordelingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        akkoord = form.cleaned_data["besluit"] == "akkoord"
        if (
            not akkoord
            and form.cleaned_data["reden"].strip()
            and request.POST.get("bevestigd") != "ja"
        ):
            # Rejecting cannot be undone here: one confirmation step first (works without JS).
            return render(
                request,
                "financiering/beoordelen.html",
                {"vordering": v, "form": form, "bevestigen": True},
            )
        try:
            services.beoordeel_vordering(
                vordering=v, door=request.user, akkoord=akkoord, reden=form.cleaned_data["reden"]
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(
                request,
                _("Vordering %(n)s goedgekeurd.") % {"n": v.nummer}
                if akkoord
                else _("Vordering %(n)s afgewezen.") % {"n": v.nummer},
            )
            return naar_regiopagina(request, "financiering_overzicht")
    return render(request, "financiering/beoordelen.html", {"vordering": v, "form": form})


def _vordering_actie(request, pk, *, form_klasse, service, kan_status, titel, gelukt, uitleg=""):
    """One page per step of a claim after its approval: the form, the service, the message."""
    v = _vordering(request, pk)
    form = form_klasse(request.POST or None)
    if request.method == "POST" and verwerk(
        form, lambda c: service(vordering=v, door=request.user, **c)
    ):
        messages.success(request, gelukt % {"n": v.nummer})
        return naar_regiopagina(request, "vordering_detail", pk=v.pk)
    return render(
        request,
        "financiering/vordering_actie.html",
        {
            "vordering": v,
            "form": form,
            "titel": titel,
            "knop": titel,
            "kan": v.status == kan_status,
            "uitleg": uitleg,
        },
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def vordering_opnieuw(request, pk):
    return _vordering_actie(
        request,
        pk,
        form_klasse=OpnieuwIndienenForm,
        service=services.dien_opnieuw_in,
        kan_status=VorderingStatus.AFGEWEZEN,
        titel=_("Opnieuw indienen"),
        gelukt=_("Vordering %(n)s opnieuw ingediend."),
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def vordering_betaling(request, pk):
    return _vordering_actie(
        request,
        pk,
        form_klasse=BetalingForm,
        service=services.registreer_betaling,
        kan_status=VorderingStatus.GOEDGEKEURD,
        titel=_("Betaling registreren"),
        gelukt=_("Betaling van %(n)s geregistreerd."),
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def betaling_terugdraaien(request, pk):
    return _vordering_actie(
        request,
        pk,
        form_klasse=RedenForm,
        service=services.draai_betaling_terug,
        kan_status=VorderingStatus.BETAALD,
        titel=_("Betaling terugdraaien"),
        gelukt=_("Betaling van %(n)s teruggedraaid."),
        uitleg=_(
            "Er komt een tegenboeking in het fonds; de oorspronkelijke boeking blijft "
            "zichtbaar. De vordering wacht daarna weer op betaling."
        ),
    )


# ---- Specification per gemeente per period --------------------------------------------------


def _specificatie(request):
    gemeenten = selectors.gemeenten_zichtbaar_voor(request.user, request.regio)
    form = SpecificatieForm(request.GET, gemeenten=gemeenten)
    if not form.is_valid():
        return form, None
    c = form.cleaned_data
    groepen = selectors.specificatie(
        user=request.user, regio=request.regio, van=c["van"], tot=c["tot"], gemeente=c["gemeente"]
    )
    return form, groepen


@regio_view(P, F, K)
def specificatie(request):
    form, groepen = _specificatie(request)
    return render(
        request,
        "financiering/specificatie.html",
        {"form": form, "groepen": groepen, "query": request.GET.urlencode()},
    )


def _terug_naar_formulier(request):
    url = reverse("specificatie", kwargs={"regio_slug": request.regio.slug})
    return redirect(f"{url}?{request.GET.urlencode()}")


def _specificatie_export(request, formaat):
    form, groepen = _specificatie(request)
    if groepen is None:
        return _terug_naar_formulier(request)
    c = form.cleaned_data
    kop = [_("Gemeente"), _("Vordering"), _("Traject"), _("Kandidaat"), _("Soort"),
           _("Verdiend op"), _("Status"), _("Bedrag"), _("Betaald op")]  # fmt: skip
    vorderingen = [(groep, v) for groep in groepen for v in groep.vorderingen]
    rijen = (
        [
            groep.gemeente.naam,
            v.nummer,
            v.traject.naam,
            v.deelnemer_label,
            v.get_soort_display(),
            v.verdiend_op,
            v.get_status_display(),
            # CSV: the Dutch notation as text; XLSX: a number the spreadsheet can add up.
            getal_tekst(v.bedrag) if formaat == "csv" else v.bedrag,
            v.betaald_op,
        ]  # fmt: skip
        for groep, v in vorderingen
    )
    return export_antwoord(
        request,
        f"specificatie-{c['van']:%Y%m%d}-{c['tot']:%Y%m%d}",
        kop,
        rijen,
        formaat=formaat,
        kandidaten=selectors.kandidaten_van([v for _g, v in vorderingen]),
        onderdeel=_("specificatie van vorderingen"),
    )


@regio_view(P, F, K)
def specificatie_csv(request):
    return _specificatie_export(request, "csv")


@regio_view(P, F, K)
def specificatie_xlsx(request):
    return _specificatie_export(request, "xlsx")


@regio_view(P, F, K)
def specificatie_pdf(request):
    form, groepen = _specificatie(request)
    if groepen is None:
        return _terug_naar_formulier(request)
    context = {
        "form": form,
        "groepen": groepen,
        "regio": request.regio,
        "gemaakt_op": timezone.localtime(),
        "soorten": VorderingSoort.choices,
    }
    html = render_to_string("financiering/specificatie_pdf.html", context, request=request)
    try:
        inhoud = renderer.render_pdf(html)
    except renderer.PdfNietBeschikbaar:
        return render(
            request,
            "financiering/pdf_niet_beschikbaar.html",
            {"query": request.GET.urlencode()},
        )
    c = form.cleaned_data
    naam = f"specificatie-{c['van']:%Y%m%d}-{c['tot']:%Y%m%d}.pdf"
    return HttpResponse(
        inhoud,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


# ---- The revolving fund --------------------------------------------------------------------


@regio_view(P, F)
def fonds_detail(request, fonds_pk):
    fonds = _fonds(request, fonds_pk)
    eerder = request.GET.get("toon") == "alle"
    return render(
        request,
        "financiering/fonds.html",
        {
            "eerder": eerder,
            "stand": selectors.fonds_stand(
                user=request.user, regio=request.regio, fonds=fonds, ook_eerder=eerder
            ),
            "pagina": pagineer(selectors.boekingen_van(regio=request.regio, fonds=fonds), request),
            "doel": (selectors.DOEL_MIN, selectors.DOEL_MAX),
        },
    )


BOEKSERVICES = {
    "inleg": services.boek_inleg,
    "voorfinanciering": services.boek_voorfinanciering,
    "overdracht": services.boek_overdracht,
}


@regio_view(P, F)
@require_http_methods(["GET", "POST"])
def boeking_nieuw(request, fonds_pk):
    fonds = _fonds(request, fonds_pk)
    trajecten = selectors.boekbare_trajecten(user=request.user, regio=request.regio)
    form = BoekingForm(request.POST or None, trajecten=trajecten)
    if request.method == "POST" and form.is_valid():
        c = dict(form.cleaned_data)
        soort = c.pop("soort")
        if soort == "inleg":
            c.pop("traject")
        try:
            BOEKSERVICES[soort](regio=request.regio, fonds=fonds, door=request.user, **c)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Boeking vastgelegd."))
            return naar_regiopagina(request, "fonds_detail", fonds_pk=fonds.pk)
    return render(
        request,
        "financiering/boeking.html",
        {
            "fonds": fonds,
            "form": form,
            "beschikbaar": selectors.saldo(regio=request.regio, fonds=fonds, rekening="kas"),
        },
    )


@regio_view(P, F)
@require_http_methods(["GET", "POST"])
def boeking_corrigeren(request, fonds_pk, bpk):
    fonds = _fonds(request, fonds_pk)
    boeking = of_404(selectors.boeking_detail, regio=request.regio, fonds=fonds, pk=bpk)
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.corrigeer_boeking(boeking=boeking, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Tegenboeking vastgelegd."))
            return naar_regiopagina(request, "fonds_detail", fonds_pk=fonds.pk)
    return render(
        request,
        "financiering/corrigeren.html",
        {"fonds": fonds, "boeking": boeking, "form": form},
    )


# ---- Business case -------------------------------------------------------------------------


@regio_view(P, K)
def businesscase_view(request):
    eerder = request.GET.get("toon") == "alle"
    gegevens = request.GET.copy()
    gegevens.pop("toon", None)
    form = BusinesscaseForm(gegevens or None)
    invoer = form.invoer() if form.is_bound and form.is_valid() else None
    if not form.is_bound:
        invoer = businesscase.SEED_GROTE_GEMEENTE
    uitkomst = businesscase.bereken(invoer) if invoer else None
    werkelijk = (
        selectors.businesscase_werkelijk(
            user=request.user,
            regio=request.regio,
            uitkering_per_jaar=invoer.uitkering_per_jaar,
            maanden=invoer.maanden,
            ook_eerder=eerder,
        )
        if invoer
        else []
    )
    return render(
        request,
        "financiering/businesscase.html",
        {"form": form, "invoer": invoer, "uitkomst": uitkomst, "werkelijk": werkelijk,
         "eerder": eerder},
    )  # fmt: skip
