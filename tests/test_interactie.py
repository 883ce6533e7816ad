"""Issue 15's smaller points: logging out in one step, the Dutch 404 with DEBUG on, no internal
references in what users read, `make run` on another port."""

import re
import socket
from pathlib import Path

from django.urls import reverse

from config import run
from organisaties.models import Rol

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_uitloggen_is_een_knop_in_de_kop(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])
    pagina = client.get(reverse("regio_home", args=[wereld.regio_a.slug])).content.decode()
    kop = pagina.split("</header>")[0]
    assert re.search(r'<form method="post" action="/uitloggen/"[^>]*>.*?<button', kop, re.S)
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_404_voor_een_niet_lid_is_de_nederlandse_pagina_ook_met_debug(client, wereld, settings):
    settings.DEBUG = True
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])  # a member of A only
    antwoord = client.get(reverse("regio_home", args=[wereld.regio_b.slug]))
    assert antwoord.status_code == 404
    assert "Deze pagina bestaat niet" in antwoord.content.decode()
    antwoord = client.get("/r/bestaat-niet/")
    assert antwoord.status_code == 404
    assert "Deze pagina bestaat niet" in antwoord.content.decode()


def test_geen_interne_verwijzingen_in_wat_gebruikers_lezen():
    verboden = re.compile(r"seed 0\d\d|ADR \d{4}|bijlage [A-Z0-9]\b|default:\"\?\"", re.I)
    fouten = []
    for pad in TEMPLATES.rglob("*.html"):
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
            zonder_commentaar = re.sub(r"\{#.*?#\}", "", regel)
            if verboden.search(zonder_commentaar):
                fouten.append(f"{pad.relative_to(TEMPLATES)}:{nummer}: {regel.strip()[:100]}")
    assert not fouten, "\n".join(fouten)


def test_make_run_zegt_het_in_een_regel_als_de_poort_bezet_is(monkeypatch, capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        monkeypatch.setenv("PORT", str(poort))
        assert run.main() == 1
    uitvoer = capsys.readouterr().out.strip()
    assert uitvoer == (
        f"Poort {poort} is al in gebruik; kies een andere, bijvoorbeeld: make run PORT=8010"
    )
    monkeypatch.setenv("PORT", "achtduizend")
    assert run.main() == 2


def test_wie_uitnodigt_ziet_de_gemailde_link(client, wereld):
    from django_scopes import scope

    from organisaties import services
    from tests.factories import lid

    beheerder = wereld.per_rol[Rol.BEHEERDER]
    with scope(regio=wereld.regio_a.pk):
        uitnodiging = services.nodig_uit(
            regio=wereld.regio_a,
            door=beheerder,
            email="nieuw@voorbeeld.nl",
            naam="Nieuwe Opleider",
            organisatie=wereld.gemeente_a,
            rol=Rol.KLANTMANAGER,
        )
        link = services.uitnodiging_link(uitnodiging).split("/uitnodiging/")[0]
    client.force_login(beheerder)
    pagina = client.get(reverse("leden", args=[wereld.regio_a.slug])).content.decode()
    assert 'aria-label="Uitnodigingslink voor nieuw@voorbeeld.nl"' in pagina
    assert f'value="{link}/uitnodiging/' in pagina
    # Another beheerder sees the invitation, not the link.
    ander = lid(wereld.regio_a, Rol.BEHEERDER)
    client.force_login(ander)
    pagina = client.get(reverse("leden", args=[wereld.regio_a.slug])).content.decode()
    assert "nieuw@voorbeeld.nl" in pagina and "Uitnodigingslink voor" not in pagina


def test_opstartchecklist_alleen_open_en_eigenaren_met_rol(client, wereld):
    from django_scopes import scope

    from tests.factories import maak_traject
    from trajecten import services
    from trajecten.models import StapStatus

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        stappen = list(traject.checklist.all())
        services.werk_checkliststap_bij(stap=stappen[0], door=regisseur, status=StapStatus.GEDAAN)
    client.force_login(regisseur)
    adres = reverse("checklist", args=[wereld.regio_a.slug, traject.pk])
    alle = client.get(adres).content.decode()
    open_ = client.get(adres + "?toon=open").content.decode()
    assert f'id="stap-{stappen[0].pk}"' in alle and f'id="stap-{stappen[0].pk}"' not in open_
    assert f'id="stap-{stappen[1].pk}"' in open_
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    assert f"{klantmanager.naam} (klantmanager bij Gemeente Oss)" in alle
    assert "seed 0" not in alle  # the sources by the report's title
    assert "Stappenplan opstart leerwerktraject voor nieuwkomers" in alle
