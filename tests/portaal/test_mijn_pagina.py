"""The kandidaat's own pages: their own data only, never what professionals write about them,
their profile seen by the klantmanager, consent, appointments, languages and plain Dutch."""

import logging
import re
from datetime import date, time, timedelta
from html.parser import HTMLParser

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from begeleiding import services as begeleiding_services
from organisaties.models import Rol
from portaal import services, vertalingen, zelfprofiel
from portaal.models import Afspraak, Contactkaart, Intrekverzoek, Portaal, Taak, ZelfprofielStap
from tests.factories import meld_aan
from tests.paginas import log_in_als_kandidaat, portaal_in_a
from werving.models import Intake, Toestemming

pytestmark = pytest.mark.django_db

PAGINAS = [
    "mijn_pagina",
    "mijn_afspraken",
    "mijn_contact",
    "mijn_profiel",
    "mijn_toestemming",
    "mijn_taal",
    "mijn_pincode",
]


def _ingelogd(client, wereld):
    portaal = portaal_in_a(wereld)
    log_in_als_kandidaat(client, portaal)
    return portaal


def _alle_paginas(client, wereld):
    """Every page a kandidaat can reach, with its error states."""
    portaal = portaal_in_a(wereld)
    antwoorden = [client.get(reverse(naam)) for naam in PAGINAS]
    antwoorden += [client.get(reverse("mijn_afspraken") + "?eerder=1")]
    for stap in zelfprofiel.STAPPEN:
        antwoorden.append(client.get(reverse("mijn_profiel_stap", args=[stap.code])))
        antwoorden.append(client.post(reverse("mijn_profiel_stap", args=[stap.code]), {}))
    antwoorden.append(client.get(reverse("mijn_toestemming_stoppen", args=["werkgever"])))
    antwoorden.append(client.post(reverse("mijn_pincode"), {"pin": "12", "nog_eens": "1"}))
    for antwoord in antwoorden:
        assert antwoord.status_code == 200, antwoord
    # Before logging in: the pages of the way in, in the chosen language.
    taal = portaal.tweede_taal
    uit = type(client)()
    extra = f"?taal={taal}" if taal else ""
    antwoorden.append(uit.get(reverse("portaal_inloggen") + extra))
    antwoorden.append(uit.post(reverse("portaal_inloggen") + extra, {"email": "x"}))
    with scope(regio=portaal.regio_id):
        link = services.maak_link(portaal=portaal, kanaal="email", door=None)
    antwoorden.append(uit.get(reverse("portaal_link", args=[services.link_token(link)])))
    antwoorden.append(uit.get(reverse("portaal_link", args=["kapot"]) + extra))
    return antwoorden


def test_alleen_eigen_gegevens(client, wereld):
    portaal = _ingelogd(client, wereld)
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    ander = meld_aan(wereld.traject, regisseur, gemeente=wereld.gemeente_a)[0]
    with scope(regio=wereld.regio_a.pk):
        ander_kandidaat = ander.kandidaat
        type(ander_kandidaat).objects.filter(pk=ander_kandidaat.pk).update(
            voornaam="Anderevoornaam", achternaam="Anderpersoon"
        )
        andere_taak = services.voeg_taak_toe(
            kandidaat=ander_kandidaat, door=regisseur, tekst="Neem je paspoort mee"
        )
    # Someone else's task cannot be ticked off, whatever id is sent.
    assert (
        client.post(reverse("mijn_taak", args=[andere_taak.pk]), {"gedaan": "ja"}).status_code
        == 404
    )
    andere_taak.refresh_from_db()
    assert andere_taak.gedaan_op is None
    # And my own can.
    assert (
        client.post(reverse("mijn_taak", args=[wereld.taak.pk]), {"gedaan": "ja"}).status_code
        == 302
    )
    tekst = " ".join(a.content.decode() for a in _alle_paginas(client, wereld))
    assert "Anderevoornaam" not in tekst and "Anderpersoon" not in tekst
    assert "Neem je paspoort mee" not in tekst
    assert portaal.kandidaat.voornaam in tekst


def test_nooit_wat_professionals_over_de_kandidaat_schrijven(client, wereld):
    _ingelogd(client, wereld)
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    with scope(regio=wereld.regio_a.pk):
        begeleiding_services.schrijf_notitie(
            deelname=wereld.deelname, door=regisseur, tekst="Geheimenotitiexyz"
        )
        Intake.objects.create(
            regio_id=wereld.regio_a.pk,
            deelname=wereld.deelname,
            gevoerd_door=regisseur,
            motivatie="Intakemotivatiexyz",
            capaciteiten="Capaciteitenxyz",
        )
        begeleiding_services.leg_contactmoment_vast(
            deelname=wereld.deelname,
            door=regisseur,
            kanaal="telefoon",
            vervolgactie="Vervolgactiexyz",
            vervolg_datum=date(2026, 1, 9),
        )
    tekst = " ".join(a.content.decode() for a in _alle_paginas(client, wereld))
    for geheim in (
        "Geheimenotitiexyz",
        "Intakemotivatiexyz",
        "Capaciteitenxyz",
        "Vervolgactiexyz",
        "€",
        "EUR",
        "vordering",
        "Vordering",
    ):
        assert geheim not in tekst, geheim


def test_profiel_over_twee_bezoeken_en_de_klantmanager_bevestigt(client, wereld):
    portaal = _ingelogd(client, wereld)
    # First visit: two steps, then the browser is closed.
    leeg = client.post(reverse("mijn_profiel_stap", args=["talen"]), {"andere_taal": "Koerdisch"})
    inhoud = leeg.content.decode()
    assert "Kies minstens één taal." in inhoud and 'value="Koerdisch"' in inhoud
    assert client.post(
        reverse("mijn_profiel_stap", args=["talen"]),
        {"talen": ["ar", "nl"], "nederlands": "beetje", "verder": "ja"},
    ).url == reverse("mijn_profiel_stap", args=["diplomas"])
    client.post(reverse("portaal_uitloggen"))

    # Second visit: the page offers the next open step; the first is kept.
    log_in_als_kandidaat(client, portaal)
    profiel = client.get(reverse("mijn_profiel")).content.decode()
    assert reverse("mijn_profiel_stap", args=["diplomas"]) in profiel
    talen = client.get(reverse("mijn_profiel_stap", args=["talen"])).content.decode()
    assert re.search(r'<input[^>]*value="ar"[^>]*checked', talen)
    assert (
        client.post(
            reverse("mijn_profiel_stap", args=["werk"]),
            {"gewerkt": "ja", "soorten": ["bouw"], "jaren": "midden"},
        ).status_code
        == 302
    )

    # The klantmanager sees the kandidaat's own words apart from the intake, and confirms.
    klantmanager = type(client)()
    klantmanager.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    beheer = reverse("portaal_beheer", args=[wereld.regio_a.slug, portaal.kandidaat_id])
    pagina = klantmanager.get(beheer).content.decode()
    assert "Wat de kandidaat zelf invulde" in pagina and "Arabisch" in pagina and "Bouw" in pagina
    assert "Nieuw, nog niet bevestigd." in pagina
    klantmanager.post(
        reverse("portaal_zelfprofiel_bevestigen", args=[wereld.regio_a.slug, portaal.kandidaat_id])
    )
    with scopes_disabled():
        assert not ZelfprofielStap.objects.filter(
            kandidaat=portaal.kandidaat_id, bevestigd_op=None
        ).exists()
    # Changing a step asks for a new look.
    client.post(
        reverse("mijn_profiel_stap", args=["talen"]), {"talen": ["ar"], "nederlands": "gesprek"}
    )
    with scopes_disabled():
        talen = ZelfprofielStap.objects.get(kandidaat=portaal.kandidaat_id, stap="talen")
    assert talen.bevestigd_op is None and talen.antwoorden["nederlands"] == "gesprek"
    assert "Nieuw, nog niet bevestigd." in klantmanager.get(beheer).content.decode()


def test_vraag_om_te_stoppen_met_delen_en_de_klantmanager_beslist(client, wereld):
    portaal = _ingelogd(client, wereld)
    with scopes_disabled():
        Intrekverzoek.objects.all().delete()
    pagina = client.get(reverse("mijn_toestemming")).content.decode()
    assert "werkgever" in pagina.lower()
    assert client.post(reverse("mijn_toestemming_stoppen", args=["werkgever"])).status_code == 302
    client.post(reverse("mijn_toestemming_stoppen", args=["werkgever"]))  # asked twice: once
    with scopes_disabled():
        verzoek = Intrekverzoek.objects.get(kandidaat=portaal.kandidaat_id)
    assert client.get(reverse("mijn_toestemming_stoppen", args=["iedereen"])).status_code == 404

    # Only the kandidaat's own klantmanager decides; the procesregisseur sees the request.
    args = [wereld.regio_a.slug, portaal.kandidaat_id, verzoek.pk]
    regisseur = type(client)()
    regisseur.force_login(wereld.per_rol[Rol.PROCESREGISSEUR])
    assert regisseur.get(reverse("portaal_intrekking", args=args)).status_code in (403, 404)
    klantmanager = type(client)()
    klantmanager.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    klantmanager.post(
        reverse("portaal_intrekking", args=args),
        {"uitkomst": "ingetrokken", "toelichting": "Besproken"},
    )
    with scopes_disabled():
        toestemming = Toestemming.objects.filter(
            kandidaat=portaal.kandidaat_id, ontvanger="werkgever"
        ).latest("pk")
        verzoek.refresh_from_db()
    assert toestemming.ingetrokken_op is not None
    assert verzoek.afgehandeld_door == wereld.per_rol[Rol.KLANTMANAGER]


def test_afspraken_lessen_en_geannuleerde(client, wereld):
    portaal = _ingelogd(client, wereld)
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    vandaag = timezone.localdate()
    with scope(regio=wereld.regio_a.pk):
        begeleiding_services.plan_sessie(
            module=wereld.module,
            door=klantmanager,
            datum=vandaag + timedelta(days=3),
            locatie="ROC Oss lokaal 4",
        )
        weg = services.plan_afspraak(
            kandidaat=portaal.kandidaat,
            door=klantmanager,
            soort="gesprek",
            datum=vandaag + timedelta(days=1),
            tijd=time(9, 0),
            plaats="Afgezegdplaats",
            met="X",
        )
        services.annuleer_afspraak(afspraak=weg)
        services.plan_afspraak(
            kandidaat=portaal.kandidaat,
            door=klantmanager,
            soort="gesprek",
            datum=vandaag - timedelta(days=30),
            tijd=time(9, 0),
            plaats="Vroegerplaats",
            met="X",
        )
    komend = client.get(reverse("mijn_afspraken")).content.decode()
    assert "Gemeentehuis Oss" in komend and "ROC Oss lokaal 4" in komend
    assert "Afgezegdplaats" not in komend and "Vroegerplaats" not in komend
    assert "Koop werkschoenen" in komend
    eerder = client.get(reverse("mijn_afspraken") + "?eerder=1").content.decode()
    assert "Vroegerplaats" in eerder and "Gemeentehuis Oss" not in eerder


def test_afspraken_blijven_vlak_en_per_pagina(client, wereld, django_assert_max_num_queries):
    portaal = _ingelogd(client, wereld)
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]

    def plan(n):
        with scope(regio=wereld.regio_a.pk):
            for i in range(n):
                services.plan_afspraak(
                    kandidaat=portaal.kandidaat,
                    door=klantmanager,
                    soort="gesprek",
                    datum=timezone.localdate() + timedelta(days=i + 1),
                    tijd=time(9, 0),
                    plaats=f"Plek{i}",
                    met="X",
                )
                services.voeg_taak_toe(
                    kandidaat=portaal.kandidaat, door=klantmanager, tekst=f"T{i}"
                )

    def tel(naam):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as vangst:
            assert client.get(reverse(naam)).status_code == 200
        return len(vangst.captured_queries)

    plan(2)
    weinig = {naam: tel(naam) for naam in ("mijn_pagina", "mijn_afspraken", "mijn_contact")}
    plan(30)
    assert {naam: tel(naam) for naam in weinig} == weinig
    pagina = client.get(reverse("mijn_afspraken")).content.decode()
    assert pagina.count("Plek") <= 10 and "Plek0" in pagina
    assert "Plek15" in client.get(reverse("mijn_afspraken") + "?pagina=2").content.decode()


def test_bladeren_door_afspraken_in_de_tweede_taal(client, wereld, caplog):
    portaal = _ingelogd(client, wereld)
    with scope(regio=wereld.regio_a.pk):
        for i in range(12):
            services.plan_afspraak(
                kandidaat=portaal.kandidaat, door=wereld.per_rol[Rol.KLANTMANAGER],
                soort="gesprek", datum=timezone.localdate() + timedelta(days=i + 1),
                tijd=time(9, 0), plaats=f"Plek{i}", met="X",
            )  # fmt: skip
        Portaal.objects.filter(pk=portaal.pk).update(tweede_taal="ar")
    with caplog.at_level(logging.WARNING, logger="portaal.templatetags.portaal"):
        pagina = client.get(reverse("mijn_afspraken") + "?pagina=2").content.decode()
    assert [r.getMessage() for r in caplog.records if "Geen vertaling" in r.getMessage()] == []
    assert "Pagina 2 van 2" in pagina and "الصفحة 2 من 2" in pagina
    assert 'rel="prev"' in pagina and "السابق" in pagina


def test_contactpersoon_met_pasfoto_zonder_metadata(client, wereld):
    from io import BytesIO

    from PIL import Image

    portaal = _ingelogd(client, wereld)
    klantmanager = type(client)()
    klantmanager.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    geen_foto = klantmanager.post(
        reverse("contactkaart"),
        {
            "telefoon": "06 12345678",
            "bereikbaar": "ma-do 9-17",
            "foto": SimpleUploadedFile("foto.jpg", b"geen plaatje", content_type="image/jpeg"),
        },
    )
    assert geen_foto.status_code == 200 and "06 12345678" in geen_foto.content.decode()
    assert "foto" in geen_foto.content.decode().lower()

    beeld = Image.new("RGB", (800, 600), "navy")
    exif = Image.Exif()
    exif[0x010F] = "Merkcamera"  # Make
    bestand = BytesIO()
    beeld.save(bestand, format="JPEG", exif=exif)
    assert b"Merkcamera" in bestand.getvalue()
    klantmanager.post(
        reverse("contactkaart"),
        {
            "telefoon": "06 12345678",
            "bereikbaar": "ma-do 9-17",
            "foto": SimpleUploadedFile("foto.jpg", bestand.getvalue(), content_type="image/jpeg"),
        },
    )
    with scopes_disabled():
        foto = bytes(Contactkaart.objects.get(user=wereld.per_rol[Rol.KLANTMANAGER]).foto)
    assert b"Merkcamera" not in foto and Image.open(BytesIO(foto)).size == (320, 320)
    contact = client.get(reverse("mijn_contact")).content.decode()
    assert wereld.per_rol[Rol.KLANTMANAGER].naam in contact
    assert "06 12345678" in contact and "data:image/jpeg;base64," in contact
    assert portaal.contactpersoon_id == wereld.per_rol[Rol.KLANTMANAGER].pk


@pytest.mark.parametrize("taal", ["en", "ar"])
def test_elke_pagina_heeft_haar_vertaling(client, wereld, caplog, taal):
    portaal = _ingelogd(client, wereld)
    with scopes_disabled():
        Portaal.objects.filter(pk=portaal.pk).update(tweede_taal=taal)
    portaal.tweede_taal = taal
    with caplog.at_level(logging.WARNING, logger="portaal.templatetags.portaal"):
        antwoorden = _alle_paginas(client, wereld)
    assert [r.getMessage() for r in caplog.records if "Geen vertaling" in r.getMessage()] == []
    for antwoord in antwoorden:
        tekst = antwoord.content.decode()
        assert f'class="vertaling" lang="{taal}" dir="{"rtl" if taal == "ar" else "ltr"}"' in tekst
        assert '<html lang="nl"' in tekst  # the Dutch stays, for learning


def test_vertalingen_compleet_en_gecompileerd():
    catalogi = vertalingen.catalogi()
    assert {p.parent.parent.name for p in catalogi} >= {"en", "ar"}
    for po_pad in catalogi:
        assert vertalingen.fouten(po_pad) == []
        po = {e.msgid: e.msgstr for e in polib.pofile(str(po_pad)) if not e.obsolete}
        mo = {e.msgid: e.msgstr for e in polib.mofile(str(po_pad.with_suffix(".mo")))}
        assert {k: v for k, v in mo.items() if k} == po, f"{po_pad}: make vertalingen"


class _Tekst(HTMLParser):
    """The Dutch text of <main>: without the second language, scripts or hidden parts."""

    OVERSLAAN = {"script", "style", "svg", "option", "textarea"}

    def __init__(self):
        super().__init__()
        self.delen, self._in_main, self._overslaan = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main += 1
        if tag in ("input", "br", "img", "meta", "link"):
            return
        verborgen = tag in self.OVERSLAAN or "vertaling" in (attrs.get("class") or "").split()
        self._overslaan.append(verborgen)
        if tag in (
            "p",
            "li",
            "h1",
            "h2",
            "h3",
            "label",
            "legend",
            "dt",
            "dd",
            "td",
            "th",
            "button",
            "a",
            "div",
            "section",
        ):
            self.delen.append("\n")

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1
        if tag in ("input", "br", "img", "meta", "link"):
            return
        if self._overslaan:
            self._overslaan.pop()

    def handle_data(self, data):
        if self._in_main and not any(self._overslaan):
            self.delen.append(data)


def zinnen(html: str) -> list[list[str]]:
    lezer = _Tekst()
    lezer.feed(html)
    tekst = "".join(lezer.delen)
    uit = []
    for regel in tekst.split("\n"):
        for zin in re.split(r"(?<=[.!?:])\s+", regel):
            woorden = re.findall(r"[\wÀ-ÿ'’-]+", zin)
            if woorden:
                uit.append(woorden)
    return uit


def test_de_nederlandse_teksten_zijn_eenvoudig(client, wereld):
    """B1 at most, short sentences: on average at most 10 words a sentence over every page,
    and no sentence longer than 20 words (a LiNT-style rule of thumb)."""
    _ingelogd(client, wereld)
    alle = [z for a in _alle_paginas(client, wereld) for z in zinnen(a.content.decode())]
    assert len(alle) > 100
    gemiddeld = sum(map(len, alle)) / len(alle)
    assert gemiddeld <= 10, gemiddeld
    lang = [" ".join(z) for z in alle if len(z) > 20]
    assert lang == []


def test_zinnen_meting_telt_echt():
    """The readability measure itself: it counts words per sentence and skips the translation."""
    html = (
        "<main><p>Dit is een zin. Nog een zin!</p>"
        '<p>Kort<span class="vertaling" lang="en"> a b c d e f g h i j k l m n</span></p></main>'
    )
    assert [len(z) for z in zinnen(html)] == [4, 3, 1]


def test_vergeten_na_de_bewaartermijn(wereld):
    portaal = portaal_in_a(wereld)
    kandidaat_id = portaal.kandidaat_id
    with scope(regio=wereld.regio_a.pk):
        services.bewaar_stap(
            kandidaat=portaal.kandidaat, stap="talen", antwoorden={"talen": ["nl"]}
        )
    with scope(regio=wereld.regio_a.pk):
        services.vergeet_kandidaten([kandidaat_id])
    with scopes_disabled():
        for model in (Portaal, ZelfprofielStap, Afspraak, Taak, Intrekverzoek):
            assert not model.objects.filter(kandidaat=kandidaat_id).exists(), model
