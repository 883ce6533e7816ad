"""Shared helpers for the browser tests (Playwright driving Debian's Chromium).

Use them from any test module; the fixtures ``browser`` and ``pagina`` are registered for the
whole suite through tests/conftest.py:

    from tests.browser import TELEFOON, axe_overtredingen, inloggen, schuift_zijwaarts

    def test_mijn_pagina(pagina, wereld):
        inloggen(pagina, wereld.per_rol[Rol.KLANTMANAGER].email)
        pagina.set_viewport_size(TELEFOON)
        pagina.goto(pagina.basis + "/r/noordoost-brabant/...")
        assert not schuift_zijwaarts(pagina)
        assert axe_overtredingen(pagina) == [], beschrijf(axe_overtredingen(pagina))
        assert pagina.meldingen == []  # no console errors (CSP blocks are console errors)

- ``pagina``: a fresh page (Dutch locale, desktop size) on the live server; ``pagina.basis``
  is the server's address, ``pagina.meldingen`` collects console errors and page errors.
- ``axe_overtredingen(page)``: the serious and critical WCAG violations axe-core finds on the
  current page, as a list of dicts (id, impact, help, nodes: the CSS targets); ``beschrijf``
  turns that list into a readable assertion message.
- ``schuift_zijwaarts(page)``: True when the page scrolls sideways (wider than the viewport).
- ``TELEFOON`` (390×844, a common phone) and ``DESKTOP`` (1280×900) for set_viewport_size.

axe-core is vendored in static/vendor/axe-core/ (version in VERSION there) and evaluated from
that file, so the tests need no network; it is never loaded by a page of the app itself.
"""

import functools
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "axe-core" / "axe.min.js"

TELEFOON = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Every test user gets this password (tests/factories.py).
WACHTWOORD = "geheim-wachtwoord-123"

# WCAG 2.1 A and AA: what Dutch public bodies must meet.
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_of_overslaan():
    """Skip the calling test when Chromium is missing; in CI that is an error instead."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Chromium for the browser tests: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium_of_overslaan()
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures and
    # test bodies stay synchronous and safe. Set only while the module runs, so that no other
    # test (or subprocess) inherits it.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def nieuwe_pagina(browser, basis, *, viewport=DESKTOP):
    """A page in a fresh context (no cookies shared), collecting console errors."""
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    page = context.new_page()
    page.meldingen = []
    page.on("console", lambda m: page.meldingen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.meldingen.append(str(e)))
    page.basis = basis
    return page


@pytest.fixture
def pagina(browser, live_server):
    page = nieuwe_pagina(browser, live_server.url)
    yield page
    page.context.close()


def inloggen(page, email, wachtwoord=WACHTWOORD):
    """The login form, and for a user with an authenticator (or a role that requires one: it is
    set up here beforehand) the second step with the current code (ADR 0015)."""
    from organisaties import tweestaps
    from organisaties.models import User

    user = User.objects.get(email=email)
    apparaat = tweestaps.ingesteld(user)
    if apparaat is None and tweestaps.is_verplicht(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        apparaat = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    page.goto(page.basis + "/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    if apparaat is not None:
        page.get_by_role("textbox", name="Code").fill(totp_code(apparaat))
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def totp_code(apparaat) -> str:
    """The code an authenticator app shows now for this device."""
    from django_otp.oath import totp

    return f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits):06d}"


def axe_overtredingen(page, *, ernst=("serious", "critical")) -> list[dict]:
    """The axe-core violations of WCAG 2.1 A/AA on the current page with an impact in
    ``ernst``. Each: {"id", "impact", "help", "nodes": [CSS target, ...]}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not restrict (a
        # <script> tag would be blocked: nothing inline, and the file is not served in tests).
        page.evaluate(_axe_bron() + "\n;undefined")
    resultaat = page.evaluate(
        """async (regels) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: regels}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        AXE_REGELS,
    )
    return [v for v in resultaat if v["impact"] in ernst]


@functools.cache
def _axe_bron() -> str:
    return AXE.read_text(encoding="utf-8")


def beschrijf(overtredingen: list[dict], waar: str = "") -> str:
    """A readable message for a failed assertion on axe_overtredingen."""
    regels = [f"{waar}:" if waar else "axe-core:"]
    for v in overtredingen:
        regels.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        regels.extend(f"      {n}" for n in v["nodes"][:5])
    return "\n".join(regels)


def schuift_zijwaarts(page) -> bool:
    """True when the page is wider than the viewport, so that it scrolls sideways."""
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
