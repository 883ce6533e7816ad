"""Project-wide promises: demo data, deploy settings, migrations, CSP, health."""

import base64
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_scopes import scopes_disabled

from organisaties.demo import DEMO_TOTP_SLEUTEL, DEMO_WACHTWOORD, LOGINS
from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User
from trajecten.models import Deelname, Gebeurtenis, Mijlpaal, Traject

BASE_DIR = Path(__file__).resolve().parent.parent


def _tellingen():
    with scopes_disabled():
        return (
            Regio.objects.count(),
            Organisatie.objects.count(),
            User.objects.count(),
            Lidmaatschap.objects.count(),
            sorted(User.objects.values_list("password", flat=True)),
            Traject.objects.count(),
            Deelname.objects.count(),
            Mijlpaal.objects.count(),
            Gebeurtenis.objects.count(),
        )


def test_demodata_twee_keer_laden_verandert_niets(db):
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    eerst = _tellingen()
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    assert _tellingen() == eerst
    assert eerst[0] == 2
    assert eerst[5:7] == (2, 12)


def test_demodata_drukt_een_werkende_link_naar_de_eigen_pagina_van_een_kandidaat(client, db):
    uit = StringIO()
    call_command("demo_data", "--ook-zonder-debug", stdout=uit)
    pad = uit.getvalue().rsplit("/mijn/link/", 1)[1].split()[0]
    assert client.post("/mijn/link/" + pad).url == reverse("mijn_pagina")
    pagina = client.get(reverse("mijn_pagina")).content.decode()
    assert "Werkplein Oss" in pagina and "VCA-pasje" in pagina


def test_demodata_weigert_zonder_debug(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo_data")


def test_elke_demo_login_bereikt_zijn_startpagina(client, db):
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    assert {login.rol for login in LOGINS} == set(Rol.values)
    for email in {login.email for login in LOGINS}:
        client.logout()
        response = client.post(
            reverse("login"), {"username": email, "password": DEMO_WACHTWOORD}, follow=True
        )
        if response.redirect_chain[-1][0].startswith(reverse("tweestaps_controleren")):
            # Roles with the second step: the demo's known key (organisaties/demo.py).
            code = totp(base64.b32decode(DEMO_TOTP_SLEUTEL))
            response = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)
        assert response.status_code == 200, email
        assert response.redirect_chain, email
        regios = {login.regio for login in LOGINS if login.email == email}
        if len(regios) == 1:
            assert response.redirect_chain[-1][0] == f"/r/{regios.pop()}/", email
        else:
            assert "Kies" in response.content.decode() or "Welkom" in response.content.decode()


def test_demodata_lijkt_op_de_pilots(db):
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    nob = Regio.objects.get(slug="noordoost-brabant")
    namen = set(nob.organisaties.values_list("naam", flat=True))
    assert {
        "Werkcentrum Noordoost-Brabant",
        "Wij Techniek",
        "Vakwijs",
        "Gemeente 's-Hertogenbosch",
        "Gemeente Oss",
    } <= namen
    assert nob.organisaties.filter(soort="werkgever").count() == 2
    rijnmond = Regio.objects.get(slug="rijnmond")
    assert set(rijnmond.gemeenten.values_list("naam", flat=True)) == {"Gemeente Rotterdam"}


def _django(*args, **env):
    omgeving = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_in_productiestand():
    resultaat = _django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Gm2pQ9vR4tY8wK1zL5nB3cF6hJ0dS-aE_uI2oP7qW9eR4tY8u",
        ALLOWED_HOSTS="schakel.example.nl",
        SECURE_SSL_REDIRECT="true",
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_productie_zonder_secret_key_start_niet():
    resultaat = _django("check", DEBUG="false")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stderr


@pytest.mark.django_db
def test_geen_ontbrekende_migraties():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_csp_zonder_unsafe(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"


def test_templates_zonder_inline_scripts_of_stijl():
    fouten = []
    for pad in (BASE_DIR / "templates").rglob("*.html"):
        tekst = pad.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", tekst):
            fouten.append(f"{pad}: inline <script>")
        if re.search(r"<style\b|\sstyle=|\son[a-z]+=|hx-on", tekst):
            fouten.append(f"{pad}: inline stijl of event handler")
    assert fouten == []


def test_htmx_is_lokaal_en_zonder_eval(client, db):
    inhoud = client.get(reverse("login")).content.decode()
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in inhoud
    assert '"allowEval": false' in inhoud
    assert (BASE_DIR / "static/vendor/htmx/htmx.min.js").stat().st_size > 10_000
    for pad in (BASE_DIR / "templates").rglob("*.html"):
        assert not re.findall(r'(?:src|href)="(?:https?:)?//', pad.read_text()), f"{pad}: geen CDN"


def test_gezondheid_database_en_redis(client, db):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


def test_maak_regio_met_eerste_beheerder(client, db):
    uit = StringIO()
    call_command(
        "maak_regio",
        "--naam",
        "Twente",
        "--slug",
        "twente",
        "--organisatie",
        "Werkplein Twente",
        "--beheerder-email",
        "Beheer@Twente.nl",
        "--beheerder-naam",
        "Ilse Kamphuis",
        stdout=uit,
    )
    link = uit.getvalue().strip().splitlines()[-1]
    pad = "/" + link.split("://", 1)[1].split("/", 1)[1]
    wachtwoord = "twente-wachtwoord-2026"
    response = client.post(
        pad, {"naam": "Ilse Kamphuis", "wachtwoord1": wachtwoord, "wachtwoord2": wachtwoord}
    )
    assert response["Location"] == "/r/twente/"
    # A beheerder sets up the second step of logging in first (ADR 0015).
    assert client.get("/r/twente/beheer/leden/")["Location"].startswith(
        reverse("tweestaps_instellen")
    )


def test_maak_regio_weigert_dubbele_slug(db):
    from django.core.management.base import CommandError

    args = [
        "--naam",
        "Twente",
        "--slug",
        "twente",
        "--organisatie",
        "W",
        "--beheerder-email",
        "a@b.nl",
        "--beheerder-naam",
        "A",
    ]
    call_command("maak_regio", *args, stdout=StringIO())
    with pytest.raises(CommandError, match="Slug"):
        call_command("maak_regio", *args, stdout=StringIO())
