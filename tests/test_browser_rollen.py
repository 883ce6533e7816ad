"""The main journey of each role in a real browser, on the demo data that `make run` loads:
log in, follow the menu to the role's main task, do it, see the result. axe-core checks every
page on the way (no serious or critical violations). A failing test leaves screenshots in
test-artefacten/ (tests/conftest.py)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from organisaties.demo import DEMO_WACHTWOORD
from tests.browser import axe_overtredingen, beschrijf, inloggen

pytestmark = pytest.mark.django_db(transaction=True)

NAMEN = ["Ahmad Al-Hassan", "Mariam Haidari", "Omar Khalil", "Yusuf Rahimi"]


@pytest.fixture
def demo(live_server):
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    call_command("scan_signalen", stdout=StringIO())


def _als(pagina, email):
    inloggen(pagina, email, DEMO_WACHTWOORD)
    expect(pagina.get_by_role("heading", name="Noordoost-Brabant", level=1)).to_be_visible()
    _toegankelijk(pagina, f"home van {email}")


def _toegankelijk(pagina, waar):
    pagina.wait_for_load_state("networkidle")  # the home's panels load with htmx
    overtredingen = axe_overtredingen(pagina)
    assert overtredingen == [], beschrijf(overtredingen, waar)
    assert pagina.meldingen == [], pagina.meldingen


def _menu(pagina, naam):
    pagina.get_by_role("navigation", name=re.compile("Hoofdmenu|Menu", re.I)).get_by_role(
        "link", name=naam, exact=True
    ).click()


def test_procesregisseur_ziet_wat_te_doen_is_en_hoe_de_rondes_ervoor_staan(demo, pagina):
    _als(pagina, "procesregisseur@nob.example")
    te_doen = pagina.locator("section", has=pagina.get_by_role("heading", name="Te doen"))
    expect(te_doen.get_by_role("link").first).to_be_visible()
    # Every running round on the home itself (an htmx panel): funnel and "op koers / risico".
    expect(pagina.get_by_text(re.compile("^(op koers|risico)$")).first).to_be_visible()
    expect(pagina.get_by_role("link", name="Fasebord").first).to_be_visible()
    pagina.get_by_role("link", name="Overzicht met filters").click()
    _toegankelijk(pagina, "overzicht")


def test_klantmanager_keurt_een_vordering_goed(demo, pagina):
    _als(pagina, "klantmanager.oss@nob.example")
    _menu(pagina, "Financiering")
    pagina.get_by_role("link", name="Vorderingen", exact=True).first.click()
    _toegankelijk(pagina, "vorderingen")
    vordering = pagina.get_by_role("link", name=re.compile(r"^V\d+$")).first
    nummer = vordering.inner_text()
    vordering.click()
    pagina.get_by_role("link", name="Beoordelen").click()
    _toegankelijk(pagina, "beoordelen")
    pagina.get_by_label("Akkoord").check()
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    expect(pagina.get_by_text(f"Vordering {nummer} goedgekeurd.")).to_be_visible()
    expect(pagina.get_by_role("link", name=nummer, exact=True)).to_have_count(0)
    _toegankelijk(pagina, "vorderingen die wachten, na het besluit")
    _menu(pagina, "Mijn kandidaten")
    expect(pagina.get_by_role("link", name="Yusuf Rahimi")).to_be_visible()
    _toegankelijk(pagina, "mijn kandidaten")


def test_opleider_legt_presentie_vast(demo, pagina):
    _als(pagina, "opleider@nob.example")
    _menu(pagina, "Sessies")
    _toegankelijk(pagina, "sessies")
    open_ = pagina.locator(
        "section", has=pagina.get_by_role("heading", name="Presentie nog vastleggen")
    )
    sessie = open_.get_by_role("link").first
    titel = sessie.inner_text()
    sessie.click()
    _toegankelijk(pagina, "presentie")
    for keuze in pagina.get_by_label("Aanwezig", exact=True).all():
        keuze.check()
    pagina.get_by_role("button", name="Opslaan").click()
    _menu(pagina, "Sessies")
    expect(
        pagina.locator(
            "section", has=pagina.get_by_role("heading", name="Presentie nog vastleggen")
        ).get_by_role("link", name=titel, exact=True)
    ).to_have_count(0)


def test_begeleider_legt_een_contactmoment_vast(demo, pagina):
    _als(pagina, "begeleider@nob.example")
    _menu(pagina, "Mijn deelnemers")
    _toegankelijk(pagina, "caseload")
    pagina.get_by_role("link", name="Ahmad Al-Hassan").first.click()
    _toegankelijk(pagina, "dossier")
    pagina.get_by_label("Kanaal").select_option(index=1)
    pagina.get_by_label("Samenvatting").fill("Gesprek over de fiets en de reistijd.")
    pagina.get_by_role("button", name="Opslaan", exact=True).click()
    expect(pagina.get_by_text("Gesprek over de fiets en de reistijd.")).to_be_visible()


def test_financier_ziet_zijn_aandeel_zonder_namen(demo, pagina):
    _als(pagina, "financier@nob.example")
    _menu(pagina, "Financiering")
    _toegankelijk(pagina, "financiering")
    pagina.get_by_role("link", name="Installatiemonteur Noordoost-Brabant, ronde 1").first.click()
    expect(pagina.get_by_role("heading", name="Dekking van de ronde")).to_be_visible()
    _toegankelijk(pagina, "aandeel van de financier")
    tekst = pagina.locator("main").inner_text()
    assert "€" in tekst
    assert [naam for naam in NAMEN if naam in tekst] == []


def test_beheerder_nodigt_iemand_uit(demo, pagina):
    _als(pagina, "beheerder@nob.example")
    _menu(pagina, "Leden")
    _toegankelijk(pagina, "leden")
    pagina.get_by_role("link", name="Iemand uitnodigen").first.click()
    pagina.get_by_label("Naam").fill("Noor de Vries")
    pagina.get_by_label("E-mailadres").fill("noor.devries@oss.example")
    pagina.get_by_label("Organisatie").select_option(label="Gemeente Oss")
    pagina.get_by_label("Rol").select_option("klantmanager")
    _toegankelijk(pagina, "uitnodigen")
    pagina.get_by_role("button", name="Uitnodiging versturen").click()
    expect(pagina.get_by_text("noor.devries@oss.example").first).to_be_visible()


def test_werkgever_ziet_vacatures_en_geplaatste_deelnemers(demo, pagina):
    _als(pagina, "werkgever@nob.example")
    _menu(pagina, "Mijn vacatures")
    expect(pagina.get_by_role("heading", name="Deelnemers bij u geplaatst")).to_be_visible()
    _toegankelijk(pagina, "mijn vacatures")
