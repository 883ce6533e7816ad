"""The production configuration, run for real: collectstatic with WhiteNoise's manifest storage,
gunicorn on a free port in a subprocess, DEBUG=false, behind a (pretend) TLS proxy. A few pages
are fetched and their security headers checked."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _haal(url, **koppen):
    verzoek = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **koppen})
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:  # noqa: S310 - loopback
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


class _GeenRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        database = connection.settings_dict["NAME"]
    basis = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    static = tmp_path_factory.mktemp("static")
    omgeving = {
        **os.environ,
        "DEBUG": "false",
        "DATABASE_URL": f"{basis}/{database}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "true",
        "STATIC_ROOT": str(static),
        "STATICFILES_STORAGE": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    bin_ = Path(sys.executable).parent
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=omgeving,
        check=True,
        timeout=300,
    )
    poort = _vrije_poort()
    proces = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            str(bin_ / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=omgeving,
    )
    adres = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            try:
                _haal(adres + "/gezondheid/")
                break
            except OSError:
                time.sleep(0.1)
        yield adres
    finally:
        proces.terminate()
        proces.wait(timeout=10)


def test_paginas_en_koppen_in_productie(server):
    status, koppen, inhoud = _haal(server + "/inloggen/")
    assert status == 200
    assert "script-src 'self'" in koppen["Content-Security-Policy"]
    assert "unsafe-inline" not in koppen["Content-Security-Policy"]
    assert koppen["X-Frame-Options"] == "DENY"
    assert koppen["X-Content-Type-Options"] == "nosniff"
    assert koppen["Referrer-Policy"] == "same-origin"
    assert koppen["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Secure" in koppen["Set-Cookie"] and "HttpOnly" not in koppen.get("X-Debug", "")
    assert b"Traceback" not in inhoud
    # Static files come from WhiteNoise under their hashed names, cached for ever.
    css = re.search(r'href="(/static/css/schakel\.[0-9a-f]{12}\.css)"', inhoud.decode()).group(1)
    status, koppen, _ = _haal(server + css, **{"Accept-Encoding": "gzip"})
    assert status == 200 and "max-age=315360000" in koppen["Cache-Control"]
    # The API docs with the vendored Swagger UI, and the schema.
    status, koppen, docs = _haal(server + "/api/v1/docs/")
    assert status == 200 and b"swagger-ui-bundle." in docs
    status, koppen, _ = _haal(server + "/api/v1/schema/")
    assert status == 200 and "openapi" in koppen["Content-Type"]
    # An unknown page: the Dutch 404 page, no debug information.
    status, _, inhoud = _haal(server + "/bestaat-niet/")
    assert status == 404 and b"Traceback" not in inhoud and b"DEBUG" not in inhoud
    # Plain http is sent to https.
    opener = urllib.request.build_opener(_GeenRedirect)
    with pytest.raises(urllib.error.HTTPError) as fout:
        opener.open(server + "/inloggen/", timeout=10)  # noqa: S310 - loopback
    assert fout.value.code == 301 and fout.value.headers["Location"].startswith("https://")
