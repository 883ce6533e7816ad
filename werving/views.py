"""Views of the werving app: the klantmanager portal, intake and selection, werkgevers
(the public step-by-step form, review, baangaranties), matching, and the werkgever's own page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from documenten import renderer
from organisaties.access import link_ongeldig, of_404, publiek, regio_view
from organisaties.export import FORMATEN, export_antwoord
from organisaties.forms import fouten_naar_formulier, verwerk
from organisaties.models import Organisatie, Rol
from organisaties.paginering import pagineer
from organisaties.selectors import contactpersonen, organisaties_van
from organisaties.services import organisatie_met_kvk
from trajecten import selectors as traject_selectors
from trajecten import services as traject_services
from trajecten.models import PartnerRol

from . import forms as werving_forms
from . import inzage, matching, selectors, services
from .forms import (
    MAX_VACATURES,
    STAPPEN,
    AssessmentForm,
    BaangarantieForm,
    BeoordelingForm,
    DubbelAfhandelenForm,
    IntakeForm,
    KandidaatForm,
    VacatureForm,
    VacatureFormSet,
    WerkgeverUitnodigenForm,
    als_querydict,
    stapformulier,
)
from .models import IntakeStatus, Ontvanger

klantmanager = regio_view(Rol.KLANTMANAGER)
procesregie = regio_view(Rol.PROCESREGISSEUR)


# ---- klantmanager portal -----------------------------------------------------------------


@klantmanager
def catalogus(request):
    eigen = selectors.eigen_gemeenten(request.user, request.regio)
    trajecten = selectors.catalogus(user=request.user, regio=request.regio)
    rijen = [
        (
            t,
            any(
                p.rol == PartnerRol.GEMEENTE and p.organisatie_id in eigen for p in t.partners.all()
            ),
        )
        for t in trajecten
    ]
    contact = contactpersonen(regio=request.regio, rol=Rol.PROCESREGISSEUR)
    return render(request, "werving/catalogus.html", {"rijen": rijen, "contact": contact})


@klantmanager
@require_http_methods(["GET", "POST"])
def aanmelden(request, pk):
    traject = of_404(selectors.catalogus_traject, user=request.user, regio=request.regio, pk=pk)
    gemeenten = selectors.eigen_gemeenten_in_traject(
        user=request.user, regio=request.regio, traject=traject
    )
    if not gemeenten.exists():
        messages.error(
            request,
            _(
                "Uw gemeente doet (nog) niet mee in dit traject. Neem contact op met de procesregisseur."
            ),
        )
        return redirect("catalogus", regio_slug=request.regio.slug)
    form = KandidaatForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        try:
            deelname = services.meld_aan(
                traject=traject,
                door=request.user,
                klantmanager=request.user,
                **form.service_argumenten(),
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(
                request,
                _("%(k)s is aangemeld voor %(t)s.") % {"k": deelname.kandidaat, "t": traject},
            )
            return redirect(
                "kandidaat_detail", regio_slug=request.regio.slug, pk=deelname.kandidaat_id
            )
    return render(request, "werving/aanmelden.html", {"traject": traject, "form": form})


@klantmanager
def mijn_kandidaten(request):
    eerder = request.GET.get("toon") == "alle"
    kandidaten = selectors.mijn_kandidaten(
        user=request.user, regio=request.regio, ook_eerder=eerder
    )
    if request.GET.get("formaat") in FORMATEN:
        return _kandidaten_export(request, kandidaten, request.GET["formaat"])
    return render(
        request,
        "werving/mijn_kandidaten.html",
        {"kandidaten": pagineer(kandidaten, request), "eerder": eerder},
    )


def _kandidaten_export(request, kandidaten, formaat):
    """Export of the klantmanager's own kandidaten: names and progress, never the BSN."""
    kandidaten = list(kandidaten)
    kop = [_("Voornaam"), _("Achternaam"), _("Gemeente"), _("Traject"), _("Status"),
           _("Volgende mijlpaal")]  # fmt: skip

    def rijen():
        for k in kandidaten:
            for d in k.zichtbare_deelnames or [None]:
                volgende = d.open_mijlpalen[0] if d and d.open_mijlpalen else None
                yield [
                    k.voornaam, k.achternaam, k.gemeente.naam,
                    d.traject.naam if d else "", d.get_status_display() if d else "",
                    f"{volgende.get_soort_display()} ({volgende.vervaldatum:%d-%m-%Y})" if volgende else "",
                ]  # fmt: skip

    return export_antwoord(
        request, "kandidaten", kop, rijen(), formaat=formaat, kandidaten=kandidaten,
        onderdeel=_("kandidatenlijst"),
    )  # fmt: skip


@regio_view(Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)
def kandidaat_detail(request, pk):
    kandidaat = of_404(selectors.kandidaat_detail, user=request.user, regio=request.regio, pk=pk)
    toon_bsn = request.GET.get("bsn") == "tonen"
    services.leg_raadplegingen_vast(
        request=request,
        kandidaten=[kandidaat],
        soort="bekeken",
        onderdeel=_("kandidaatgegevens met BSN") if toon_bsn else _("kandidaatgegevens"),
    )
    return render(
        request,
        "werving/kandidaat.html",
        {
            "kandidaat": kandidaat,
            "bsn": selectors.bsn_van(user=request.user, regio=request.regio, kandidaat=kandidaat)
            if toon_bsn
            else None,
            "mag_bsn_zien": selectors.mag_bsn_zien(request.user, request.regio, kandidaat),
            "ontvangers": Ontvanger.choices,
            "avg_verzoeken": selectors.avg_verzoeken_van(kandidaat=kandidaat),
            "actief": {
                t.ontvanger for t in kandidaat.toestemmingen.all() if t.ingetrokken_op is None
            },
            "tijdlijnen": [
                (d, traject_selectors.tijdlijn(user=request.user, regio=request.regio, deelname=d))
                for d in kandidaat.deelnames.all()
            ],
        },
    )


@regio_view(Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)
@require_POST
def toestemming(request, pk):
    kandidaat = of_404(selectors.kandidaat_detail, user=request.user, regio=request.regio, pk=pk)
    ontvanger, actie = request.POST.get("ontvanger"), request.POST.get("actie")
    if ontvanger not in Ontvanger.values or actie not in ("geven", "intrekken"):
        return HttpResponse(_("Onbekende keuze."), status=400)
    if actie == "intrekken" and request.POST.get("bevestigd") != "ja":
        # Withdrawing cannot be undone by the klantmanager alone (the kandidaat gives it
        # again): one confirmation step first, a page that works without JavaScript.
        return render(
            request,
            "werving/toestemming_intrekken.html",
            {"kandidaat": kandidaat, "ontvanger": Ontvanger(ontvanger)},
        )
    if actie == "geven":
        services.geef_toestemming(kandidaat=kandidaat, ontvanger=ontvanger, door=request.user)
    else:
        services.trek_toestemming_in(kandidaat=kandidaat, ontvanger=ontvanger, door=request.user)
    messages.success(request, _("Toestemming bijgewerkt."))
    if (
        actie == "intrekken"
        and ontvanger == Ontvanger.PROCESREGISSEUR
        and Rol.KLANTMANAGER not in request.rollen
    ):
        return redirect("traject_lijst", regio_slug=request.regio.slug)
    return redirect("kandidaat_detail", regio_slug=request.regio.slug, pk=kandidaat.pk)


# ---- intake and assessment (procesregisseur) ---------------------------------------------


def _deelname(request, dpk):
    return of_404(selectors.deelname_voor_werving, user=request.user, regio=request.regio, pk=dpk)


def _deelname_formulier(request, dpk, *, form_klasse, bestaand, service, sjabloon, gelukt):
    """Intake and assessment: one record per deelname, saved through its service."""
    deelname = _deelname(request, dpk)
    form = form_klasse(request.POST or None, instance=getattr(deelname, bestaand, None))
    if request.method == "POST" and verwerk(
        form, lambda c: service(deelname=deelname, door=request.user, **c)
    ):
        messages.success(request, gelukt)
        return redirect(
            "deelname_detail",
            regio_slug=request.regio.slug,
            pk=deelname.traject_id,
            dpk=deelname.pk,
        )
    return render(request, sjabloon, {"deelname": deelname, "form": form})


@procesregie
@require_http_methods(["GET", "POST"])
def intake(request, dpk):
    return _deelname_formulier(
        request, dpk, form_klasse=IntakeForm, bestaand="intake", service=services.leg_intake_vast,
        sjabloon="werving/intake.html", gelukt=_("Intake vastgelegd."),
    )  # fmt: skip


@procesregie
@require_http_methods(["GET", "POST"])
def assessment(request, dpk):
    return _deelname_formulier(
        request, dpk, form_klasse=AssessmentForm, bestaand="assessment",
        service=services.leg_assessment_vast, sjabloon="werving/assessment.html",
        gelukt=_("Assessment vastgelegd. Neem nu het selectiebesluit."),
    )  # fmt: skip


# ---- possible duplicates (procesregisseur) -----------------------------------------------


@procesregie
def dubbele_aanmeldingen(request):
    afgehandeld = request.GET.get("toon") == "afgehandeld"
    return render(
        request,
        "werving/dubbele_aanmeldingen.html",
        {
            "dubbelen": selectors.mogelijke_dubbelen(
                user=request.user, regio=request.regio, open_=not afgehandeld
            ),
            "afgehandeld": afgehandeld,
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def dubbel_afhandelen(request, pk):
    dubbel = of_404(selectors.mogelijk_dubbel, user=request.user, regio=request.regio, pk=pk)
    form = DubbelAfhandelenForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form, lambda c: services.handel_dubbel_af(dubbel=dubbel, door=request.user, **c)
    ):
        messages.success(request, _("Melding afgehandeld."))
        return redirect("dubbele_aanmeldingen", regio_slug=request.regio.slug)
    return render(request, "werving/dubbel_afhandelen.html", {"dubbel": dubbel, "form": form})


# ---- werkgevers (procesregisseur) --------------------------------------------------------


@procesregie
def werkgevers(request):
    return render(
        request,
        "werving/werkgevers.html",
        {
            "intakes": selectors.werkgever_intakes(user=request.user, regio=request.regio),
            "vacatures": selectors.vacatures_zichtbaar_voor(
                request.user, request.regio
            ).select_related("werkgever", "traject"),
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def werkgever_uitnodigen(request):
    trajecten = traject_selectors.open_trajecten(user=request.user, regio=request.regio)
    form = WerkgeverUitnodigenForm(request.POST or None, trajecten=trajecten)
    if request.method == "POST" and form.is_valid():
        uitnodiging = services.nodig_werkgever_uit(
            regio=request.regio, door=request.user, **form.cleaned_data
        )
        messages.success(request, _("Link verstuurd naar %(e)s.") % {"e": uitnodiging.email})
        return redirect("werkgevers", regio_slug=request.regio.slug)
    return render(request, "werving/werkgever_uitnodigen.html", {"form": form})


@procesregie
@require_http_methods(["GET", "POST"])
def werkgever_beoordelen(request, pk):
    intake = of_404(selectors.werkgever_intake, user=request.user, regio=request.regio, pk=pk)
    ingevuld = werving_forms.ingevuld(intake)
    bekend = organisatie_met_kvk((ingevuld["bedrijf"] or {}).get("kvk_nummer", ""))
    bekend_in_regio = bool(bekend) and request.regio.organisaties.filter(pk=bekend.pk).exists()
    form = BeoordelingForm(
        request.POST or None, bekende_organisatie=bekend if bekend_in_regio else None
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        vacatures = [
            {k: v for k, v in f.items() if k != "DELETE"}
            for f in (ingevuld["vacatures"] or [])
            if f and not f.get("DELETE")
        ]
        try:
            services.beoordeel_werkgever(
                intake=intake,
                door=request.user,
                akkoord=c["besluit"] == "akkoord",
                gesprek_datum=c["gesprek_datum"],
                gesprek_verslag=c["gesprek_verslag"],
                reden_afwijzing=c["reden_afwijzing"],
                bedrijf=ingevuld["bedrijf"] or {},
                vacatures=vacatures,
                koppel_aan_bestaande=c.get("koppel_aan_bestaande", False),
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            traject = intake.uitnodiging.traject
            if c["besluit"] == "akkoord" and traject is not None:
                # The next step: the werkgever's baangarantie for the round it was invited to.
                messages.success(
                    request,
                    _("De werkgever is goedgekeurd. Leg nu de baangarantie vast."),
                )
                url = reverse("baangaranties", args=[request.regio.slug, traject.pk])
                intake.refresh_from_db()
                if intake.organisatie_id:
                    url += f"?werkgever={intake.organisatie_id}"
                return redirect(url)
            messages.success(request, _("Beoordeling opgeslagen."))
            return redirect("werkgever_beoordelen", regio_slug=request.regio.slug, pk=intake.pk)
    return render(
        request,
        "werving/werkgever_beoordelen.html",
        {
            "intake": intake,
            "ingevuld": ingevuld,
            "bekend": bekend,
            "bekend_in_regio": bekend_in_regio,
            "form": form,
            "link": services.werkgever_link(intake.uitnodiging),
            "open_trajecten": traject_selectors.open_trajecten(
                user=request.user, regio=request.regio
            )
            if intake.status == IntakeStatus.AKKOORD and not intake.uitnodiging.traject_id
            else (),
        },
    )


@procesregie
@require_POST
def werkgever_link_opnieuw(request, pk):
    """Send the werkgever a fresh link again, while the form is being filled in."""
    intake = of_404(selectors.werkgever_intake, user=request.user, regio=request.regio, pk=pk)
    try:
        services.stuur_werkgever_link_opnieuw(uitnodiging=intake.uitnodiging, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request, _("De link is opnieuw verstuurd naar %(e)s.") % {"e": intake.uitnodiging.email}
        )
    return redirect("werkgever_beoordelen", regio_slug=request.regio.slug, pk=intake.pk)


@procesregie
@require_http_methods(["GET", "POST"])
def baangaranties(request, pk):
    traject = of_404(
        traject_selectors.traject_detail, user=request.user, regio=request.regio, pk=pk
    )
    werkgevers_qs = organisaties_van(regio=request.regio, soorten=[Organisatie.Soort.WERKGEVER])
    gekozen = request.GET.get("werkgever", "")  # offered right after approving a werkgever
    form = BaangarantieForm(
        request.POST or None,
        werkgevers=werkgevers_qs,
        initial={"werkgever": int(gekozen)} if gekozen.isdigit() and len(gekozen) < 10 else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.leg_baangarantie_vast(traject=traject, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Baangarantie vastgelegd."))
            return redirect("baangaranties", regio_slug=request.regio.slug, pk=traject.pk)
    return render(
        request,
        "werving/baangaranties.html",
        {"traject": traject, "form": form, "garanties": selectors.baangaranties_van(traject=traject),
         "dekking": selectors.baangarantie_dekking(traject=traject), "indicator": selectors.intake_indicator(traject=traject)},
    )  # fmt: skip


@procesregie
def matching_view(request, pk):
    traject = of_404(
        traject_selectors.traject_detail, user=request.user, regio=request.regio, pk=pk
    )
    vacatures = selectors.open_vacatures_voor_traject(
        user=request.user, regio=request.regio, traject=traject
    )
    rijen = [
        (d, [matching.beoordeel(d, v) for v in vacatures])
        for d in selectors.te_matchen(user=request.user, regio=request.regio, traject=traject)
    ]
    return render(
        request,
        "werving/matching.html",
        {"traject": traject, "rijen": rijen, "vacatures": vacatures},
    )


@procesregie
@require_POST
def koppelen(request, pk, dpk):
    traject = of_404(
        traject_selectors.traject_detail, user=request.user, regio=request.regio, pk=pk
    )
    deelname = of_404(
        traject_selectors.deelname_detail,
        user=request.user,
        regio=request.regio,
        traject=traject,
        pk=dpk,
    )
    vacature = of_404(
        selectors.vacature,
        user=request.user,
        regio=request.regio,
        pk=request.POST.get("vacature") or 0,
    )
    try:
        traject_services.koppel_vacature(deelname=deelname, vacature=vacature, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(
            request, _("%(k)s gekoppeld aan %(v)s.") % {"k": deelname.kandidaat, "v": vacature}
        )
    return redirect("matching", regio_slug=request.regio.slug, pk=traject.pk)


# ---- the werkgever's own page -------------------------------------------------------------


@regio_view(Rol.WERKGEVER)
def mijn_vacatures(request):
    return render(
        request,
        "werving/mijn_vacatures.html",
        {
            "vacatures": selectors.vacatures_zichtbaar_voor(
                request.user, request.regio
            ).select_related("traject"),
            "plaatsingen": selectors.mijn_plaatsingen(user=request.user, regio=request.regio),
        },
    )


# ---- the public werkgever form (no account; a signed link) -------------------------------

MAX_TEKENS = 2000  # per value typed; the longest field of a step allows 2000


def _aantal_vacatures(ruw: dict) -> int:
    try:
        return max(int(ruw.get("vacature-TOTAL_FORMS", ["1"])[0]), 0)
    except ValueError:
        return 1


def _ruwe_invoer(post: QueryDict, klasse) -> dict[str, list[str]]:
    """What a step keeps of a POST, also when it does not validate yet: only the fields the
    step knows (not whatever else is sent), each value cut to a length and without null
    characters (which the JSON column refuses)."""
    if klasse is VacatureFormSet:
        velden = [
            f"vacature-{n}"
            for n in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        ]
        namen = [*VacatureForm.base_fields, "DELETE"]
        velden += [f"vacature-{i}-{naam}" for i in range(MAX_VACATURES) for naam in namen]
    else:
        velden = list(klasse.base_fields)
    return {
        veld: [w.replace("\x00", "")[:MAX_TEKENS] for w in post.getlist(veld)[:MAX_VACATURES]]
        for veld in velden
        if veld in post
    }


def _link_of_fout(request, token):
    try:
        return services.lees_werkgever_link(token), None
    except services.LinkOngeldig as ongeldig:
        return None, link_ongeldig(request, ongeldig.reden)


@publiek
def werkgever_intake(request, token):
    intake, fout = _link_of_fout(request, token)
    if fout:
        return fout
    if intake.status != IntakeStatus.CONCEPT:
        return render(request, "werving/werkgever_klaar.html", {"intake": intake})
    return redirect("werkgever_stap", token=token, stap=intake.stap)


@publiek
@require_http_methods(["GET", "POST"])
def werkgever_stap(request, token, stap):
    intake, fout = _link_of_fout(request, token)
    if fout:
        return fout
    if intake.status != IntakeStatus.CONCEPT:
        return render(request, "werving/werkgever_klaar.html", {"intake": intake})
    if not 1 <= stap <= len(STAPPEN) or stap > intake.stap:
        return redirect("werkgever_stap", token=token, stap=intake.stap)
    code, titel, klasse = STAPPEN[stap - 1]
    actie = request.POST.get("actie", "")

    if request.method == "POST" and klasse is not None:
        ruw = _ruwe_invoer(request.POST, klasse)
        if actie == "extra_vacature":
            aantal = _aantal_vacatures(ruw) + 1
            ruw["vacature-TOTAL_FORMS"] = [str(min(aantal, MAX_VACATURES))]
        form = stapformulier(intake, code, klasse, als_querydict(ruw))
        geldig = actie == "volgende" and form.is_valid()
        volgende = max(intake.stap, stap + 1) if geldig else None
        try:
            services.bewaar_stap(intake=intake, stap=code, ruwe_gegevens=ruw, volgende=volgende)
        except services.LinkOngeldig:  # sent in meanwhile (another tab): nothing to save
            intake.refresh_from_db()
            return render(request, "werving/werkgever_klaar.html", {"intake": intake})
        if actie == "vorige":
            return redirect("werkgever_stap", token=token, stap=stap - 1)
        if geldig:
            return redirect("werkgever_stap", token=token, stap=stap + 1)
    elif request.method == "POST":  # the last step: send it in
        if actie == "vorige":
            return redirect("werkgever_stap", token=token, stap=stap - 1)
        for nummer, (stapcode, _t, stapklasse) in enumerate(STAPPEN[:-1], start=1):
            if not stapformulier(
                intake, stapcode, stapklasse, als_querydict(intake.gegevens(stapcode))
            ).is_valid():
                messages.error(request, _("Deze stap is nog niet compleet."))
                return redirect("werkgever_stap", token=token, stap=nummer)
        services.dien_in(intake=intake)
        return redirect("werkgever_intake", token=token)
    else:
        opgeslagen = intake.gegevens(code)
        form = (
            stapformulier(intake, code, klasse, als_querydict(opgeslagen) if opgeslagen else None)
            if klasse
            else None
        )

    context = {
        "intake": intake, "token": token, "stap": stap, "titel": titel, "form": form, "code": code,
        "stappen": [(i, t) for i, (_c, t, _k) in enumerate(STAPPEN, start=1)],
        "ingevuld": werving_forms.ingevuld(intake) if klasse is None else None,
        "uitnodiger": intake.uitnodiging.uitgenodigd_door,
        "telefoon": selectors.telefoon_van(intake.uitnodiging.uitgenodigd_door),
    }  # fmt: skip
    return render(request, "werving/werkgever_stap.html", context)


KORTE_REGELS_PER_PAGINA = 50  # the access log and the AVG requests: short rows, more a page


@regio_view(Rol.BEHEERDER)
def raadplegingen(request):
    """The access log (who looked at or exported which kandidaat, when and why), for the
    beheerder: filtered and paginated; kandidaten by number only."""
    personen = selectors.raadplegers(user=request.user, regio=request.regio)
    form = werving_forms.RaadplegingFilterForm(request.GET or None, personen=personen)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rijen = selectors.raadplegingen(
        user=request.user, regio=request.regio, **{k: v for k, v in filters.items() if v}
    )
    pagina = pagineer(rijen, request, per_pagina=KORTE_REGELS_PER_PAGINA)
    return render(request, "werving/raadplegingen.html", {"form": form, "pagina": pagina})


def _inzage(request, pk, formaat):
    kandidaat = of_404(selectors.kandidaat_detail, user=request.user, regio=request.regio, pk=pk)
    # Logged first, so the export lists its own making among the looks at the data.
    services.leg_raadplegingen_vast(
        request=request,
        kandidaten=[kandidaat],
        soort="inzageverzoek",
        onderdeel=_("alle gegevens (%(formaat)s)") % {"formaat": formaat.upper()},
    )
    return kandidaat, inzage.inzage(user=request.user, regio=request.regio, kandidaat=kandidaat)


@regio_view(Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)
def inzage_json(request, pk):
    """An inzageverzoek (AVG art. 15): everything on one kandidaat, machine-readable."""
    kandidaat, gegevens = _inzage(request, pk, "json")
    return JsonResponse(
        gegevens,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
        headers={"Content-Disposition": f'attachment; filename="inzage-{kandidaat.pk}.json"'},
    )


@regio_view(Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)
def inzage_pdf(request, pk):
    """The same as a PDF to hand to the kandidaat."""
    kandidaat, gegevens = _inzage(request, pk, "pdf")
    # The template takes lists of rows everywhere; the kandidaat and each deelname are one row.
    g = {**gegevens, "kandidaat_als_lijst": [gegevens["kandidaat"]]}
    g["deelnames"] = [{**d, "deelname_als_lijst": [d["deelname"]]} for d in gegevens["deelnames"]]
    html = render_to_string("werving/inzage_pdf.html", {"g": g}, request=request)
    return renderer.pdf_download(
        html,
        f"inzage-{kandidaat.pk}.pdf",
        anders=_("PDF is op deze server niet beschikbaar; gebruik de JSON."),
    )


@regio_view(Rol.KLANTMANAGER, Rol.PROCESREGISSEUR)
@require_http_methods(["GET", "POST"])
def avg_verzoek_nieuw(request, pk):
    """Records a correction or erasure request of a kandidaat the user may see."""
    kandidaat = of_404(selectors.kandidaat_detail, user=request.user, regio=request.regio, pk=pk)
    form = werving_forms.AvgVerzoekForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.leg_avg_verzoek_vast(kandidaat=kandidaat, door=request.user, **c),
    ):
        messages.success(request, _("Het verzoek is vastgelegd; de procesregisseur beslist."))
        return redirect("kandidaat_detail", regio_slug=request.regio.slug, pk=kandidaat.pk)
    return render(request, "werving/avg_verzoek_nieuw.html", {"kandidaat": kandidaat, "form": form})


@regio_view(Rol.PROCESREGISSEUR)
def avg_verzoeken(request):
    pagina = pagineer(
        selectors.avg_verzoeken(user=request.user, regio=request.regio),
        request,
        per_pagina=KORTE_REGELS_PER_PAGINA,
    )
    pagina.object_list = selectors.met_kandidaat_namen(
        user=request.user, regio=request.regio, verzoeken=pagina.object_list
    )
    return render(request, "werving/avg_verzoeken.html", {"pagina": pagina})


@regio_view(Rol.PROCESREGISSEUR)
@require_http_methods(["GET", "POST"])
def avg_verzoek_beslissen(request, pk):
    verzoek = of_404(selectors.avg_verzoek, user=request.user, regio=request.regio, pk=pk)
    form = werving_forms.AvgBesluitForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.beslis_avg_verzoek(
            verzoek=verzoek,
            door=request.user,
            toewijzen=c["besluit"] == "toewijzen",
            reden=c["reden"],
        ),
    ):
        messages.success(request, _("Het besluit is vastgelegd."))
        return redirect("avg_verzoeken", regio_slug=request.regio.slug)
    return render(request, "werving/avg_verzoek.html", {"verzoek": verzoek, "form": form})
