"""The inspanningsovereenkomst and the proefplaatsingsovereenkomst: what the PDFs say, signing
through the link and in Schakel, signed versions that never change, missing fields, escaping,
private storage and the download log."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from pypdf import PdfReader

from documenten import services
from documenten.models import (
    Document,
    DocumentVersie,
    Download,
    OndertekendeVersieGewijzigd,
    Ondertekening,
    VersieStatus,
)
from documenten.renderer import sha256
from organisaties.models import Lidmaatschap, Organisatie, Rol
from werving.models import Baangarantie

from .conftest import bestand, pdf_tekst
from .helpers import maak_overeenkomst, maak_proefplaatsing, werkgever_van

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Testbrowser"


def url(naam, regio, **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs})


def link_pad(versie):
    return reverse("ondertekenen", args=[services.token(versie)])


# ---- What the PDF says --------------------------------------------------------------------


def test_de_pdf_noemt_partijen_plaatsen_bedragen_en_datums(wereld, regisseur, traject):
    document, versie = maak_overeenkomst(wereld, traject, plaatsen=3)
    inhoud = bestand(versie.pdf)
    assert inhoud.startswith(b"%PDF")
    assert versie.pdf_sha256 == sha256(inhoud)
    assert (versie.nummer, versie.sjabloon_versie) == (1, "2026.1")
    tekst = pdf_tekst(inhoud)
    werkgever = werkgever_van(wereld)
    for verwacht in [
        "Inspanningsovereenkomst leerwerktraject",
        "Isolatiemonteur Oss, ronde 2",
        werkgever.naam,
        "17123456",  # KvK werkgever
        "Industrieweg 12, 5342AB Oss",
        "Jan de Boer, Directeur",
        "41234567",  # KvK procesregisseur
        "Mila Regisseur, Procesregisseur",
        "3 plaatsen",
        "Isolatiemonteur",
        "12 maanden",
        "Cao Bouw & Infra",
        "€ 2.450 tot € 2.700 bruto per maand",
        "ten minste 6 maanden",
        "ten minste 28 uur per week of ten minste 3 dagen",
        "1 februari 2027",  # start of the proefperiode
        "31 december 2027",  # runs until
        "4 weken",
        "2 maanden",
        "Piet Kok",  # buddy
        "Anja Smit",  # projectleider
        "Cultuur op de werkvloer",
        "Een veilige werkplek",
        "religieuze feestdagen",
        "loonkostensubsidie",
        "AVG",
        "Duur en beëindiging",
    ]:
        assert verwacht in tekst, verwacht
    assert "ontbreekt" not in tekst
    with scope(regio=wereld.regio_a.pk):
        gemeente = wereld.gemeente_a.naam
        fonds = traject.partners.get(rol="oo_fonds").organisatie.naam
    # The traject has two gemeenten: the gemeente is a party only when chosen.
    assert f"{gemeente}, als betrokken partij" not in tekst
    assert f"{fonds}, als betrokken partij" in tekst  # the only O&O-fonds: proposed


def test_de_pdf_is_toegankelijk_en_heeft_ingebedde_letters(wereld, traject):
    _document, versie = maak_overeenkomst(wereld, traject)
    lezer = PdfReader(io.BytesIO(bestand(versie.pdf)))
    root = lezer.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged: PDF/UA
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("nl")
    assert "Inspanningsovereenkomst" in lezer.metadata.title
    fonts = {}
    for pagina in lezer.pages:
        for font in pagina["/Resources"]["/Font"].values():
            font = font.get_object()
            beschrijving = (font.get("/DescendantFonts") or [font])[0].get_object()
            fonts[str(font["/BaseFont"])] = beschrijving["/FontDescriptor"].get_object()
    assert any("DejaVu" in naam for naam in fonts)
    for naam, beschrijving in fonts.items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(beschrijving), f"{naam} niet ingebed"


def test_de_proefplaatsingsovereenkomst_noemt_gemeente_werkgever_en_deelnemer(
    wereld, traject, deelname
):
    document = maak_proefplaatsing(wereld, traject, deelname)
    tekst = pdf_tekst(bestand(wereld.proefplaatsing_versie.pdf))
    for verwacht in [
        "Proefplaatsingsovereenkomst",
        wereld.gemeente_a.naam,
        "Klaas Klantmanager, Klantmanager",
        werkgever_van(wereld).naam,
        f"{deelname.kandidaat.voornaam} {deelname.kandidaat.achternaam}",
        "Isolatiemonteur",
        "32 uur per week",
        "1 februari 2027",
        "31 maart 2027",
        "uitkering",
        "Karin Coach",
    ]:
        assert verwacht in tekst, verwacht
    assert document.soort == "proefplaatsingsovereenkomst"


# ---- Missing fields, preview, escaping ----------------------------------------------------


def test_ontbrekende_gegevens_worden_genoemd_en_blokkeren_het_versturen(
    client, wereld, regisseur, traject
):
    document, _versie = maak_overeenkomst(
        wereld, traject, invoer={"werkgever_adres": "", "salarisindicatie": ""}, versturen=False
    )
    client.force_login(regisseur)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "adres van de werkgever" in pagina and "salarisindicatie" in pagina
    assert "Versturen ter ondertekening" not in pagina
    voorbeeld = client.get(url("document_voorbeeld", wereld.regio_a, pk=document.pk))
    html = voorbeeld.content.decode()
    assert '<mark class="ontbreekt">[ontbreekt: adres]</mark>' in html
    assert '<mark class="ontbreekt">[ontbreekt: salarisindicatie]</mark>' in html
    assert "Concept, alleen ter controle" in html
    r = client.post(
        url("document_versturen", wereld.regio_a, pk=document.pk), {"email": "jan@voorbeeld.nl"}
    )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        assert not DocumentVersie.objects.filter(document=document).exists()
    assert "Vul eerst aan: adres van de werkgever" in client.get(r["Location"]).content.decode()


def test_invoer_blijft_tekst_in_voorbeeld_en_pdf(client, wereld, regisseur, traject):
    vijandig = '<img src="http://evil.example/x.png"> & <script>alert(1)</script>'
    Organisatie.objects.filter(pk=werkgever_van(wereld).pk).update(naam="Bouw <b>BV</b>")
    document, versie = maak_overeenkomst(wereld, traject, invoer={"bijzondere_afspraken": vijandig})
    client.force_login(regisseur)
    html = client.get(url("document_voorbeeld", wereld.regio_a, pk=document.pk)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "&lt;img src=" in html and "Bouw &lt;b&gt;BV&lt;/b&gt;" in html
    tekst = pdf_tekst(bestand(versie.pdf))
    assert "<script>alert(1)</script>" in tekst and "Bouw <b>BV</b>" in tekst


def test_de_renderer_haalt_geen_bestanden_van_buiten(monkeypatch):
    """WeasyPrint would fetch an <img> in the HTML; our fetcher refuses anything but our own
    static files, so a hostile URL never leaves the server."""
    from documenten import renderer

    gevraagd = []
    echte = renderer.statisch_bestand
    monkeypatch.setattr(renderer, "statisch_bestand", lambda u: gevraagd.append(u) or echte(u))
    html = (
        '<html lang="nl"><head><title>t</title>'
        '<link rel="stylesheet" href="/static/css/pdf.css"></head>'
        '<body><img alt="x" src="http://evil.example/x.png">'
        '<img alt="y" src="file:///etc/passwd"><p>tekst</p></body></html>'
    )
    inhoud = renderer.render_pdf(html)
    assert "tekst" in pdf_tekst(inhoud)
    assert gevraagd == [
        "http://schakel.invalid/static/css/pdf.css",
        "http://evil.example/x.png",
        "file:///etc/passwd",
    ]


# ---- Signing ------------------------------------------------------------------------------


def test_ondertekenen_via_de_link_en_in_schakel(
    client, wereld, regisseur, werkgever, traject, django_capture_on_commit_callbacks
):
    document, versie = maak_overeenkomst(wereld, traject)
    link = link_pad(versie)

    # The werkgever, without an account: reads the PDF (logged) and signs.
    pagina = client.get(link)
    assert pagina.status_code == 200 and "Ondertekenen" in pagina.content.decode()
    pdf = client.get(reverse("ondertekenen_pdf", args=[services.token(versie)]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == bestand(versie.pdf)
    r = client.post(link, {"naam": "Jan de Boer", "functie": "Directeur"})
    assert "Vink aan dat u akkoord gaat." in r.content.decode()
    r = client.post(
        link,
        {"naam": "Jan de Boer", "functie": "Directeur", "akkoord": "on"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT=BROWSER,
    )
    assert r.status_code == 200 and "Bedankt, u hebt ondertekend" in r.content.decode()
    with scope(regio=wereld.regio_a.pk):
        o = Ondertekening.objects.get(versie=versie)
        assert (o.partij, o.naam, o.functie, o.via) == (
            "werkgever",
            "Jan de Boer",
            "Directeur",
            "link",
        )
        assert (o.ip_adres, o.user_agent) == ("203.0.113.7", BROWSER)
        assert abs(o.op - timezone.now()) < timedelta(minutes=1)
        assert Download.objects.get(versie=versie).via_link_naar == "jan@isolatieoss.nl"

    # The link works once.
    opnieuw = client.get(link)
    assert opnieuw.status_code == 410 and "al gebruikt" in opnieuw.content.decode()
    assert opnieuw.templates[0].name == "link_ongeldig.html"

    # The procesregisseur countersigns in Schakel.
    client.force_login(regisseur)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "Onderteken namens uw organisatie" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            url("document_ondertekenen", wereld.regio_a, pk=document.pk),
            {"naam": "Mila Regisseur", "functie": "Procesregisseur", "akkoord": "on"},
            REMOTE_ADDR="198.51.100.4",
            HTTP_USER_AGENT="Firefox/150",
        )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        versie.refresh_from_db()
        garantie = Baangarantie.objects.get(pk=document.baangarantie_id)
    assert versie.status == VersieStatus.ONDERTEKEND
    definitief = bestand(versie.definitief_pdf)
    assert versie.definitief_sha256 == sha256(definitief)
    tekst = pdf_tekst(definitief)
    for verwacht in [
        "Ondertekeningspagina",
        "Jan de Boer",
        "Directeur",
        "203.0.113.7",
        "Testbrowser",
        "Via een persoonlijke link",
        "Mila Regisseur",
        "198.51.100.4",
        "Ingelogd in Schakel",
        versie.pdf_sha256,
        "sjabloon 2026.1",
    ]:
        assert (
            verwacht in tekst.replace(" ", "")
            if verwacht == versie.pdf_sha256
            else verwacht in tekst
        ), verwacht
    # Signing set the baangarantie's date; nobody typed it.
    assert garantie.inspanningsovereenkomst_getekend_op == timezone.localdate()
    # The werkgever is told, and (having no login with that address yet) invited.
    ontvangers = [m.to for m in mail.outbox]
    assert ["jan@isolatieoss.nl"] in ontvangers
    assert any("Ondertekend:" in m.subject for m in mail.outbox)
    assert any("Uitnodiging voor Schakel" in m.subject for m in mail.outbox)

    # The werkgever's login sees the final PDF; its download is logged.
    client.force_login(werkgever)
    lijst = client.get(url("documenten", wereld.regio_a)).content.decode()
    assert "Ondertekende overeenkomst (versie 1)" in lijst
    r = client.get(url("versie_pdf", wereld.regio_a, vpk=versie.pk))
    assert b"".join(r.streaming_content) == definitief
    with scope(regio=wereld.regio_a.pk):
        log = Download.objects.filter(versie=versie, door=werkgever).get()
    assert log.bestand == "definitief"


def test_de_eerste_handtekening_is_van_de_werkgever(client, wereld, regisseur, traject):
    document, versie = maak_overeenkomst(wereld, traject)
    client.force_login(regisseur)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "Onderteken namens uw organisatie" not in pagina
    assert services.token(versie)[:10] in pagina or "/ondertekenen/" in pagina  # link to copy
    r = client.post(
        url("document_ondertekenen", wereld.regio_a, pk=document.pk),
        {"naam": "Mila", "functie": "Procesregisseur", "akkoord": "on"},
    )
    assert "Eerst tekent de werkgever" in client.get(r["Location"]).content.decode()
    with scope(regio=wereld.regio_a.pk):
        assert not Ondertekening.objects.filter(versie=versie).exists()


def test_versturen_mailt_de_link(
    client, wereld, regisseur, traject, django_capture_on_commit_callbacks
):
    document, _ = maak_overeenkomst(wereld, traject, versturen=False)
    client.force_login(regisseur)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            url("document_versturen", wereld.regio_a, pk=document.pk),
            {"email": "Jan@IsolatieOss.nl"},
        )
    assert r.status_code == 302
    bericht = mail.outbox[-1]
    assert bericht.to == ["jan@isolatieoss.nl"]
    regel = next(r for r in bericht.body.splitlines() if "/ondertekenen/" in r)
    pad = "/" + regel.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert "Ondertekenen" in client.get(pad).content.decode()
    with scope(regio=wereld.regio_a.pk):
        assert DocumentVersie.objects.get(document=document).link_verstuurd_op is not None


def test_verlopen_gewijzigde_en_vervangen_link(client, wereld, regisseur, traject, settings):
    document, versie = maak_overeenkomst(wereld, traject)
    link = link_pad(versie)
    later = timezone.now() + timedelta(days=settings.ONDERTEKEN_LINK_GELDIG_DAGEN, minutes=1)
    with time_machine.travel(later):
        r = client.get(link)
    assert r.status_code == 410 and "verlopen" in r.content.decode()
    assert r.templates[0].name == "link_ongeldig.html"  # the page every link uses
    werkgeverlink = client.get("/werkgever/onzin/")
    assert werkgeverlink.status_code == 410
    assert werkgeverlink.templates[0].name == "link_ongeldig.html"
    r = client.get(link.replace("/ondertekenen/", "/ondertekenen/x"))
    assert r.status_code == 410 and "niet geldig" in r.content.decode()
    # A new version replaces the unsigned one: its link stops working.
    with scope(regio=wereld.regio_a.pk):
        services.verstuur(document=document, door=regisseur, email="jan@isolatieoss.nl")
    r = client.get(link)
    assert r.status_code == 410 and "vervangen door een nieuwere" in r.content.decode()
    r = client.post(link, {"naam": "Jan", "functie": "Directeur", "akkoord": "on"})
    assert r.status_code == 410


# ---- A signed version never changes -------------------------------------------------------


def _volledig_ondertekend(wereld, regisseur, traject):
    document, versie = maak_overeenkomst(wereld, traject)
    services.onderteken_via_link(
        versie=versie, naam="Jan de Boer", functie="Directeur", ip="203.0.113.7", user_agent=BROWSER
    )
    with scope(regio=wereld.regio_a.pk):
        services.onderteken_in_schakel(
            versie=versie, door=regisseur, rollen={Rol.PROCESREGISSEUR}, naam="Mila Regisseur",
            functie="Procesregisseur", ip="198.51.100.4", user_agent="Firefox/150",
        )  # fmt: skip
        versie.refresh_from_db()
    return document, versie


def test_een_ondertekende_versie_is_via_het_model_en_de_database_onveranderlijk(
    wereld, regisseur, traject, in_regio_a
):
    _document, versie = _volledig_ondertekend(wereld, regisseur, traject)
    assert versie.status == VersieStatus.ONDERTEKEND
    versie.gegevens = {**versie.gegevens, "bijzondere_afspraken": "Stiekem gewijzigd"}
    with pytest.raises(OndertekendeVersieGewijzigd):
        versie.save()
    with pytest.raises(OndertekendeVersieGewijzigd):
        versie.delete()
    handtekening = Ondertekening.objects.filter(versie=versie).first()
    handtekening.naam = "Iemand anders"
    with pytest.raises(OndertekendeVersieGewijzigd):
        handtekening.save()
    # Past the model (a queryset update, raw SQL): PostgreSQL refuses.
    for sql in [
        "UPDATE documenten_documentversie SET pdf_sha256 = 'x' WHERE id = %s",
        "UPDATE documenten_documentversie SET status = 'vervangen' WHERE id = %s",
        "DELETE FROM documenten_documentversie WHERE id = %s",
    ]:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as c:
            c.execute(sql, [versie.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        Ondertekening.objects.filter(versie=versie).update(naam="Iemand anders")
    versie.refresh_from_db()
    assert "Stiekem" not in str(versie.gegevens)


def test_de_inhoud_van_een_verstuurde_versie_ligt_vast(wereld, traject, in_regio_a):
    _document, versie = maak_overeenkomst(wereld, traject)
    versie.pdf_sha256 = "0" * 64
    with pytest.raises(OndertekendeVersieGewijzigd):
        versie.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersie.objects.filter(pk=versie.pk).update(gegevens={})


def test_wijzigen_na_ondertekening_maakt_via_de_pagina_een_nieuwe_versie(
    client, wereld, regisseur, traject
):
    document, v1 = _volledig_ondertekend(wereld, regisseur, traject)
    pdf_v1, hash_v1 = bestand(v1.definitief_pdf), v1.definitief_sha256
    client.force_login(regisseur)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "Een ondertekende versie wordt nooit gewijzigd" in pagina
    # Signing once more, on the page, does nothing to the signed version.
    r = client.post(
        url("document_ondertekenen", wereld.regio_a, pk=document.pk),
        {"naam": "Mila", "functie": "Procesregisseur", "akkoord": "on"},
    )
    assert (
        "Er is geen versie die op ondertekening wacht."
        in client.get(r["Location"]).content.decode()
    )
    # Change the agreement on the page and send it: version 2; version 1 stays as signed.
    with scope(regio=wereld.regio_a.pk):
        data = {
            k: v for k, v in Document.objects.get(pk=document.pk).invoer.items() if v is not None
        }
    data["salarisindicatie"] = "€ 2.600 bruto per maand"
    r = client.post(url("document_bewerken", wereld.regio_a, pk=document.pk), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    client.post(
        url("document_versturen", wereld.regio_a, pk=document.pk), {"email": "jan@isolatieoss.nl"}
    )
    with scope(regio=wereld.regio_a.pk):
        versies = list(DocumentVersie.objects.filter(document=document).order_by("nummer"))
    assert [(v.nummer, v.status) for v in versies] == [
        (1, VersieStatus.ONDERTEKEND),
        (2, VersieStatus.TER_ONDERTEKENING),
    ]
    assert (bestand(versies[0].definitief_pdf), versies[0].definitief_sha256) == (pdf_v1, hash_v1)
    assert "€ 2.600 bruto per maand" in pdf_tekst(bestand(versies[1].pdf))
    assert "€ 2.450" in pdf_tekst(pdf_v1)
    # Until version 2 is signed, version 1 is what the parties agreed.
    lijst = client.get(url("documenten", wereld.regio_a)).content.decode()
    assert "Versie 2 wacht op de werkgever" in lijst
    assert "Ondertekende overeenkomst (versie 1)" in lijst


# ---- The proefplaatsingsovereenkomst: three parties ---------------------------------------


def test_proefplaatsing_werkgever_deelnemer_en_gemeente_tekenen(
    client, wereld, regisseur, traject, deelname
):
    document = maak_proefplaatsing(wereld, traject, deelname)
    versie = wereld.proefplaatsing_versie
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    services.onderteken_via_link(
        versie=versie, naam="Jan de Boer", functie="Directeur", ip="203.0.113.7", user_agent=BROWSER
    )
    # The gemeente waits for the deelnemer.
    client.force_login(klantmanager)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "Wacht op: deelnemer" in pagina and "Onderteken namens" not in pagina
    # The deelnemer signs on the spot, on the procesregisseur's screen.
    client.force_login(regisseur)
    pagina = client.get(url("document", wereld.regio_a, pk=document.pk)).content.decode()
    assert "De deelnemer tekent (bij u, ter plaatse)" in pagina
    naam = f"{deelname.kandidaat.voornaam} {deelname.kandidaat.achternaam}"
    client.post(
        url("document_ondertekenen", wereld.regio_a, pk=document.pk),
        {"naam": naam, "functie": "Deelnemer", "akkoord": "on"},
    )
    client.force_login(klantmanager)
    client.post(
        url("document_ondertekenen", wereld.regio_a, pk=document.pk),
        {"naam": "Klaas Klantmanager", "functie": "Klantmanager", "akkoord": "on"},
    )
    with scope(regio=wereld.regio_a.pk):
        versie.refresh_from_db()
        partijen = list(versie.ondertekeningen.values_list("partij", flat=True))
    assert partijen == ["werkgever", "deelnemer", "gemeente"]
    assert versie.status == VersieStatus.ONDERTEKEND
    tekst = pdf_tekst(bestand(versie.definitief_pdf))
    assert f"in aanwezigheid van {regisseur.naam}" in tekst
    assert "Klaas Klantmanager" in tekst and naam in tekst


def test_proefplaatsing_alleen_met_toestemming_voor_de_werkgever(
    wereld, regisseur, traject, deelname, in_regio_a
):
    from django.core.exceptions import ValidationError

    from werving import services as werving_services

    werving_services.trek_toestemming_in(
        kandidaat=deelname.kandidaat, ontvanger="werkgever", door=regisseur
    )
    with pytest.raises(ValidationError, match="toestemming"):
        maak_proefplaatsing(wereld, traject, deelname)


# ---- Storage, access, the download log ----------------------------------------------------


def test_pdfs_staan_niet_op_een_publieke_url_en_andere_werkgevers_zien_niets(
    client, wereld, regisseur, traject, settings
):
    from tests.factories import lid

    _document, versie = maak_overeenkomst(wereld, traject)
    assert versie.pdf.name.startswith("documenten/") and "Oss" not in versie.pdf.name
    assert client.get("/" + settings.MEDIA_URL + versie.pdf.name).status_code == 404
    andere = lid(wereld.regio_a, Rol.WERKGEVER)
    client.force_login(andere)
    assert client.get(url("versie_pdf", wereld.regio_a, vpk=versie.pk)).status_code == 404
    with scope(regio=wereld.regio_a.pk):
        assert not Download.objects.exists()
    client.force_login(regisseur)
    r = client.get(url("versie_pdf", wereld.regio_a, vpk=versie.pk))
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    with scope(regio=wereld.regio_a.pk):
        log = Download.objects.get()
    assert (log.door, log.versie, log.bestand) == (regisseur, versie, "ter_ondertekening")


def test_de_lijst_kost_evenveel_queries_bij_meer_overeenkomsten(client, wereld, regisseur):
    from tests.factories import OrganisatieFactory, maak_traject

    def maak(n):
        for _ in range(n):
            t = maak_traject(wereld.regio_a, regisseur)
            org = OrganisatieFactory(soort="werkgever")
            wereld.regio_a.organisaties.add(org)
            with scope(regio=wereld.regio_a.pk):
                Lidmaatschap.objects.filter(user=wereld.per_rol[Rol.WERKGEVER]).update(
                    organisatie=org
                )
            maak_overeenkomst(wereld, t)

    client.force_login(regisseur)
    pagina = url("documenten", wereld.regio_a)
    maak(1)
    with CaptureQueriesContext(connection) as een:
        assert client.get(pagina).status_code == 200
    maak(3)
    with CaptureQueriesContext(connection) as vier:
        inhoud = client.get(pagina).content.decode()
    assert inhoud.count("Versie 1 wacht op de werkgever") == 4
    assert len(vier) == len(een)


def test_de_demo_heeft_overeenkomsten_klaar_om_te_versturen(db):
    from io import StringIO

    from django.core.management import call_command

    from documenten import gegevens

    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    from organisaties.models import Regio

    nob = Regio.objects.get(slug="noordoost-brabant")
    with scope(regio=nob.pk):
        documenten = list(Document.objects.select_related("traject", "werkgever", "baangarantie"))
        assert len(documenten) == 2
        for document in documenten:
            assert gegevens.gegevens(document)[1] == [], document.werkgever
