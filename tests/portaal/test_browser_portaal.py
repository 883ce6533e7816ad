"""The kandidaat's own page in a real browser, at phone width (390 px): from the klantmanager's
invitation to a profile filled in over two visits, seen by the klantmanager; every page checked
with axe-core; the Arabic translation laid out right to left."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from organisaties.models import Rol
from portaal.models import ZelfprofielStap
from tests.browser import TELEFOON, axe_overtredingen, beschrijf, inloggen, nieuwe_pagina
from tests.browser import schuift_zijwaarts as _schuift
from tests.paginas import _traject_in_a

pytestmark = pytest.mark.django_db(transaction=True)


def _link_uit_mail(basis) -> str:
    pad = re.search(r"/mijn/link/[^/\s]+/", mail.outbox[-1].body).group(0)
    return basis + pad


def _controleer(page, waar):
    assert not _schuift(page), f"{waar} schuift zijwaarts op 390 px"
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], beschrijf(overtredingen, waar)
    assert page.meldingen == [], page.meldingen


def test_van_uitnodiging_tot_profiel_dat_de_klantmanager_ziet(browser, live_server, wereld):
    _traject_in_a(wereld)
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    kandidaat = wereld.deelname.kandidaat
    km = nieuwe_pagina(browser, live_server.url)
    inloggen(km, klantmanager.email)
    beheer = f"{live_server.url}/r/{wereld.regio_a.slug}/eigen-pagina/{kandidaat.pk}/"
    km.goto(f"{live_server.url}/r/{wereld.regio_a.slug}/werving/kandidaten/{kandidaat.pk}/")
    km.get_by_role("link", name="Eigen pagina van de kandidaat").click()
    km.get_by_role("link", name="Eigen pagina openen").click()
    km.get_by_label("E-mailadres van de kandidaat").fill("kandidaat@voorbeeld.nl")
    km.get_by_label("De kandidaat wil een eigen pagina").check()
    km.get_by_role("button", name="Opslaan").click()
    expect(km.get_by_text("De link is per e-mail verstuurd.")).to_be_visible()
    assert mail.outbox[-1].to == ["kandidaat@voorbeeld.nl"]

    # First visit, on a phone.
    eerste = nieuwe_pagina(browser, live_server.url, viewport=TELEFOON)
    eerste.goto(_link_uit_mail(live_server.url))
    _controleer(eerste, "link")
    eerste.get_by_role("button", name="Naar mijn pagina").click()
    expect(eerste.get_by_role("heading", level=1)).to_contain_text(kandidaat.voornaam)
    _controleer(eerste, "mijn pagina")
    for naam in ("Afspraken", "Contact", "Delen", "Profiel"):
        eerste.get_by_role("navigation").get_by_role("link", name=naam).click()
        eerste.wait_for_load_state()
        _controleer(eerste, naam)
    eerste.get_by_role("link", name="Talen").first.click()
    eerste.get_by_role("button", name="Opslaan en verder").click()  # nothing chosen yet
    expect(eerste.get_by_text("Kies minstens één taal.")).to_be_visible()
    _controleer(eerste, "profielstap met fout")
    eerste.get_by_label("Arabisch").check()
    eerste.get_by_label("Een beetje").check()
    eerste.get_by_role("button", name="Opslaan en verder").click()
    expect(eerste.get_by_role("heading", level=1)).to_contain_text("Diploma")
    eerste.context.close()  # the phone is put away

    # Second visit, with a new link: the page offers the next step.
    km.goto(beheer)
    km.get_by_role("button", name="Nieuwe link per e-mail").click()
    tweede = nieuwe_pagina(browser, live_server.url, viewport=TELEFOON)
    tweede.goto(_link_uit_mail(live_server.url))
    tweede.get_by_role("button", name="Naar mijn pagina").click()
    tweede.get_by_role("link", name=re.compile("Je hebt 1 van de 7 stappen")).click()
    tweede.get_by_label("Ja, voor een vak").check()
    tweede.get_by_label("In een ander land").check()
    tweede.get_by_label("Welk diploma? (mag leeg)").fill("Lasser")
    _controleer(tweede, "profielstap diploma")
    tweede.get_by_role("button", name="Opslaan en stoppen").click()

    # The klantmanager sees the kandidaat's own words and confirms them.
    km.goto(beheer)
    eigen = km.locator(
        "section", has=km.get_by_role("heading", name="Wat de kandidaat zelf invulde")
    )
    expect(eigen).to_contain_text("Arabisch")
    expect(eigen).to_contain_text("Lasser")
    km.get_by_role("button", name="Gezien en besproken").click()
    with scopes_disabled():
        assert not ZelfprofielStap.objects.filter(kandidaat=kandidaat, bevestigd_op=None).exists()
        assert ZelfprofielStap.objects.filter(kandidaat=kandidaat).count() == 2

    # Arabic beside the Dutch, right to left, and still accessible.
    tweede.get_by_role("link", name="Taal").click()
    tweede.get_by_label("العربية").check()
    tweede.get_by_role("button", name="Opslaan").click()
    vertaling = tweede.locator("main .vertaling[lang=ar]").first
    expect(vertaling).to_be_visible()
    assert vertaling.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(tweede.get_by_role("heading", level=1)).to_contain_text("Hallo")  # the Dutch stays
    _controleer(tweede, "mijn pagina in het Arabisch")
    tweede.get_by_role("navigation").get_by_role("link", name="Profiel").click()
    _controleer(tweede, "profiel in het Arabisch")
