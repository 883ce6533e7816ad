"""Views of begeleiding: modules (procesregisseur, opleider of the module), the begeleiding
dossier of a deelnemer (procesregisseur, the deelnemer's begeleiders), caseload and sessions."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from organisaties.access import of_404, regio_view
from organisaties.export import export_antwoord
from organisaties.forms import verwerk
from organisaties.models import Organisatie, Rol
from organisaties.paginering import pagineer
from organisaties.selectors import organisaties_van
from trajecten import selectors as traject_selectors
from werving import services as werving_services

from . import selectors, services
from .forms import (
    ContactmomentForm,
    EvaluatieForm,
    KoppelingForm,
    ModuleForm,
    NazorgForm,
    NotitieForm,
    PresentieForm,
    ResultaatForm,
    SessieForm,
)

# Who may give a module: not a gemeente or werkgever (their trainings are given by others).
S = Organisatie.Soort
AANBIEDERSOORTEN = [S.OPLEIDER, S.OO_FONDS, S.DIENSTVERLENER, S.RWC_WSP, S.SUBSIDIEGEVER]
P, OPL, B = Rol.PROCESREGISSEUR, Rol.OPLEIDER, Rol.BEGELEIDER


# ---- modules -----------------------------------------------------------------------------


@regio_view(P)
@require_http_methods(["GET", "POST"])
def modules(request, pk):
    traject = of_404(
        traject_selectors.traject_detail, user=request.user, regio=request.regio, pk=pk
    )
    aanbieders = organisaties_van(regio=request.regio, soorten=AANBIEDERSOORTEN)
    form = ModuleForm(request.POST or None, aanbieders=aanbieders)
    if request.method == "POST" and verwerk(
        form, lambda c: services.voeg_module_toe(traject=traject, door=request.user, **c)
    ):
        messages.success(request, _("Module toegevoegd."))
        return redirect("modules", regio_slug=request.regio.slug, pk=traject.pk)
    return render(
        request, "begeleiding/modules.html",
        {"traject": traject, "form": form, "modules": selectors.modules_van_traject(user=request.user, regio=request.regio, traject=traject)},
    )  # fmt: skip


@regio_view(P, OPL)
@require_http_methods(["GET", "POST"])
def module(request, mpk):
    m = of_404(selectors.module, user=request.user, regio=request.regio, pk=mpk)
    form = SessieForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form, lambda c: services.plan_sessie(module=m, door=request.user, **c)
    ):
        messages.success(request, _("Sessie gepland."))
        return redirect("module", regio_slug=request.regio.slug, mpk=m.pk)
    return render(
        request, "begeleiding/module.html",
        {"module": m, "form": form, "sessies": m.sessies.all(), "vandaag": timezone.localdate(),
         "deelnemers": [] if m.voor_werkgevers else selectors.deelnemers_van_module(user=request.user, regio=request.regio, module=m)},
    )  # fmt: skip


@regio_view(P, OPL)
@require_http_methods(["GET", "POST"])
def presentie(request, spk):
    sessie = of_404(selectors.sessie, user=request.user, regio=request.regio, pk=spk)
    if sessie.datum > timezone.localdate():
        # Attendance of a session that has not taken place cannot be recorded yet.
        return render(request, "begeleiding/presentie.html", {"sessie": sessie, "toekomst": True})
    deelnemers = selectors.deelnemers_voor_presentie(
        user=request.user, regio=request.regio, sessie=sessie
    )
    form = PresentieForm(
        request.POST or None, deelnames=deelnemers, bestaand=selectors.presentie_van(sessie=sessie)
    )
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.leg_presentie_vast(
            sessie=sessie, door=request.user, aanwezigheid=form.aanwezigheid()
        ),
    ):
        messages.success(request, _("Presentie opgeslagen."))
        return redirect("module", regio_slug=request.regio.slug, mpk=sessie.module_id)
    return render(request, "begeleiding/presentie.html", {"sessie": sessie, "form": form})


@regio_view(P, OPL)
@require_http_methods(["GET", "POST"])
def resultaat(request, mpk, dpk):
    m = of_404(selectors.module, user=request.user, regio=request.regio, pk=mpk)
    deelname = next(
        (
            d
            for d in selectors.deelnemers_van_module(
                user=request.user, regio=request.regio, module=m
            )
            if d.pk == dpk
        ),
        None,
    )
    if deelname is None or m.voor_werkgevers:
        raise Http404
    bestaand = deelname.resultaat_hier[0] if deelname.resultaat_hier else None
    form = ResultaatForm(request.POST or None, request.FILES or None, instance=bestaand)
    if request.method == "POST" and verwerk(
        form,
        lambda c: services.leg_resultaat_vast(module=m, deelname=deelname, door=request.user, **c),
    ):
        messages.success(request, _("Resultaat opgeslagen."))
        return redirect("module", regio_slug=request.regio.slug, mpk=m.pk)
    return render(
        request, "begeleiding/resultaat.html", {"module": m, "deelname": deelname, "form": form}
    )


@regio_view(P, OPL)
def sessies(request):
    return render(
        request, "begeleiding/sessies.html",
        {"te_registreren": pagineer(selectors.te_registreren_sessies(user=request.user, regio=request.regio), request),
         "komend": selectors.komende_sessies(user=request.user, regio=request.regio)},
    )  # fmt: skip


# ---- the begeleiding dossier of a deelnemer ----------------------------------------------


def _dossier(request, dpk):
    return of_404(selectors.dossier_deelname, user=request.user, regio=request.regio, pk=dpk)


def _dossier_context(request, deelname, **formulieren):
    evaluaties = list(deelname.evaluaties.all())
    return {
        "deelname": deelname,
        "laatste_evaluatie": evaluaties[-1] if evaluaties else None,
        "notities": selectors.vertrouwelijke_notities(
            user=request.user, regio=request.regio, deelname=deelname
        ),
        "mag_vertrouwelijk": selectors.mag_vertrouwelijk_lezen(
            request.user, request.regio, deelname
        ),
        "contact_form": formulieren.get("contact_form") or ContactmomentForm(regio=request.regio),
        "notitie_form": formulieren.get("notitie_form") or NotitieForm(),
    }


@regio_view(P, B)
def dossier(request, dpk):
    deelname = _dossier(request, dpk)
    werving_services.leg_raadplegingen_vast(
        request=request,
        kandidaten=[deelname.kandidaat_id],
        soort="bekeken",
        onderdeel=_("begeleidingsdossier"),
    )
    return render(request, "begeleiding/dossier.html", _dossier_context(request, deelname))


@regio_view(P, B)
@require_http_methods(["GET", "POST"])
def contactmoment(request, dpk):
    deelname = _dossier(request, dpk)
    form = ContactmomentForm(request.POST or None, regio=request.regio)
    if request.method == "POST" and verwerk(
        form, lambda c: services.leg_contactmoment_vast(deelname=deelname, door=request.user, **c)
    ):
        messages.success(request, _("Contactmoment vastgelegd."))
        return redirect("dossier", regio_slug=request.regio.slug, dpk=deelname.pk)
    return render(
        request, "begeleiding/dossier.html", _dossier_context(request, deelname, contact_form=form)
    )


@regio_view(P, B)
@require_http_methods(["GET", "POST"])
def notitie(request, dpk):
    deelname = _dossier(request, dpk)
    form = NotitieForm(request.POST or None)
    if request.method == "POST" and verwerk(
        form, lambda c: services.schrijf_notitie(deelname=deelname, door=request.user, **c)
    ):
        messages.success(request, _("Notitie opgeslagen."))
        return redirect("dossier", regio_slug=request.regio.slug, dpk=deelname.pk)
    return render(
        request, "begeleiding/dossier.html", _dossier_context(request, deelname, notitie_form=form)
    )


@regio_view(P, B)
@require_POST
def vervolg_afronden(request, cpk):
    cm = of_404(selectors.contactmoment, user=request.user, regio=request.regio, pk=cpk)
    services.rond_vervolg_af(contactmoment=cm, door=request.user)
    messages.success(request, _("Vervolgactie afgerond."))
    if request.POST.get("terug") == "caseload":
        return redirect("caseload", regio_slug=request.regio.slug)
    return redirect("dossier", regio_slug=request.regio.slug, dpk=cm.deelname_id)


def _formulier_pagina(request, dpk, form_klasse, doe, titel, **form_kwargs):
    deelname = _dossier(request, dpk)
    form = form_klasse(request.POST or None, **form_kwargs)
    if request.method == "POST" and verwerk(form, lambda c: doe(deelname, c)):
        messages.success(request, _("Opgeslagen."))
        return redirect("dossier", regio_slug=request.regio.slug, dpk=deelname.pk)
    return render(
        request, "begeleiding/formulier.html", {"deelname": deelname, "form": form, "titel": titel}
    )


@regio_view(P)
@require_http_methods(["GET", "POST"])
def coach(request, dpk):
    return _formulier_pagina(
        request, dpk, KoppelingForm,
        lambda d, c: services.koppel_begeleider(deelname=d, door=request.user, **c),
        _("Coach of buddy koppelen"), regio=request.regio,
    )  # fmt: skip


@regio_view(P, B)
@require_http_methods(["GET", "POST"])
def evaluatie(request, dpk):
    return _formulier_pagina(
        request, dpk, EvaluatieForm,
        lambda d, c: services.leg_evaluatie_vast(deelname=d, door=request.user, **c),
        _("Evaluatie proefperiode"),
    )  # fmt: skip


@regio_view(P, B)
@require_http_methods(["GET", "POST"])
def nazorg(request, dpk):
    return _formulier_pagina(
        request, dpk, NazorgForm,
        lambda d, c: services.leg_nazorgcontact_vast(deelname=d, door=request.user, **c),
        _("Nazorgcontact"),
    )  # fmt: skip


@regio_view(P, B)
def export(request, dpk):
    """The dossier as CSV or XLSX (?formaat=xlsx); confidential notes only for who may read
    them."""
    deelname = _dossier(request, dpk)
    rijen = [
        [k.get_rol_display(), k.start, k.persoon or k.naam, ""] for k in deelname.coaches.all()
    ]
    rijen += [
        [c.get_kanaal_display(), c.datum, c.vastgelegd_door,
         f"{c.get_onderwerpen_display()} – {c.samenvatting}"]
        for c in deelname.contactmomenten.all()
    ]  # fmt: skip
    rijen += [
        [_("Evaluatie"), e.datum, "", f"{e.get_uitkomst_display()} – {e.get_besluit_display()}"]
        for e in deelname.evaluaties.all()
    ]
    rijen += [
        [_("Vertrouwelijke notitie"), n.aangemaakt_op.date(), n.auteur, n.tekst]
        for n in selectors.vertrouwelijke_notities(
            user=request.user, regio=request.regio, deelname=deelname
        )
    ]
    return export_antwoord(
        request,
        f"begeleiding-{deelname.pk}",
        [_("Soort"), _("Datum"), _("Wie"), _("Inhoud")],
        rijen,
        formaat=request.GET.get("formaat", "csv"),
        kandidaten=[deelname.kandidaat_id],
        onderdeel=_("begeleidingsdossier"),
    )


@regio_view(B)
def caseload(request):
    return render(
        request, "begeleiding/caseload.html",
        {"deelnames": pagineer(selectors.caseload(user=request.user, regio=request.regio), request),
         "vandaag": timezone.localdate(),
         "vervolg": selectors.open_vervolgacties(user=request.user, regio=request.regio)},
    )  # fmt: skip


@regio_view(P, OPL)
def bewijs(request, rpk):
    """Evidence is personal data: served through the access check, never from a public URL."""
    r = of_404(selectors.resultaat_met_bewijs, user=request.user, regio=request.regio, pk=rpk)
    extensie = r.bewijs.name.rsplit(".", 1)[-1] if "." in r.bewijs.name else "bin"
    return FileResponse(
        r.bewijs.open("rb"),
        as_attachment=True,
        filename=f"bewijs-{r.module.get_soort_display()}-{r.deelname_id}.{extensie}".lower(),
    )
