"""Main journeys in a real browser (Debian's Chromium, driven by Playwright).

They prove what the client tests cannot: that htmx works under our Content-Security-Policy
(no inline script, no eval), that the pages work by keyboard and mouse, and that nothing on
the page is blocked. CI installs Chromium (.ci/run); elsewhere these tests skip without it.
"""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scope
from playwright.sync_api import expect

from organisaties import tweestaps
from organisaties.models import Rol
from tests.browser import WACHTWOORD, inloggen, totp_code
from tests.factories import lid, maak_traject, meld_aan
from trajecten.models import Deelname, DeelnameStatus


def test_tweede_stap_instellen_in_de_browser(pagina, wereld):
    """Set-up under the strict CSP: the QR code shows, a wrong code gets a Dutch message, the
    right one shows ten recovery codes and lets the procesregisseur in."""
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    pagina.goto(pagina.basis + "/inloggen/")
    pagina.get_by_label("E-mailadres").fill(regisseur.email)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Tweede stap")
    qr = pagina.get_by_role("img", name="QR-code")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] > 100

    pagina.get_by_role("textbox", name="Code").fill("000000")
    pagina.get_by_role("button", name="Bevestigen").click()
    expect(pagina.get_by_text("Deze code klopt niet").first).to_be_visible()

    apparaat = TOTPDevice.objects.get(user=regisseur)
    # django-otp makes the next try wait a second after a wrong code.
    pagina.wait_for_timeout(1100)
    pagina.get_by_role("textbox", name="Code").fill(totp_code(apparaat))
    pagina.get_by_role("button", name="Bevestigen").click()
    expect(pagina.locator(".herstelcodes li")).to_have_count(tweestaps.AANTAL_HERSTELCODES)
    pagina.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(pagina).to_have_url(re.compile(f"/r/{wereld.regio_a.slug}/$"))
    assert pagina.meldingen == []


def test_procesregisseur_zet_deelnemer_op_uitval_via_het_fasebord(pagina, wereld):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelname = meld_aan(traject, regisseur)[0]

    inloggen(pagina, regisseur.email)
    pagina.get_by_role("link", name="Trajecten").first.click()
    pagina.get_by_role("link", name=traject.naam).click()
    pagina.get_by_role("link", name="Fasebord").click()

    kaart = pagina.locator(f"#deelname-{deelname.pk}")
    kaart.get_by_role("link", name="Uitval").click()  # htmx loads the form into the board
    dialoog = pagina.locator("#overgang-formulier")
    dialoog.wait_for()
    assert pagina.url.endswith("/bord/"), "the form opened in place, without navigating"
    dialoog.get_by_role("button", name="Uitval").click()
    expect(pagina.locator("#overgang-formulier")).to_contain_text("Kies de reden van uitval.")

    pagina.get_by_label("Reden uitval").select_option("huisvesting")
    pagina.locator("#overgang-formulier").get_by_role("button", name="Uitval").click()
    pagina.wait_for_url("**/bord/")
    zijpad = pagina.locator("section[aria-labelledby='kolom-zijpad']")
    expect(zijpad).to_contain_text(str(deelname.kandidaat))
    with scope(regio=wereld.regio_a.pk):
        assert Deelname.objects.get(pk=deelname.pk).status == DeelnameStatus.UITGEVALLEN
    assert pagina.meldingen == []


def test_stap_zonder_javascript_formulier_via_knop(pagina, wereld):
    from werving import services as werving_services

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelname = meld_aan(traject, regisseur)[0]
    with scope(regio=wereld.regio_a.pk):
        werving_services.leg_intake_vast(deelname=deelname, door=regisseur, motivatie="Bouwen")
    inloggen(pagina, regisseur.email)
    pagina.goto(f"{pagina.basis}/r/{wereld.regio_a.slug}/trajecten/{traject.pk}/bord/")
    # Nothing skipped: one click.
    pagina.locator(f"#deelname-{deelname.pk}").get_by_role("button", name="Naar assessment").click()
    expect(pagina.locator(f"#deelname-{deelname.pk}")).to_contain_text("Assessment sinds")
    assert pagina.meldingen == []


def test_overgeslagen_stap_vraagt_reden_en_ongedaan_maken(pagina, wereld):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelname = meld_aan(traject, regisseur)[0]
    inloggen(pagina, regisseur.email)
    pagina.goto(f"{pagina.basis}/r/{wereld.regio_a.slug}/trajecten/{traject.pk}/bord/")
    kaart = pagina.locator(f"#deelname-{deelname.pk}")
    # No intake recorded: "Intake gehouden" opens its form with the warning, not a one-click step.
    kaart.get_by_role("link", name="Intake gehouden").click()
    dialoog = pagina.locator("#overgang-formulier")
    expect(dialoog).to_contain_text("Er is geen intake vastgelegd.")
    dialoog.get_by_role("button", name="Intake gehouden").click()
    expect(pagina.locator("#id_reden_error")).to_contain_text("Geef de reden")
    pagina.get_by_label("Reden om toch door te gaan").fill("Intake op de voorlichtingsdag")
    pagina.locator("#overgang-formulier").get_by_role("button", name="Intake gehouden").click()
    pagina.wait_for_url("**/bord/")
    expect(kaart).to_contain_text("Intake sinds")
    # The maker undoes it, shortly after, with a reason.
    kaart.get_by_role("link", name="Ongedaan maken").click()
    dialoog = pagina.locator("#ongedaan-formulier")
    dialoog.wait_for()
    pagina.get_by_label("Waarom maakt u deze stap ongedaan?").fill("Verkeerde kaart")
    dialoog.get_by_role("button", name="Ongedaan maken").click()
    pagina.wait_for_url("**/bord/")
    expect(kaart).to_contain_text("Aangemeld sinds")
    with scope(regio=wereld.regio_a.pk):
        assert Deelname.objects.get(pk=deelname.pk).status == DeelnameStatus.AANGEMELD
    assert pagina.meldingen == []


def test_gebruiker_in_twee_regios_wisselt_via_de_kop(pagina, wereld):
    lid(wereld.regio_a, Rol.BEGELEIDER, user=wereld.alles_in_b)
    inloggen(pagina, wereld.alles_in_b.email)
    pagina.get_by_role("link", name="Rijnmond").first.click()
    keuze = pagina.get_by_role("navigation", name="Regio kiezen")
    assert keuze.get_by_role("link", name="Rijnmond").get_attribute("aria-current") == "page"
    keuze.get_by_role("link", name="Noordoost-Brabant").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Noordoost-Brabant")
    # Keyboard: the skip link is the first stop and moves focus to the main content.
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    assert pagina.meldingen == []


def test_werkgever_vult_formulier_in_en_hervat_later(browser, live_server, wereld):
    from werving import services as werving_services

    with scope(regio=wereld.regio_a.pk):
        uitnodiging = werving_services.nodig_werkgever_uit(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.PROCESREGISSEUR],
            bedrijfsnaam="Isolatie Oss B.V.",
            email="info@isolatieoss.nl",
        )
    link = live_server.url + f"/werkgever/{werving_services.werkgever_token(uitnodiging)}/"

    eerste = browser.new_context(locale="nl-NL")
    pagina = eerste.new_page()
    pagina.goto(link)
    # The name the procesregisseur gave stays; the werkgever could suggest another.
    expect(pagina.get_by_text("Bedrijfsnaam: Isolatie Oss B.V.")).to_be_visible()
    expect(pagina.get_by_role("main")).to_contain_text("Vragen? Neem contact op met")
    pagina.get_by_label("KvK-nummer").fill("1234")
    pagina.get_by_label("Vestigingsplaats").fill("Oss")
    pagina.get_by_label("Postcode").fill("5342 AB")
    pagina.get_by_role("button", name="Opslaan en verder").click()
    expect(pagina.locator("#id_kvk_nummer_error")).to_contain_text("precies 8 cijfers")
    eerste.close()  # the tab is closed halfway

    tweede = browser.new_context(locale="nl-NL")
    pagina = tweede.new_page()
    pagina.goto(link)
    expect(pagina.get_by_label("Vestigingsplaats")).to_have_value("Oss")
    expect(pagina.get_by_label("KvK-nummer")).to_have_value("1234")
    pagina.get_by_label("KvK-nummer").fill("17123456")
    pagina.get_by_role("button", name="Opslaan en verder").click()
    expect(pagina.get_by_role("heading", level=2)).to_contain_text("Contactpersonen")
    tweede.close()


def test_begeleider_ziet_caseload_op_de_startpagina(pagina, wereld):
    """The home page loads the begeleider's panel with htmx (under the CSP, without inline
    script)."""
    from begeleiding import services as begeleiding_services

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    begeleider = wereld.per_rol[Rol.BEGELEIDER]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelname = meld_aan(traject, regisseur)[0]
    with scope(regio=wereld.regio_a.pk):
        begeleiding_services.koppel_begeleider(
            deelname=deelname, door=regisseur, rol="arbeidscoach", persoon=begeleider
        )
    inloggen(pagina, begeleider.email)
    expect(pagina.locator("#paneel-begeleider")).to_contain_text(str(deelname.kandidaat))
    assert pagina.meldingen == []


def test_inspanningsovereenkomst_versturen_tekenen_en_downloaden(browser, pagina, wereld):
    """The whole signing flow: the procesregisseur sends, the werkgever signs through the link
    (no account), the procesregisseur countersigns, and the werkgever finds the final PDF on
    their home page."""
    from tests.documenten.helpers import maak_overeenkomst, werkgever_van
    from trajecten import services as traject_services

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        traject_services.voeg_partner_toe(
            traject=traject, organisatie=werkgever_van(wereld), rol="werkgever", door=regisseur
        )
    document, _ = maak_overeenkomst(wereld, traject, versturen=False)
    documentpagina = f"{pagina.basis}/r/{wereld.regio_a.slug}/documenten/{document.pk}/"

    inloggen(pagina, regisseur.email)
    pagina.goto(documentpagina)
    expect(pagina.get_by_label("Ondertekenlink sturen naar")).to_have_value("jan@isolatieoss.nl")
    pagina.get_by_role("button", name="Versturen ter ondertekening").click()
    expect(pagina.locator(".meldingen")).to_contain_text("Versie 1 is ter ondertekening verstuurd")
    link = pagina.locator("#ondertekenlink").inner_text()
    assert "/ondertekenen/" in link

    werkgever_context = browser.new_context(locale="nl-NL")
    ondertekenaar = werkgever_context.new_page()
    ondertekenaar.goto(pagina.basis + "/" + link.split("://", 1)[1].split("/", 1)[1])
    pdf = ondertekenaar.request.get(
        pagina.basis
        + ondertekenaar.get_by_role("link", name="Lees de overeenkomst (PDF)").get_attribute("href")
    )
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    expect(ondertekenaar.get_by_label("Uw naam")).to_have_value("Jan de Boer")
    ondertekenaar.get_by_label("Uw functie").fill("Directeur-eigenaar")
    ondertekenaar.get_by_label("Ik heb de overeenkomst gelezen en ga ermee akkoord").check()
    ondertekenaar.get_by_role("button", name="Ondertekenen").click()
    expect(ondertekenaar.get_by_role("heading", level=1)).to_have_text(
        "Bedankt, u hebt ondertekend"
    )
    ondertekenaar.reload()
    expect(ondertekenaar.get_by_role("heading", level=1)).to_have_text(
        "Deze link werkt niet (meer)"
    )
    werkgever_context.close()

    pagina.reload()
    pagina.get_by_label("Uw functie").fill("Procesregisseur")
    pagina.get_by_label("Ik heb de overeenkomst gelezen en ga ermee akkoord").check()
    pagina.get_by_role("button", name="Ondertekenen").click()
    expect(pagina.get_by_role("heading", name="Ondertekende overeenkomst")).to_be_visible()
    assert pagina.meldingen == []

    werkgever = browser.new_context(locale="nl-NL")
    thuis = werkgever.new_page()
    thuis.meldingen = []
    thuis.on("console", lambda m: thuis.meldingen.append(m.text) if m.type == "error" else None)
    thuis.basis = pagina.basis
    inloggen(thuis, wereld.per_rol[Rol.WERKGEVER].email)
    definitief = thuis.locator("#overeenkomsten").get_by_role(
        "link", name="Ondertekende overeenkomst (versie 1)"
    )
    expect(definitief).to_be_visible()  # loaded into the home page with htmx
    antwoord = thuis.request.get(thuis.basis + definitief.get_attribute("href"))
    assert antwoord.headers["content-type"] == "application/pdf"
    assert antwoord.body().startswith(b"%PDF")
    assert thuis.meldingen == []
    werkgever.close()


def _focus(page) -> str:
    """What has focus: its accessible text, id and whether it is inside the open dialog."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            return (e.closest('dialog[open]') ? 'dialoog:' : '') + (e.id || '') + '|' +
                   (e.textContent || '').trim().replace(/\\s+/g, ' '); }"""
    )


def _tab_naar(page, tekst, *, max_stappen=40):
    """Press Tab until the focused element's text starts with ``tekst``."""
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        if _focus(page).split("|", 1)[1].startswith(tekst):
            return
    raise AssertionError(f"'{tekst}' is not reachable with Tab (focus: {_focus(page)})")


def test_fasebord_dialoog_met_alleen_het_toetsenbord(pagina, wereld):
    """Open the step's form from a card, submit it empty, follow the error summary to the field,
    fix it and submit; then open another and close it with Escape: focus is where it belongs."""
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    eerste, tweede = meld_aan(traject, regisseur, n=2)
    inloggen(pagina, regisseur.email)
    pagina.goto(f"{pagina.basis}/r/{wereld.regio_a.slug}/trajecten/{traject.pk}/bord/")

    knop = pagina.locator(f"#deelname-{eerste.pk}").get_by_role("link", name="Uitval")
    knop.focus()
    pagina.keyboard.press("Enter")
    dialoog = pagina.locator("dialog#dialoog")
    expect(dialoog).to_be_visible()
    assert pagina.evaluate(  # the first field
        "document.activeElement === document.querySelector("
        "'#dialoog form select, #dialoog form textarea, #dialoog form input:not([type=hidden])')"
    ), _focus(pagina)
    assert pagina.url.endswith("/bord/")

    _tab_naar(pagina, "Uitval")  # the dialog's submit button
    pagina.keyboard.press("Enter")
    samenvatting = dialoog.locator(".foutsamenvatting")
    expect(samenvatting).to_be_focused()  # errors keep focus in the dialog
    expect(samenvatting).to_contain_text("Kies de reden van uitval.")
    _tab_naar(pagina, "Reden uitval")  # the summary's link to the field
    pagina.keyboard.press("Enter")
    expect(pagina.locator("#id_uitval_reden")).to_be_focused()
    pagina.keyboard.press("ArrowDown")
    assert pagina.locator("#id_uitval_reden").input_value() != ""
    _tab_naar(pagina, "Uitval")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/bord/")
    expect(pagina.locator("section[aria-labelledby='kolom-zijpad']")).to_contain_text(
        str(eerste.kandidaat)
    )
    with scope(regio=wereld.regio_a.pk):
        assert Deelname.objects.get(pk=eerste.pk).status == DeelnameStatus.UITGEVALLEN

    # Escape closes the dialog and gives focus back to the card's button.
    knop = pagina.locator(f"#deelname-{tweede.pk}").get_by_role("link", name="Parkeren")
    knop.focus()
    pagina.keyboard.press("Enter")
    expect(dialoog).to_be_visible()
    assert _focus(pagina).startswith("dialoog:")
    pagina.keyboard.press("Escape")
    expect(dialoog).to_be_hidden()
    expect(knop).to_be_focused()
    assert pagina.meldingen == []


def test_fasebord_formulier_zonder_javascript_als_pagina(browser, live_server, wereld):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelname = meld_aan(traject, regisseur)[0]
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    pagina = context.new_page()
    pagina.basis = live_server.url
    inloggen(pagina, regisseur.email)
    pagina.goto(f"{pagina.basis}/r/{wereld.regio_a.slug}/trajecten/{traject.pk}/bord/")
    pagina.locator(f"#deelname-{deelname.pk}").get_by_role("link", name="Uitval").click()
    assert "/bord/" not in pagina.url
    pagina.get_by_role("button", name="Uitval").click()
    expect(pagina.locator(".foutsamenvatting")).to_contain_text("Kies de reden van uitval.")
    context.close()


def test_werkgever_enter_in_een_veld_slaat_de_stap_op(browser, live_server, wereld):
    """Enter in a field submits the step ("Opslaan en verder" is the default button), never
    "Nog een vacature toevoegen"."""
    from werving import services as werving_services

    with scope(regio=wereld.regio_a.pk):
        uitnodiging = werving_services.nodig_werkgever_uit(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.PROCESREGISSEUR],
            bedrijfsnaam="Isolatie Oss B.V.",
            email="info@isolatieoss.nl",
        )
    context = browser.new_context(locale="nl-NL")
    pagina = context.new_page()
    pagina.goto(live_server.url + f"/werkgever/{werving_services.werkgever_token(uitnodiging)}/")
    pagina.get_by_label("KvK-nummer").fill("17123456")
    pagina.get_by_label("Vestigingsplaats").fill("Oss")
    pagina.get_by_label("Postcode").fill("5342 AB")
    pagina.get_by_label("Postcode").press("Enter")
    expect(pagina.get_by_role("heading", level=2)).to_contain_text("Contactpersonen")
    for veld, waarde in [
        ("contactpersoon", "Jan de Boer"),
        ("email", "jan@isolatieoss.nl"),
        ("telefoon", "0412 123456"),
        ("projectleider", "Piet Smit"),
        ("projectleider_email", "piet@isolatieoss.nl"),
        ("plaatsvervanger", "Kees Smit"),
        ("plaatsvervanger_email", "kees@isolatieoss.nl"),
    ]:
        pagina.locator(f"#id_{veld}").fill(waarde)
    pagina.locator("#id_plaatsvervanger_email").press("Enter")
    expect(pagina.get_by_role("heading", level=2)).to_contain_text("Vacatures")
    stappen = pagina.get_by_role("navigation", name="Stappen").get_by_role("listitem")
    expect(stappen).to_have_count(5)
    pagina.get_by_label("Functie").fill("Isolatiemonteur")
    pagina.get_by_label("Functie").press("Enter")
    # Saved and on to the next step, or (incomplete) the same step with its errors: never a
    # second, empty vacature.
    expect(pagina.locator("legend", has_text="Vacature 2")).to_have_count(0)
    with scope(regio=wereld.regio_a.pk):
        intake = uitnodiging.intake
        intake.refresh_from_db()
        assert intake.gegevens("vacatures")["vacature-TOTAL_FORMS"] == ["1"]
    context.close()


def test_checkliststap_opslaan_houdt_de_focus_op_zijn_plaats(pagina, wereld):
    """A row of the opstart checklist saves in place (htmx): the saved state is shown and the
    keyboard user stays on the row's button instead of falling back to the page body."""
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        stap = traject.checklist.order_by("volgorde").first()
    inloggen(pagina, regisseur.email)
    pagina.goto(f"{pagina.basis}/r/{wereld.regio_a.slug}/trajecten/{traject.pk}/checklist/")
    rij = pagina.locator(f"#stap-{stap.pk}")
    rij.get_by_label("Status").select_option("gedaan")
    rij.get_by_role("button", name="Opslaan").focus()
    pagina.keyboard.press("Enter")
    expect(pagina.locator(f"#stap-{stap.pk} .opgeslagen")).to_contain_text("Opgeslagen.")
    expect(pagina.locator(f"#stap-{stap.pk}").get_by_role("button", name="Opslaan")).to_be_focused()
    assert pagina.meldingen == []
