"""Withdrawn consent holds on every page.

A kandidaat takes part in everything the access matrix builds (traject, module, coach, werkgever,
claims, the fund); then the gemeente withdraws every consent. Every page and export of the
project, as every role of the regio, may still count the person but never shows the name —
except to the gemeente that brought them. Found from the URL conf: a new page is covered
without a new test.
"""

import pytest
from django_scopes import scope

from organisaties.models import Rol
from werving import services as werving_services
from werving.models import Kandidaat, Ontvanger

from .paginas import BELEID, PATRONEN, _financiering_in_a, _overeenkomst_in_a, url_voor

VOORNAAM, ACHTERNAAM = "Zeldzame", "Naamdrager"


@pytest.fixture
def zonder_toestemming(wereld):
    w = _financiering_in_a(wereld)
    _overeenkomst_in_a(w)  # the agreements, the proefplaatsing naming the deelnemer included
    with scope(regio=w.regio_a.pk):
        Kandidaat.objects.filter(pk=w.deelname.kandidaat_id).update(
            voornaam=VOORNAAM, achternaam=ACHTERNAAM
        )
        kandidaat = Kandidaat.objects.get(pk=w.deelname.kandidaat_id)
        for ontvanger in Ontvanger.values:
            werving_services.trek_toestemming_in(
                kandidaat=kandidaat, ontvanger=ontvanger, door=w.per_rol[Rol.KLANTMANAGER]
            )
    return w


REGIO_PAGINAS = [
    p for p in PATRONEN if isinstance(BELEID.get(p.values[1]), set) and p.values[1] != "logout"
]


@pytest.mark.parametrize(("route", "naam", "view"), REGIO_PAGINAS)
def test_geen_naam_zonder_toestemming(client, zonder_toestemming, route, naam, view, monkeypatch):
    w = zonder_toestemming
    pdf_html = []
    monkeypatch.setattr(
        "documenten.renderer.render_pdf", lambda html, **kw: pdf_html.append(html) or b"%PDF-1.7"
    )
    url = url_voor(w, route, naam)
    for rol, user in w.per_rol.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code < 500, f"{url} als {rol}"
        inhoud = b"".join(response) if response.streaming else response.content
        teksten = [inhoud.decode(errors="replace"), *pdf_html]
        pdf_html.clear()
        if rol == Rol.KLANTMANAGER:  # the gemeente that brought the kandidaat
            continue
        for tekst in teksten:
            assert ACHTERNAAM not in tekst, f"{url} toont de naam aan de {rol}"


def test_de_tijdlijn_telt_de_persoon_met_een_neutraal_label(client, zonder_toestemming):
    w = zonder_toestemming
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    inhoud = client.get(
        url_voor(w, "r/<slug:regio_slug>/trajecten/<int:pk>/", "traject_detail")
    ).content.decode()
    assert f"deelnemer {w.deelname.pk} (geen toestemming): Aangemeld" in inhoud
    assert ACHTERNAAM not in inhoud
    # The gemeente that brought the kandidaat still sees the name in its own history.
    client.force_login(w.per_rol[Rol.KLANTMANAGER])
    eigen = client.get(
        url_voor(w, "r/<slug:regio_slug>/werving/kandidaten/<int:pk>/", "kandidaat_detail")
    ).content.decode()
    assert f"{VOORNAAM} {ACHTERNAAM}: Aangemeld" in eigen
