"""Every page of the project, with example arguments and who may open it: the ground the
access matrix (test_toegangsmatrix.py), the hostile-input walk (test_vijandige_invoer.py) and
the consent walk (test_toestemming_overal.py) stand on.

BELEID is written down here, independently of the views' own declarations
(organisaties/access.py); VOORBEELD_ARGUMENTEN fills each URL with an object of regio A.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_scopes import scope

from organisaties import services
from organisaties.models import Lidmaatschap, Rol, Uitnodiging


def alle_urlpatterns(resolver=None, prefix=""):
    """(route, name, view) for every URLPattern, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from alle_urlpatterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback


def onbeschermde_views(resolver=None):
    return [route for route, _, view in alle_urlpatterns(resolver) if not hasattr(view, "toegang")]


PATRONEN = [
    pytest.param(route, naam, view, id=naam or route)
    for route, naam, view in alle_urlpatterns()
    if not route.startswith("static/")  # DEBUG-only static serving
]


def _lidmaatschap_in_a(w):
    with scope(regio=w.regio_a.pk):
        return Lidmaatschap.objects.filter(regio=w.regio_a, rol=Rol.OPLEIDER).get()


def _uitnodiging_token(w):
    with scope(regio=w.regio_a.pk):
        u = Uitnodiging.objects.create(
            regio=w.regio_a,
            email="nieuw@voorbeeld.nl",
            organisatie=w.gemeente_a,
            rol=Rol.KLANTMANAGER,
            uitgenodigd_door=w.per_rol[Rol.BEHEERDER],
        )
    return services.uitnodiging_token(u)


def _procesregisseur_uitnodiging(w):
    """An invitation for a procesregisseur in A, waiting for a second person."""
    with scope(regio=w.regio_a.pk):
        u = services.nodig_uit(
            regio=w.regio_a,
            door=w.per_rol[Rol.BEHEERDER],
            email="nieuwe.regisseur@voorbeeld.nl",
            naam="Nieuwe Regisseur",
            organisatie=Lidmaatschap.objects.get(user=w.per_rol[Rol.PROCESREGISSEUR]).organisatie,
            rol=Rol.PROCESREGISSEUR,
        )
    return {"pk": u.pk}


def _mogelijk_dubbel(w):
    """A BSN registered by gemeente A and then by another gemeente of regio A."""
    if not hasattr(w, "dubbel"):
        from tests.factories import OrganisatieFactory
        from werving import services as werving_services

        andere = OrganisatieFactory(soort="gemeente", kvk_nummer="")
        w.regio_a.organisaties.add(andere)
        with scope(regio=w.regio_a.pk):
            kwargs = {
                "regio": w.regio_a,
                "door": w.per_rol[Rol.PROCESREGISSEUR],
                "toestemmingen": {"procesregisseur"},
                "bsn": "111222333",
            }
            werving_services.registreer_kandidaat(
                gemeente=w.gemeente_a, voornaam="Eerste", achternaam="Aanmelding", **kwargs
            )
            tweede = werving_services.registreer_kandidaat(
                gemeente=andere, voornaam="Tweede", achternaam="Aanmelding", **kwargs
            )
            w.dubbel = tweede.mogelijk_dubbel
    return {"pk": w.dubbel.pk}


def _signaal(w):
    """A signaal of the procesregisseur: an overdue mijlpaal of the traject of regio A."""
    if not hasattr(w, "signaal"):
        from datetime import timedelta

        from django.utils import timezone

        from signalen import services as signaal_services
        from signalen.models import Signaal

        traject = _traject_in_a(w)
        with scope(regio=w.regio_a.pk):
            traject.mijlpalen.update(vervaldatum=timezone.localdate() - timedelta(days=3))
        signaal_services.scan_regio(regio=w.regio_a)
        with scope(regio=w.regio_a.pk):
            w.signaal = Signaal.objects.filter(ontvanger=w.per_rol[Rol.PROCESREGISSEUR]).first()
    return {"pk": w.signaal.pk}


def _wachtwoord_reset(w):
    user = w.per_rol[Rol.OPLEIDER]
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


ALLEN = set(Rol)
P, H, K, W, B = Rol.PROCESREGISSEUR, Rol.BEHEERDER, Rol.KLANTMANAGER, Rol.WERKGEVER, Rol.BEGELEIDER
O = Rol.OPLEIDER  # noqa: E741 - the matrix reads best with one letter per role

# URL name -> "publiek", "ingelogd" or the set of roles that may open it within a regio.
BELEID = {
    "start": "ingelogd",
    "login": "publiek",
    "logout": "ingelogd",
    "password_reset": "publiek",
    "password_reset_done": "publiek",
    "password_reset_confirm": "publiek",
    "password_reset_complete": "publiek",
    "uitnodiging": "publiek",
    "gezondheid": "publiek",
    "regio_home": ALLEN,
    "leden": {H},
    "signalen": ALLEN,
    "overzicht_trajecten": {P},
    "rondes": {P},
    "zoeken": ALLEN,
    "paneel_klantmanager": {K},
    "paneel_financier": {Rol.FINANCIER},
    "paneel_werkgever": {W},
    "paneel_opleider": {O},
    "paneel_begeleider": {B},
    "fondsen_over_regios": "ingelogd",
    "signalen_bel": ALLEN,
    "signalen_paneel": ALLEN,
    "signaal_detail": ALLEN,
    "signaal_actie": ALLEN,
    "signaal_voorkeuren": ALLEN,
    "signaal_drempels": {P},
    "signalen_scan": {P},
    "goedkeuringen": {P, H},
    "uitnodiging_beslissen": {P, H},
    "uitnodigen": {H},
    "lidmaatschap_beeindigen": {H},
    "organisaties": {P, H},
    "organisatie_toevoegen": {H},
    "traject_lijst": {P},
    "traject_nieuw": {P},
    "traject_detail": {P},
    "traject_bewerken": {P},
    "traject_overgang": {P},
    "nieuwe_ronde": {P},
    "traject_annuleren": {P},
    "checklist": {P},
    "checkliststap": {P},
    "fasebord": {P},
    "deelnemer_toevoegen": {P},
    "deelname_detail": {P},
    "deelname_overgang": {P},
    "deelname_ongedaan": {P},
    "deelname_resultaat": {P},
    "mijlpaal_afronden": {P},
    "werkgever_intake": "publiek",
    "werkgever_stap": "publiek",
    "catalogus": {K},
    "aanmelden": {K},
    "mijn_kandidaten": {K},
    "kandidaat_detail": {K, P},
    "dubbele_aanmeldingen": {P},
    "dubbel_afhandelen": {P},
    "toestemming": {K, P},
    "intake": {P},
    "assessment": {P},
    "werkgevers": {P},
    "werkgever_uitnodigen": {P},
    "werkgever_beoordelen": {P},
    "werkgever_link_opnieuw": {P},
    "baangaranties": {P},
    "matching": {P},
    "koppelen": {P},
    "mijn_vacatures": {W},
    "modules": {P},
    "module": {P, O},
    "resultaat": {P, O},
    "sessies": {P, O},
    "presentie": {P, O},
    "dossier": {P, B},
    "contactmoment": {P, B},
    "notitie": {P, B},
    "coach": {P},
    "evaluatie": {P, B},
    "nazorg": {P, B},
    "dossier_export": {P, B},
    "vervolg_afronden": {P, B},
    "caseload": {B},
    "bewijs": {P, O},
    "herstart": {P},
}

# Views that only take POST: for them "the right role" means passing the access check and
# then being refused the method (405); every other role still gets 403/404 first.
ALLEEN_POST = {
    "toestemming",
    "koppelen",
    "vervolg_afronden",
    "uitnodiging_beslissen",
    "signaal_actie",
    "signalen_scan",
    "werkgever_link_opnieuw",
}
# Objects that belong to one person (their own signalen): for every other role that may open
# the page, the example object is as if it does not exist (404). URL name -> the owner's role.
EIGENAAR = {"signaal_detail": Rol.PROCESREGISSEUR, "signaal_actie": Rol.PROCESREGISSEUR}


def _traject_in_a(w):
    """One traject of regio A with a deelnemer, made once per test."""
    if not hasattr(w, "traject"):
        from tests.factories import maak_traject, meld_aan
        from trajecten import services as traject_services

        regisseur = w.per_rol[Rol.PROCESREGISSEUR]
        w.traject = maak_traject(w.regio_a, regisseur)
        with scope(regio=w.regio_a.pk):
            traject_services.voeg_partner_toe(
                traject=w.traject, organisatie=w.gemeente_a, rol="gemeente", door=regisseur
            )
        # A kandidaat of the klantmanager's own gemeente, so that their pages answer 200,
        # in the voorschakeltraject, placed with the werkgever, coached by the begeleider, in a
        # module of the opleider: every role that may see this deelname can.
        w.deelname = meld_aan(w.traject, regisseur, gemeente=w.gemeente_a)[0]
        _zichtbaar_voor_alle_rollen(w, regisseur)
    return w.traject


def _zichtbaar_voor_alle_rollen(w, regisseur):
    from datetime import date

    from begeleiding import services as begeleiding_services
    from trajecten import services as traject_services
    from trajecten.models import Deelname

    with scope(regio=w.regio_a.pk):
        werkgever = Lidmaatschap.objects.get(user=w.per_rol[Rol.WERKGEVER]).organisatie
        traject_services.voeg_partner_toe(
            traject=w.traject, organisatie=werkgever, rol="werkgever", door=regisseur
        )
        Deelname.objects.filter(pk=w.deelname.pk).update(
            status="voorschakeltraject", werkgever=werkgever
        )
        opleider = Lidmaatschap.objects.get(user=w.per_rol[Rol.OPLEIDER]).organisatie
        w.module = begeleiding_services.voeg_module_toe(
            traject=w.traject, door=regisseur, soort="vca", aanbieder=opleider
        )
        w.resultaat = begeleiding_services.leg_resultaat_vast(
            module=w.module,
            deelname=w.deelname,
            door=regisseur,
            behaald=True,
            certificaat="vca",
            datum=date(2026, 1, 5),
            bewijs=SimpleUploadedFile("vca.pdf", b"%PDF-1.4 test"),
        )
        w.sessie = begeleiding_services.plan_sessie(
            module=w.module, door=regisseur, datum=date(2026, 1, 5), locatie="Oss"
        )
        begeleiding_services.koppel_begeleider(
            deelname=w.deelname,
            door=regisseur,
            rol="arbeidscoach",
            persoon=w.per_rol[Rol.BEGELEIDER],
        )
        w.contactmoment = begeleiding_services.leg_contactmoment_vast(
            deelname=w.deelname,
            door=regisseur,
            kanaal="telefoon",
            vervolgactie="Bellen",
            vervolg_datum=date(2026, 1, 9),
        )


def _traject_args(w, **extra):
    return {"pk": _traject_in_a(w).pk, **extra}


def _eerste(w, relatie):
    with scope(regio=w.regio_a.pk):
        return getattr(_traject_in_a(w), relatie).first().pk


def _kandidaat(w):
    _traject_in_a(w)
    return {"pk": w.deelname.kandidaat_id}


def _dpk(w):
    _traject_in_a(w)
    return {"dpk": w.deelname.pk}


def _werkgever_intake(w):
    if not hasattr(w, "werkgever_uitnodiging"):
        from werving import services as werving_services

        with scope(regio=w.regio_a.pk):
            w.werkgever_uitnodiging = werving_services.nodig_werkgever_uit(
                regio=w.regio_a,
                door=w.per_rol[Rol.PROCESREGISSEUR],
                bedrijfsnaam="Bouwbedrijf Test",
                email="info@bouwbedrijf.nl",
            )
    return w.werkgever_uitnodiging


def _werkgever_token(w, **extra):
    from werving import services as werving_services

    return {"token": werving_services.werkgever_token(_werkgever_intake(w)), **extra}


# URL name -> kwargs (besides regio_slug) pointing at an object of regio A.
VOORBEELD_ARGUMENTEN = {
    "modules": _traject_args,
    "module": lambda w: {"mpk": (_traject_in_a(w), w.module)[1].pk},
    "resultaat": lambda w: {"mpk": (_traject_in_a(w), w.module)[1].pk, "dpk": w.deelname.pk},
    "presentie": lambda w: {"spk": (_traject_in_a(w), w.sessie)[1].pk},
    "dossier": _dpk,
    "contactmoment": _dpk,
    "notitie": _dpk,
    "coach": _dpk,
    "evaluatie": _dpk,
    "nazorg": _dpk,
    "dossier_export": _dpk,
    "vervolg_afronden": lambda w: {"cpk": (_traject_in_a(w), w.contactmoment)[1].pk},
    "bewijs": lambda w: {"rpk": (_traject_in_a(w), w.resultaat)[1].pk},
    "herstart": lambda w: _traject_args(w, dpk=_dpk(w)["dpk"]),
    "werkgever_intake": _werkgever_token,
    "werkgever_stap": lambda w: _werkgever_token(w, stap=1),
    "aanmelden": _traject_args,
    "kandidaat_detail": _kandidaat,
    "toestemming": _kandidaat,
    "intake": _dpk,
    "assessment": _dpk,
    "werkgever_beoordelen": lambda w: {"pk": _werkgever_intake(w).intake.pk},
    "werkgever_link_opnieuw": lambda w: {"pk": _werkgever_intake(w).intake.pk},
    "baangaranties": _traject_args,
    "matching": _traject_args,
    "koppelen": lambda w: _traject_args(w, dpk=_dpk(w)["dpk"]),
    "traject_detail": _traject_args,
    "traject_bewerken": _traject_args,
    "traject_overgang": lambda w: _traject_args(w, naar="werving"),
    "nieuwe_ronde": _traject_args,
    "traject_annuleren": _traject_args,
    "checklist": _traject_args,
    "checkliststap": lambda w: _traject_args(w, stap_pk=_eerste(w, "checklist")),
    "fasebord": _traject_args,
    "deelnemer_toevoegen": _traject_args,
    "deelname_detail": lambda w: _traject_args(w, dpk=_eerste(w, "deelnames")),
    "deelname_overgang": lambda w: _traject_args(w, dpk=_eerste(w, "deelnames"), naar="intake"),
    "deelname_resultaat": lambda w: _traject_args(w, dpk=_eerste(w, "deelnames")),
    "deelname_ongedaan": lambda w: _traject_args(w, dpk=_eerste(w, "deelnames")),
    "mijlpaal_afronden": lambda w: _traject_args(w, mpk=_eerste(w, "mijlpalen")),
    "lidmaatschap_beeindigen": lambda w: {"pk": _lidmaatschap_in_a(w).pk},
    "uitnodiging_beslissen": _procesregisseur_uitnodiging,
    "signaal_detail": _signaal,
    "signaal_actie": _signaal,
    "dubbel_afhandelen": _mogelijk_dubbel,
    "uitnodiging": lambda w: {"token": _uitnodiging_token(w)},
    "password_reset_confirm": _wachtwoord_reset,
}


# ---- Financiering (issue 6) ----------------------------------------------------------------
F, K = Rol.FINANCIER, Rol.KLANTMANAGER

BELEID.update(
    {
        "financiering_overzicht": {P, F, K},
        "financiering_traject": {P, F},
        "afspraak_bewerken": {P},
        "begroting_bewerken": {P},
        "uitgave_toevoegen": {P},
        "vordering_lijst": {P, F, K},
        "vordering_detail": {P, F, K},
        "vordering_beoordelen": {K},
        "vordering_opnieuw": {P},
        "vordering_betaling": {P},
        "betaling_terugdraaien": {P},
        "specificatie": {P, F, K},
        "specificatie_csv": {P, F, K},
        "specificatie_pdf": {P, F, K},
        "fonds_detail": {P, F},
        "boeking_nieuw": {P, F},
        "boeking_corrigeren": {P, F},
        "businesscase": {P, K},
        "rapportage": {P, F},
        "rapportage_csv": {P, F},
        "rapportage_pdf": {P, F},
        "fondsverloop": {P, F},
        # Issue 14: coverage rules, corrections, payments; the statement per financier, which a
        # financier sees only for its own organisation (test_toegangsmatrix.py, per kind).
        "dekking_bewerken": {P},
        "uitgave_corrigeren": {P},
        "financiersbetaling_toevoegen": {P},
        "financiersoverzicht": {P, F},
        "financiersoverzicht_csv": {P, F},
        "financiersoverzicht_pdf": {P, F},
    }
)


def _financiering_in_a(w):
    """The traject of regio A financed by the financier's O&O-fonds, a claim on the
    klantmanager's gemeente and a booking in the fund, made once per test."""
    if not hasattr(w, "vordering"):
        from datetime import date

        from financiering.models import Boeking, Financieringsafspraak, Uitgave, Vordering

        traject = _traject_in_a(w)
        with scope(regio=w.regio_a.pk):
            w.fonds = Lidmaatschap.objects.get(user=w.per_rol[F]).organisatie
            Financieringsafspraak.objects.create(
                regio=w.regio_a, traject=traject, soort="voor_resultaat", fonds=w.fonds
            )
            w.vordering = Vordering.objects.create(
                regio=w.regio_a,
                traject=traject,
                deelname=w.deelname,
                soort="start",
                gemeente=w.gemeente_a,
                fonds=w.fonds,
                bedrag=1000,
                verdiend_op=date(2026, 1, 1),
            )
            w.uitgave = Uitgave.objects.create(
                regio=w.regio_a,
                traject=traject,
                categorie="vakopleiding",
                datum=date(2026, 1, 1),
                omschrijving="Basisvakopleiding",
                bedrag=2500,
            )
            w.boeking = Boeking.objects.create(
                regio=w.regio_a,
                fonds=w.fonds,
                soort="inleg",
                debet="kas",
                credit="inleg",
                bedrag=5000,
                datum=date(2026, 1, 1),
            )
    return w


def _gefinancierd_traject(w):
    return {"pk": _financiering_in_a(w).deelname.traject_id}


def _vordering_args(w):
    return {"pk": _financiering_in_a(w).vordering.pk}


def _financier_args(w):
    """The statement of the financier's own organisation (the fund of the agreement)."""
    return {**_gefinancierd_traject(w), "fpk": _financiering_in_a(w).fonds.pk}


def _fonds_args(w, **extra):
    return {"fonds_pk": _financiering_in_a(w).fonds.pk, **extra}


VOORBEELD_ARGUMENTEN.update(
    {
        "rapportage": _gefinancierd_traject,
        "rapportage_csv": _gefinancierd_traject,
        "rapportage_pdf": _gefinancierd_traject,
        "fondsverloop": _fonds_args,
        "financiering_traject": _gefinancierd_traject,
        "afspraak_bewerken": _gefinancierd_traject,
        "begroting_bewerken": _gefinancierd_traject,
        "uitgave_toevoegen": _gefinancierd_traject,
        "vordering_detail": _vordering_args,
        "vordering_beoordelen": _vordering_args,
        "vordering_opnieuw": _vordering_args,
        "vordering_betaling": _vordering_args,
        "betaling_terugdraaien": _vordering_args,
        "fonds_detail": _fonds_args,
        "boeking_nieuw": _fonds_args,
        "boeking_corrigeren": lambda w: _fonds_args(w, bpk=_financiering_in_a(w).boeking.pk),
        "dekking_bewerken": _gefinancierd_traject,
        "financiersbetaling_toevoegen": _gefinancierd_traject,
        "uitgave_corrigeren": lambda w: {
            **_gefinancierd_traject(w),
            "upk": _financiering_in_a(w).uitgave.pk,
        },
        "financiersoverzicht": _financier_args,
        "financiersoverzicht_csv": _financier_args,
        "financiersoverzicht_pdf": _financier_args,
    }
)


def url_voor(w, route, naam, regio_slug=None):
    kwargs = {}
    heeft_regio = "<slug:regio_slug>" in route
    if heeft_regio:
        kwargs["regio_slug"] = regio_slug or w.regio_a.slug
    andere = route.count("<") - int(heeft_regio)
    if andere:
        assert naam in VOORBEELD_ARGUMENTEN, f"Voeg voorbeeldargumenten toe voor {naam!r} ({route})"
        kwargs.update(VOORBEELD_ARGUMENTEN[naam](w))
    return reverse(naam, kwargs=kwargs)


# ---- Documenten (issue 12) -----------------------------------------------------------------

BELEID.update(
    {
        "documenten": {P, W, K},
        "document_nieuw": {P},
        "document": {P, W, K},
        "document_bewerken": {P},
        "document_voorbeeld": {P},
        "document_versturen": {P},
        "document_ondertekenen": {P, K},
        "versie_pdf": {P, W, K},
        "ondertekenen": "publiek",
        "ondertekenen_pdf": "publiek",
    }
)
ALLEEN_POST |= {"document_nieuw", "document_versturen", "document_ondertekenen"}


def _overeenkomst_in_a(w):
    """The inspanningsovereenkomst of the werkgever's baangarantie in the traject of regio A,
    filled in and sent for signature (a real PDF), made once per test. The klantmanager sees
    agreements only as proefplaatsingsovereenkomst of their gemeente: one of those too."""
    if not hasattr(w, "document"):
        from tests.documenten.helpers import maak_overeenkomst, maak_proefplaatsing

        traject = _traject_in_a(w)
        w.document, w.versie = maak_overeenkomst(w, traject)
        w.proefplaatsing = maak_proefplaatsing(w, traject, w.deelname)
    return w


def _document_args(w):
    return {"pk": _overeenkomst_in_a(w).document.pk}


def _document_voor_rol(w):
    """Each role that may open an agreement has one it may see: the klantmanager only the
    proefplaatsing of their gemeente's kandidaat."""
    return {"pk": _overeenkomst_in_a(w).proefplaatsing.pk}


def _ondertekentoken(w, **extra):
    from documenten import services as documenten_services

    return {"token": documenten_services.token(_overeenkomst_in_a(w).versie), **extra}


VOORBEELD_ARGUMENTEN.update(
    {
        "document": _document_voor_rol,
        "document_bewerken": _document_args,
        "document_voorbeeld": _document_args,
        "document_versturen": _document_args,
        "document_ondertekenen": _document_voor_rol,
        "versie_pdf": lambda w: {"vpk": _overeenkomst_in_a(w).proefplaatsing_versie.pk},
        "ondertekenen": _ondertekentoken,
        "ondertekenen_pdf": _ondertekentoken,
    }
)


# ---- The kandidaat's own page (issue 18) --------------------------------------------------

BELEID.update(
    {
        "portaal_inloggen": "publiek",
        "portaal_link": "publiek",
        "mijn_pagina": "kandidaat",
        "portaal_uitloggen": "kandidaat",
        "mijn_afspraken": "kandidaat",
        "mijn_taak": "kandidaat",
        "mijn_contact": "kandidaat",
        "mijn_profiel": "kandidaat",
        "mijn_profiel_stap": "kandidaat",
        "mijn_toestemming": "kandidaat",
        "mijn_toestemming_stoppen": "kandidaat",
        "mijn_taal": "kandidaat",
        "mijn_pincode": "kandidaat",
        "portaal_beheer": {K, P},
        "portaal_openen": {K, P},
        "portaal_link_sturen": {K, P},
        "portaal_pin_wissen": {K, P},
        "portaal_sluiten": {K, P},
        "portaal_afspraak": {K, P},
        "portaal_afspraak_annuleren": {K, P},
        "portaal_taak": {K, P},
        "portaal_zelfprofiel_bevestigen": {K, P},
        "portaal_intrekking": {K},
        "contactkaart": "ingelogd",
    }
)
ALLEEN_POST |= {
    "portaal_uitloggen",
    "mijn_taak",
    "portaal_link_sturen",
    "portaal_pin_wissen",
    "portaal_sluiten",
    "portaal_afspraak_annuleren",
    "portaal_zelfprofiel_bevestigen",
}


def portaal_in_a(w):
    """The own page of the deelnemer of regio A (opened by their klantmanager), with a task, an
    appointment and a request to stop sharing with the werkgever; made once per test."""
    if not hasattr(w, "portaal"):
        from datetime import date, time

        from portaal import services as portaal_services

        _traject_in_a(w)
        klantmanager = w.per_rol[Rol.KLANTMANAGER]
        with scope(regio=w.regio_a.pk):
            kandidaat = w.deelname.kandidaat
            w.portaal = portaal_services.open_portaal(
                kandidaat=kandidaat,
                door=klantmanager,
                email="kandidaat@voorbeeld.nl",
                contactpersoon=klantmanager,
            )
            w.taak = portaal_services.voeg_taak_toe(
                kandidaat=kandidaat, door=klantmanager, tekst="Koop werkschoenen"
            )
            w.afspraak = portaal_services.plan_afspraak(
                kandidaat=kandidaat,
                door=klantmanager,
                soort="gesprek",
                datum=date.today(),
                tijd=time(10, 0),
                plaats="Gemeentehuis Oss",
                met=klantmanager.naam,
            )
            w.intrekverzoek = portaal_services.vraag_intrekking(
                kandidaat=kandidaat, ontvanger="werkgever"
            )
    return w.portaal


def log_in_als_kandidaat(client, portaal):
    """A kandidaat's session, the way a kandidaat gets one: a link, used once."""
    from portaal import services as portaal_services

    with scope(regio=portaal.regio_id):
        link = portaal_services.maak_link(portaal=portaal, kanaal="email", door=None)
    antwoord = client.post(reverse("portaal_link", args=[portaal_services.link_token(link)]))
    assert antwoord.status_code == 302, antwoord.status_code
    return client


def _na_portaal(w):
    portaal_in_a(w)
    return w


def _portaal_kandidaat(w, **extra):
    return {"pk": portaal_in_a(w).kandidaat_id, **extra}


def _portaal_token(w):
    from portaal import services as portaal_services

    with scope(regio=w.regio_a.pk):
        link = portaal_services.maak_link(portaal=portaal_in_a(w), kanaal="email", door=None)
    return {"token": portaal_services.link_token(link)}


# ---- API v1 (issue 17) ----------------------------------------------------------------------

BELEID.update(
    {
        "api_sleutels": {H},
        "api_sleutel_intrekken": {H},
        "api_schema": "publiek",
        "api_docs": "publiek",
        "api_trajecten": {P, K, W},
        "api_traject": {P, K, W},
        "api_deelnames": {P, K, O, B, W},
        "api_deelname": {P, K, O, B, W},
        "api_deelname_overgang": {P},
        "api_kandidaten": {P, K},
        "api_kandidaat": {P, K},
        "api_werkgevers": {P, W},
        "api_vacatures": {P, W},
        "api_baangaranties": {P, W},
        "api_mijlpalen": {P},
        "api_signalen": ALLEN,
        "api_modules": {P, O},
        "api_resultaten": {P, O},
        "api_vorderingen": {P, F, K},
        "api_vordering": {P, F, K},
        "api_vordering_beoordeling": {K},
        "api_boekingen": {P, F},
    }
)
ALLEEN_POST |= {"api_deelname_overgang", "api_vordering_beoordeling"}


def _api_token_in_a(w):
    if not hasattr(w, "api_token"):
        with scope(regio=w.regio_a.pk):
            w.api_token, w.api_sleutel = services.maak_api_token(
                regio=w.regio_a,
                door=w.per_rol[H],
                organisatie=w.gemeente_a,
                rol=K,
                naam="Koppeling gemeente",
                geldig_dagen=30,
            )
    return {"pk": w.api_token.pk}


VOORBEELD_ARGUMENTEN.update(
    {
        "portaal_link": _portaal_token,
        "mijn_taak": lambda w: {"pk": _na_portaal(w).taak.pk},
        "mijn_profiel_stap": lambda w: {"stap": "talen"},
        "mijn_toestemming_stoppen": lambda w: {"ontvanger": "opleider"},
        "portaal_beheer": _portaal_kandidaat,
        "portaal_openen": _portaal_kandidaat,
        "portaal_link_sturen": _portaal_kandidaat,
        "portaal_pin_wissen": _portaal_kandidaat,
        "portaal_sluiten": _portaal_kandidaat,
        "portaal_afspraak": _portaal_kandidaat,
        "portaal_afspraak_annuleren": lambda w: _portaal_kandidaat(
            w, apk=_na_portaal(w).afspraak.pk
        ),
        "portaal_taak": _portaal_kandidaat,
        "portaal_zelfprofiel_bevestigen": _portaal_kandidaat,
        "portaal_intrekking": lambda w: _portaal_kandidaat(w, vpk=_na_portaal(w).intrekverzoek.pk),
        "api_sleutel_intrekken": _api_token_in_a,
        "api_traject": _traject_args,
        "api_deelname": lambda w: {"pk": _dpk(w)["dpk"]},
        "api_deelname_overgang": lambda w: {"pk": _dpk(w)["dpk"]},
        "api_kandidaat": _kandidaat,
        "api_vordering": _vordering_args,
        "api_vordering_beoordeling": _vordering_args,
    }
)


# ---- Issue 17: the second step of logging in, the account page --------------------------

BELEID.update(
    {
        "tweestaps_controleren": "ingelogd",
        "tweestaps_instellen": "ingelogd",
        "tweestaps_uitzetten": "ingelogd",
        "account": "ingelogd",
    }
)


# ---- Issue 17: the access log, inzage, correction and erasure ------------------------------

BELEID.update(
    {
        "raadplegingen": {H},
        "inzage_json": {K, P},
        "inzage_pdf": {K, P},
        "avg_verzoek_nieuw": {K, P},
        "avg_verzoeken": {P},
        "avg_verzoek_beslissen": {P},
        "rapportage_xlsx": {P, F},
        "specificatie_xlsx": {P, F, K},
    }
)


def _avg_verzoek_in_a(w):
    """An open erasure request of the deelnemer of regio A, recorded by their klantmanager."""
    if not hasattr(w, "avg_verzoek"):
        from datetime import date

        from werving import services as werving_services

        _traject_in_a(w)
        with scope(regio=w.regio_a.pk):
            w.avg_verzoek = werving_services.leg_avg_verzoek_vast(
                kandidaat=w.deelname.kandidaat,
                door=w.per_rol[K],
                soort="wissen",
                ontvangen_op=date(2026, 1, 5),
                toelichting="Wil niet meer in het systeem staan.",
            )
    return {"pk": w.avg_verzoek.pk}


VOORBEELD_ARGUMENTEN.update(
    {
        "rapportage_xlsx": _gefinancierd_traject,
        "inzage_json": _kandidaat,
        "inzage_pdf": _kandidaat,
        "avg_verzoek_nieuw": _kandidaat,
        "avg_verzoek_beslissen": _avg_verzoek_in_a,
    }
)
