"""Every role's pages, reached through its menus, in a real browser at desktop and phone width:
axe-core finds no serious or critical WCAG 2.1 AA violation, and at 390 px no page scrolls
sideways (tables become stacked cards; wide regions scroll by themselves and are reachable by
keyboard). The demo data gives every page something to show.

Run alone: `. ./.env.helper && .venv/bin/pytest tests/test_toegankelijkheid.py`.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from organisaties.demo import DEMO_WACHTWOORD
from tests.browser import (
    DESKTOP,
    TELEFOON,
    axe_overtredingen,
    beschrijf,
    inloggen,
    nieuwe_pagina,
    schuift_zijwaarts,
)

# One login per role (the demo logins of README.md).
LOGINS = [
    "procesregisseur@nob.example",
    "klantmanager.oss@nob.example",
    "financier@nob.example",
    "opleider@nob.example",
    "begeleider@nob.example",
    "werkgever@nob.example",
    "beheerder@nob.example",
]


def menupaginas(page) -> list[str]:
    """The addresses of the main menu and of the sub-menus on the pages it leads to."""

    def links(selector):
        return page.eval_on_selector_all(selector, "els => els.map(a => a.href)")

    gezien = list(dict.fromkeys(links("nav.hoofdmenu a")))
    for url in list(gezien):
        page.goto(url)
        for sub in links("main nav a"):
            if sub not in gezien and "#" not in sub:
                gezien.append(sub)
    return gezien


# serialized_rollback: the demo data needs the rows the migrations put in (beroepen), which an
# earlier transactional test of the same worker may have flushed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elke_rol_haar_menupaginas_zonder_ernstige_overtredingen(browser, live_server, settings):
    settings.DEBUG = False
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    fouten = []
    for email in LOGINS:
        page = nieuwe_pagina(browser, live_server.url)
        inloggen(page, email, DEMO_WACHTWOORD)
        for url in menupaginas(page):
            for naam, maat in (("desktop", DESKTOP), ("telefoon", TELEFOON)):
                page.set_viewport_size(maat)
                page.goto(url)
                waar = f"{email} {url.removeprefix(live_server.url)} ({naam})"
                if overtredingen := axe_overtredingen(page):
                    fouten.append(beschrijf(overtredingen, waar))
                if naam == "telefoon" and schuift_zijwaarts(page):
                    fouten.append(f"{waar}: de pagina schuift zijwaarts")
        if page.meldingen:
            fouten.append(f"{email}: console: {page.meldingen}")
        page.context.close()
    assert not fouten, "\n".join(fouten)
