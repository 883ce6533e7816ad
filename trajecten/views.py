"""Views of the procesregisseur for trajecten: thin, every read via selectors, every write via
services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from begeleiding import selectors as begeleiding_selectors
from organisaties.access import naar_regiopagina, of_404, regio_view
from organisaties.forms import fouten_naar_formulier, verwerk
from organisaties.models import Rol
from organisaties.paginering import pagineer
from werving import selectors as werving_selectors
from werving import services as werving_services

from . import selectors, services, workflow
from .forms import (
    AnnuleerForm,
    ChecklistStapForm,
    DeelnameOvergangForm,
    DeelnemerForm,
    FasebordFilter,
    HerstartForm,
    NieuweRondeForm,
    OngedaanForm,
    ResultaatForm,
    TrajectForm,
    TrajectOvergangForm,
)
from .models import Deelname, DeelnameStatus, StapStatus, Traject, TrajectStatus
from .opstart import vroegste_werving_start

procesregie = regio_view(Rol.PROCESREGISSEUR)


def _traject(request, pk) -> Traject:
    return of_404(selectors.traject_detail, user=request.user, regio=request.regio, pk=pk)


def _deelname(request, traject, dpk) -> Deelname:
    return of_404(
        selectors.deelname_detail, user=request.user, regio=request.regio, traject=traject, pk=dpk
    )


@procesregie
def traject_lijst(request):
    return render(
        request,
        "trajecten/lijst.html",
        {
            "trajecten": pagineer(
                selectors.traject_lijst(user=request.user, regio=request.regio), request
            ),
            "kpi": selectors.kpi_regio(user=request.user, regio=request.regio),
        },
    )


def _gekozen_branche(request) -> dict:
    """With htmx the branche select asks the page again with `?branche=…` (the beroepen follow)."""
    branche = request.GET.get("branche")
    return {"branche": branche} if branche else {}


@procesregie
@require_http_methods(["GET", "POST"])
def traject_nieuw(request):
    form = TrajectForm(
        request.POST or None,
        regio=request.regio,
        initial=_gekozen_branche(request),
        branche_url=request.path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            traject = services.maak_traject(
                regio=request.regio, door=request.user, **form.service_argumenten()
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Traject aangemaakt. Werk nu de opstartchecklist af."))
            return naar_regiopagina(request, "traject_detail", pk=traject.pk)
    return render(request, "trajecten/formulier.html", {"form": form, "titel": _("Nieuw traject")})


@procesregie
@require_http_methods(["GET", "POST"])
def traject_bewerken(request, pk):
    traject = _traject(request, pk)
    form = TrajectForm(
        request.POST or None,
        regio=request.regio,
        traject=traject,
        initial=_gekozen_branche(request),
        branche_url=request.path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_traject(traject=traject, door=request.user, **form.service_argumenten())
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Traject opgeslagen."))
            return naar_regiopagina(request, "traject_detail", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {"form": form, "traject": traject, "titel": _("Traject bewerken")},
    )


@procesregie
def traject_detail(request, pk):
    traject = _traject(request, pk)
    voortgang = selectors.checklist_voortgang(traject=traject)
    volgende_ronde = selectors.volgende_ronde(traject)
    stap = selectors.volgende_stap(traject, voortgang, volgende_ronde)
    return render(
        request,
        "trajecten/detail.html",
        {
            "traject": traject,
            "volgende_stap": stap
            and (
                stap.label,
                reverse(stap.url_naam, kwargs={"regio_slug": request.regio.slug, **stap.kwargs}),
            ),
            "kpi": selectors.kpi_traject(user=request.user, regio=request.regio, traject=traject),
            "mijlpalen": selectors.mijlpalen_van(
                user=request.user, regio=request.regio, traject=traject
            ),
            "voortgang": voortgang,
            "tijdlijn": selectors.tijdlijn(
                user=request.user,
                regio=request.regio,
                traject=traject,
                limiet=None if "tijdlijn" in request.GET else 25,
            ),
            "volgende_ronde": volgende_ronde,
            "dekking": werving_selectors.baangarantie_dekking(traject=traject),
            "indicator": werving_selectors.intake_indicator(traject=traject),
            "kan_annuleren": TrajectStatus.GEANNULEERD
            in workflow.TRAJECT_OVERGANGEN[traject.status],
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def traject_overgang(request, pk, naar):
    traject = _traject(request, pk)
    if naar not in TrajectStatus.values:
        raise Http404
    if naar == TrajectStatus.GEANNULEERD:
        return naar_regiopagina(request, "traject_annuleren", pk=traject.pk)
    form = TrajectOvergangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verplaats_traject(
                traject=traject, naar=naar, door=request.user, reden=form.cleaned_data["reden"]
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(
                request, _("Traject is nu: %(s)s.") % {"s": TrajectStatus(naar).label.lower()}
            )
            return naar_regiopagina(request, "traject_detail", pk=traject.pk)
    return render(
        request,
        "trajecten/traject_overgang.html",
        {
            "traject": traject,
            "naar": naar,
            "label": workflow.TRAJECT_ACTIES.get(naar, naar),
            "form": form,
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def traject_annuleren(request, pk):
    """Stopping a round asks what happens to each active deelnemer."""
    traject = _traject(request, pk)
    deelnames = selectors.te_stoppen(user=request.user, regio=request.regio, traject=traject)
    form = AnnuleerForm(
        request.POST or None,
        deelnames=deelnames,
        labels={d.pk: d.deelnemer_label for d in deelnames},
    )
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.annuleer_traject(
            traject=traject, door=request.user, **form.service_argumenten()
        ),
    ):
        messages.success(request, _("Het traject is gestopt."))
        return naar_regiopagina(request, "traject_detail", pk=traject.pk)
    return render(
        request,
        "trajecten/annuleren.html",
        {"traject": traject, "form": form, "deelnames": deelnames},
    )


@procesregie
@require_http_methods(["GET", "POST"])
def nieuwe_ronde(request, pk):
    traject = _traject(request, pk)
    form = NieuweRondeForm(
        request.POST or None, initial={"start": vroegste_werving_start(timezone.localdate())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.start_nieuwe_ronde(
                traject=traject, door=request.user, start=form.cleaned_data["start"]
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("Ronde %(r)d aangemaakt.") % {"r": nieuw.ronde})
            return naar_regiopagina(request, "traject_detail", pk=nieuw.pk)
    return render(
        request,
        "trajecten/nieuwe_ronde.html",
        {
            "traject": traject,
            "form": form,
            "wachtlijst": selectors.wachtlijst(
                user=request.user, regio=request.regio, traject=traject
            ),
        },
    )


@procesregie
def checklist(request, pk):
    traject = _traject(request, pk)
    leden = selectors.leden_voor_eigenaarschap(regio=request.regio)
    rollen = selectors.rollen_van_leden(regio=request.regio)
    stappen = selectors.checklist(traject=traject)
    alleen_open = request.GET.get("toon") == "open"
    if alleen_open:
        stappen = [stap for stap in stappen if stap.status == StapStatus.OPEN]
    rijen = [
        (
            stap,
            ChecklistStapForm(
                prefix=f"stap{stap.pk}",
                leden=leden,
                rollen=rollen,
                initial={
                    "status": stap.status,
                    "reden_nvt": stap.reden_nvt,
                    "eigenaar": stap.eigenaar_id,
                    "deadline": stap.deadline,
                },
            ),
        )
        for stap in stappen
    ]
    return render(
        request,
        "trajecten/checklist.html",
        {"traject": traject, "rijen": rijen, "alleen_open": alleen_open},
    )


@procesregie
@require_http_methods(["GET", "POST"])
def checkliststap(request, pk, stap_pk):
    traject = _traject(request, pk)
    stap = of_404(
        selectors.checkliststap, user=request.user, regio=request.regio, traject=traject, pk=stap_pk
    )
    leden = selectors.leden_voor_eigenaarschap(regio=request.regio)
    initial = {
        "status": stap.status,
        "reden_nvt": stap.reden_nvt,
        "eigenaar": stap.eigenaar_id,
        "deadline": stap.deadline,
    }
    form = ChecklistStapForm(
        request.POST or None,
        prefix=f"stap{stap.pk}",
        leden=leden,
        rollen=selectors.rollen_van_leden(regio=request.regio),
        initial=initial,
    )
    opgeslagen = False
    if request.method == "POST" and form.is_valid():
        try:
            stap = services.werk_checkliststap_bij(
                stap=stap, door=request.user, **form.cleaned_data
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            opgeslagen = True
            if not request.htmx:
                messages.success(request, _("Stap opgeslagen: %(t)s") % {"t": stap.titel})
                return redirect(
                    reverse(
                        "checklist", kwargs={"regio_slug": request.regio.slug, "pk": traject.pk}
                    )
                    + f"#stap-{stap.pk}"
                )
    context = {"traject": traject, "stap": stap, "form": form, "opgeslagen": opgeslagen}
    sjabloon = "trajecten/_checkliststap.html" if request.htmx else "trajecten/checkliststap.html"
    return render(request, sjabloon, context)


@procesregie
def fasebord(request, pk):
    traject = _traject(request, pk)
    filter_ = FasebordFilter(request.GET or None, traject=traject)
    return render(
        request,
        "trajecten/bord.html",
        {
            "traject": traject,
            "filter": filter_,
            "kolommen": selectors.fasebord(
                user=request.user, regio=request.regio, traject=traject, **filter_.keuze()
            ),
            "herstartbaar": sorted(workflow.EINDSTATUSSEN - {DeelnameStatus.AFGEROND}),
            "zonder_begeleiding": begeleiding_selectors.zonder_begeleiding(traject=traject),
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def deelnemer_toevoegen(request, pk):
    traject = _traject(request, pk)
    form = DeelnemerForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        try:
            deelname = werving_services.meld_aan(
                traject=traject, door=request.user, **form.service_argumenten()
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            messages.success(request, _("%(k)s is aangemeld.") % {"k": deelname.kandidaat})
            return naar_regiopagina(request, "fasebord", pk=traject.pk)
    return render(request, "trajecten/deelnemer_toevoegen.html", {"traject": traject, "form": form})


@procesregie
def deelname_detail(request, pk, dpk):
    traject = _traject(request, pk)
    deelname = _deelname(request, traject, dpk)
    return render(
        request,
        "trajecten/deelname.html",
        {
            "traject": traject,
            "deelname": deelname,
            "acties": selectors.acties(deelname),
            "ongedaan_te_maken": selectors.kan_ongedaan_maken(request.user, deelname),
            "mijlpalen": deelname.mijlpalen.order_by("vervaldatum", "pk"),
            "tijdlijn": selectors.tijdlijn(
                user=request.user, regio=request.regio, deelname=deelname
            ),
        },
    )


@procesregie
@require_http_methods(["GET", "POST"])
def deelname_overgang(request, pk, dpk, naar):
    traject = _traject(request, pk)
    deelname = _deelname(request, traject, dpk)
    if naar not in DeelnameStatus.values:
        raise Http404
    form = DeelnameOvergangForm(request.POST or None, deelname=deelname, naar=naar)
    if request.method == "POST" and form.is_valid():
        try:
            d = services.verplaats_deelname(
                deelname=deelname,
                naar=naar,
                door=request.user,
                gegevens=form.gegevens(),
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as fout:
            fouten_naar_formulier(form, fout)
        else:
            if d.gepland_naar:
                messages.success(
                    request,
                    _("%(k)s: %(s)s gepland per %(datum)s, de startdatum van het contract.")
                    % {
                        "k": deelname.kandidaat,
                        "s": DeelnameStatus(naar).label.lower(),
                        "datum": d.gepland_op.strftime("%d-%m-%Y"),
                    },
                )
            else:
                messages.success(
                    request,
                    _("%(k)s: %(s)s.")
                    % {"k": deelname.kandidaat, "s": DeelnameStatus(naar).label.lower()},
                )
            return naar_regiopagina(request, "fasebord", pk=traject.pk)
    context = {
        "traject": traject,
        "deelname": deelname,
        "naar": naar,
        "label": workflow.actie_label(deelname, naar)
        if naar in workflow.ACTIES
        else DeelnameStatus(naar).label,
        "form": form,
    }
    sjabloon = "trajecten/_overgang_form.html" if request.htmx else "trajecten/overgang.html"
    return render(request, sjabloon, context, status=200)


@procesregie
@require_http_methods(["GET", "POST"])
def deelname_ongedaan(request, pk, dpk):
    """Undo the last step, by who made it and shortly after (services.maak_ongedaan)."""
    traject = _traject(request, pk)
    deelname = _deelname(request, traject, dpk)
    form = OngedaanForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.maak_ongedaan(deelname=deelname, door=request.user, reden=c["reden"]),
    ):
        messages.success(
            request, _("%(k)s: de stap is ongedaan gemaakt.") % {"k": deelname.kandidaat}
        )
        return naar_regiopagina(request, "fasebord", pk=traject.pk)
    context = {
        "traject": traject,
        "deelname": deelname,
        "form": form,
        "laatste": selectors.laatste_overgang(deelname),
    }
    sjabloon = "trajecten/_ongedaan_form.html" if request.htmx else "trajecten/ongedaan.html"
    return render(request, sjabloon, context)


@procesregie
@require_http_methods(["GET", "POST"])
def deelname_resultaat(request, pk, dpk):
    traject = _traject(request, pk)
    deelname = _deelname(request, traject, dpk)
    form = ResultaatForm(
        request.POST or None,
        initial={
            "vca_behaald_op": deelname.vca_behaald_op,
            "vakopleiding_afgerond_op": deelname.vakopleiding_afgerond_op,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.registreer_resultaat(deelname=deelname, door=request.user, **form.cleaned_data)
        messages.success(request, _("Resultaat vastgelegd."))
        return naar_regiopagina(request, "deelname_detail", pk=traject.pk, dpk=deelname.pk)
    return render(
        request,
        "trajecten/resultaat.html",
        {"traject": traject, "deelname": deelname, "form": form},
    )


@procesregie
@require_http_methods(["GET", "POST"])
def mijlpaal_afronden(request, pk, mpk):
    traject = _traject(request, pk)
    mijlpaal = of_404(
        selectors.mijlpaal, user=request.user, regio=request.regio, traject=traject, pk=mpk
    )
    fout = None
    if request.method == "POST":
        try:
            services.rond_mijlpaal_af(mijlpaal=mijlpaal, door=request.user)
        except ValidationError as e:
            fout = e.messages[0]
        else:
            messages.success(request, _("Mijlpaal afgerond."))
            return naar_regiopagina(request, "traject_detail", pk=traject.pk)
    return render(
        request,
        "trajecten/mijlpaal_afronden.html",
        {"traject": traject, "mijlpaal": mijlpaal, "fout": fout},
    )


@procesregie
@require_http_methods(["GET", "POST"])
def herstart(request, pk, dpk):
    traject = _traject(request, pk)
    deelname = _deelname(request, traject, dpk)
    open_trajecten = selectors.open_trajecten(user=request.user, regio=request.regio).exclude(
        pk=traject.pk
    )
    form = HerstartForm(request.POST or None, trajecten=open_trajecten)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.herstart(deelname=deelname, traject=c["traject"], door=request.user),
    ):
        messages.success(
            request,
            _("%(k)s is aangemeld voor %(t)s.")
            % {"k": deelname.kandidaat, "t": form.cleaned_data["traject"]},
        )
        return naar_regiopagina(request, "fasebord", pk=form.cleaned_data["traject"].pk)
    return render(
        request, "trajecten/herstart.html", {"traject": traject, "deelname": deelname, "form": form}
    )
