import contextlib
import re
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client

from organisaties import tweestaps
from organisaties.models import Organisatie, Regio, Rol, User

# The browser fixtures (Playwright on Debian's Chromium) for every test module: tests/browser.py.
from .browser import browser, pagina  # noqa: F401
from .factories import OrganisatieFactory, RegioFactory, lid


@pytest.fixture(autouse=True)
def _snelle_tests(settings, tmp_path):
    # Password hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploads (evidence of results) go to a temporary folder, not into the working tree.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()


@pytest.fixture(autouse=True)
def _tweede_stap_gedaan(monkeypatch):
    """Tests log in with `client.force_login`: such a session counts as having taken its second
    step (ADR 0015), as after entering the code. The second step itself is tested through the
    login form (tests/organisaties/test_tweestaps.py, tests/test_browser.py)."""
    origineel = Client.force_login

    def force_login(self, user, backend=None):
        origineel(self, user, backend)
        markeer_tweede_stap(self)

    monkeypatch.setattr(Client, "force_login", force_login)


def markeer_tweede_stap(client):
    sessie = client.session
    sessie[tweestaps.SESSIE] = tweestaps.GEVERIFIEERD
    sessie.save()


@dataclass
class Wereld:
    """Two regio's; in A one user per role, in B one user with every role."""

    regio_a: Regio
    regio_b: Regio
    gemeente_a: Organisatie
    per_rol: dict[str, User] = field(default_factory=dict)
    alles_in_b: User | None = None


@pytest.fixture
def wereld(db) -> Wereld:
    a = RegioFactory(naam="Noordoost-Brabant", slug="noordoost-brabant")
    b = RegioFactory(naam="Rijnmond", slug="rijnmond")
    gemeente_a = OrganisatieFactory(
        naam="Gemeente Oss", soort=Organisatie.Soort.GEMEENTE, kvk_nummer=""
    )
    w = Wereld(regio_a=a, regio_b=b, gemeente_a=gemeente_a)
    for rol in Rol.values:
        org = gemeente_a if rol == Rol.KLANTMANAGER else None
        w.per_rol[rol] = lid(a, rol, organisatie=org)
    alles = None
    for rol in Rol.values:
        alles = lid(b, rol, user=alles)
    w.alles_in_b = alles
    return w


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test leaves a screenshot of every open page in test-artefacten/ (kept
    by CI as an artefact; ignored by git)."""
    uitkomst = yield
    rapport = uitkomst.get_result()
    chromium = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if rapport.when != "call" or not rapport.failed or chromium is None:
        return
    from pathlib import Path

    map_ = Path(__file__).resolve().parent.parent / "test-artefacten"
    map_.mkdir(exist_ok=True)
    naam = re.sub(r"[^\w.-]+", "_", item.nodeid)
    for i, page in enumerate(p for c in chromium.contexts for p in c.pages):
        with contextlib.suppress(Exception):  # a closed page or a crashed browser: no picture
            page.screenshot(path=str(map_ / f"{naam}-{i}.png"), full_page=True)
