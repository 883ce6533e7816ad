"""Hostile input on every form of the project.

Every URL of the URL conf is opened as someone who may (tests/paginas.py); every form on the
page — found in the rendered HTML, not listed here — is sent back with hostile input: one field
at a time with the rest as a user would leave it (100,000 characters, huge and negative numbers,
dates in year 1 and 9999, an unknown choice), and every field at once (null bytes, the wrong
type, everything left out). Nothing may end in a 5xx; an extreme date or number is never
accepted, and a page that refuses one says why; a page that comes back is Dutch and keeps what
was typed. A new form is covered without a new test.

Each request runs in a savepoint that is rolled back, so every one meets the same world.
"""

import uuid
from html import escape

import pytest
from django.db import transaction
from django.urls import reverse

from organisaties.middleware import SLEUTEL_VELD
from organisaties.models import Rol

from .formulieren import Formulier, formulieren_op
from .paginas import (
    BELEID,
    PATRONEN,
    VOORBEELD_ARGUMENTEN,
    log_in_als_kandidaat,
    portaal_in_a,
    url_voor,
)

LANG = "A" * 100_000
# Phrases of Django's English messages; none of them may reach a user.
ENGELS = (
    "This field",
    "Enter a ",
    "Ensure this",
    "Ensure that",
    "Select a valid",
    "Please submit",
    "Please correct",
    "ManagementForm data",
    "This password",
    "characters are not allowed",
    "is not a valid",
)


# One field at a time, the rest as a user leaves it: what could get past the form into the
# database (a number beyond its column, a year beyond the calendar, text beyond a column).
PER_VELD = {
    "text": [("lang", LANG)],
    "textarea": [("lang", LANG)],
    "search": [("lang", LANG)],
    "tel": [("lang", LANG)],
    "email": [("lang", LANG + "@x.nl")],
    "password": [("lang", LANG)],
    "number": [("enorm", "99999999999999999999"), ("negatief", "-32769")],
    "date": [("jaar 1", "0001-01-01"), ("jaar 9999", "9999-12-31")],
    "select": [("onbekende keuze", "999999999")],
    "radio": [("onbekende keuze", "999999999")],
    "hidden": [("groot getal", "99999999999999999999"), ("tekst", "abc")],
}
# Every field at once: what no form may let through at all.
ALLES_TEGELIJK = {
    "nul-bytes": lambda soort: "a\x00b",
    "verkeerd type": lambda soort: {
        "number": "abc", "date": "32-13-2026", "time": "25:61", "email": "geen-adres",
        "select": "<script>", "radio": "<script>", "checkbox": "x" * 300,
    }.get(soort, "<b>&amp;</b>"),
    "alles weggelaten": lambda soort: None,
}  # fmt: skip

# Extreme values a form must refuse, whatever field they are typed in.
NOOIT_AANVAARD = {"enorm", "jaar 1", "jaar 9999"}
# How a page that refuses says why: a message at the field (templates/_veld.html), a summary at
# the top of the form, or a message of the messages framework (templates/base.html).
MELDING = ('class="veld__fout"', 'role="alert"', 'class="melding melding--')
# Buttons that only navigate: a step back in the werkgever form keeps what was typed as it is,
# valid or not, so that nothing is lost (werving.views.werkgever_stap).
NAVIGATIE = {("actie", "vorige")}


def _actor(wereld, naam):
    verwacht = BELEID[naam]
    if verwacht in ("publiek", "kandidaat"):
        return verwacht
    if verwacht == "ingelogd":
        return wereld.per_rol[Rol.OPLEIDER]
    rol = Rol.PROCESREGISSEUR if Rol.PROCESREGISSEUR in verwacht else sorted(verwacht)[0]
    return wereld.per_rol[rol]


def _varianten(wereld, route, naam):
    """The URL with its example arguments, and for URLs whose form depends on an argument taken
    from a table of the code (the transition, the step), every value of that table."""
    from trajecten import workflow
    from trajecten.models import TrajectStatus

    if naam == "deelname_overgang":
        basis = VOORBEELD_ARGUMENTEN[naam](wereld)
        return [
            reverse(naam, kwargs={"regio_slug": wereld.regio_a.slug, **basis, "naar": naar})
            for naar in sorted(workflow.VELDEN)
        ]
    if naam == "traject_overgang":
        basis = VOORBEELD_ARGUMENTEN[naam](wereld)
        return [
            reverse(naam, kwargs={"regio_slug": wereld.regio_a.slug, **basis, "naar": naar})
            for naar in TrajectStatus.values
        ]
    if naam == "mijn_profiel_stap":
        from portaal.zelfprofiel import STAPPEN

        return [reverse(naam, kwargs={"stap": stap.code}) for stap in STAPPEN]
    if naam == "werkgever_stap":
        from werving.views import STAPPEN

        intake = VOORBEELD_ARGUMENTEN[naam](wereld)
        _werkgever_mag_elke_stap(wereld)
        return [
            reverse(naam, kwargs={"token": intake["token"], "stap": stap})
            for stap in range(1, len(STAPPEN) + 1)
        ]
    return [url_voor(wereld, route, naam)]


def _werkgever_mag_elke_stap(wereld):
    from django_scopes import scope

    from werving.models import WerkgeverIntake

    with scope(regio=wereld.regio_a.pk):
        WerkgeverIntake.objects.filter(uitnodiging=wereld.werkgever_uitnodiging).update(stap=5)


def _stuur(client, methode, url, data):
    with transaction.atomic():
        response = client.post(url, data) if methode == "post" else client.get(url, data)
        transaction.set_rollback(True)
    return response


def _aanvaard(response) -> bool:
    return response.status_code in (301, 302, 303) or response.has_header("HX-Redirect")


def _controleer(response, *, url, veld, wat, waarde, soort, navigatie=False, methode="post"):
    plek = f"{url} veld {veld!r} met {wat}"
    assert response.status_code < 500, f"{plek}: {response.status_code}"
    if wat in NOOIT_AANVAARD and not navigatie:
        assert not _aanvaard(response), f"{plek}: aanvaard"
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    inhoud = response.content.decode()
    for engels in ENGELS:
        assert engels not in inhoud, f"{plek}: Engelse melding {engels!r}"
    if wat in NOOIT_AANVAARD and not navigatie and methode == "post":
        # Refused, and the page says why (in Dutch: no English phrase above).
        assert any(teken in inhoud for teken in MELDING), f"{plek}: geweigerd zonder melding"
    if wat == "lang" and soort in ("text", "textarea", "search", "tel"):
        assert escape(waarde[:1000]) in inhoud, f"{plek}: de invoer is kwijt"


def _formulieren(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"GET {url}: {response.status_code}"
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return formulieren_op(response.content.decode())


def _walk(client, url, formulier: Formulier):
    """Once per named submit button (each may do something else), or once."""
    for knop in formulier.knoppen() or [None]:
        basis = formulier.invoer()
        if knop:
            basis[knop[0]] = [knop[1]]
        _walk_met(client, url, formulier, basis, navigatie=knop in NAVIGATIE)


def _walk_met(client, url, formulier: Formulier, basis: dict, *, navigatie: bool):
    doel = formulier.actie or url
    velden = formulier.invulvelden()

    def stuur(wijzigingen: dict, *, veld: str, wat: str, waarde, soort: str):
        data = {k: list(v) for k, v in basis.items()}
        for naam, nieuw in wijzigingen.items():
            if nieuw is None:
                data.pop(naam, None)
            else:
                data[naam] = [nieuw]
        if SLEUTEL_VELD in data:
            data[SLEUTEL_VELD] = [uuid.uuid4().hex]
        response = _stuur(client, formulier.methode, doel, data)
        _controleer(
            response, url=doel, veld=veld, wat=wat, waarde=waarde, soort=soort,
            navigatie=navigatie, methode=formulier.methode,
        )  # fmt: skip

    for wat, maak in ALLES_TEGELIJK.items():
        stuur({v.naam: maak(v.soort) for v in velden}, veld="alle", wat=wat, waarde="", soort="")
    for v in velden:
        for wat, waarde in PER_VELD.get(v.soort, []):
            stuur({v.naam: waarde}, veld=v.naam, wat=wat, waarde=waarde, soort=v.soort)


@pytest.mark.parametrize(("route", "naam", "view"), PATRONEN)
def test_geen_enkel_formulier_bezwijkt_onder_vijandige_invoer(client, wereld, route, naam, view):
    if naam == "logout":
        return  # logging out has no fields, and would end the session of the walk
    actor = _actor(wereld, naam)
    # Logging out (a button on every page) has no fields, and would end the walk's session.
    uitloggen = {reverse("logout"), reverse("portaal_uitloggen")}
    for url in _varianten(wereld, route, naam):
        if actor == "kandidaat":
            log_in_als_kandidaat(client, portaal_in_a(wereld))
        elif actor != "publiek":
            client.force_login(actor)
        for formulier in _formulieren(client, url):
            if formulier.actie not in uitloggen:
                _walk(client, url, formulier)
