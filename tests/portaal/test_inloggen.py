"""The kandidaat's way in: one-time links, the optional PIN, the short session."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from organisaties.models import Rol
from portaal import services
from portaal.models import Inloglink
from tests.paginas import log_in_als_kandidaat, portaal_in_a

pytestmark = pytest.mark.django_db


def _link(portaal, kanaal="email"):
    with scope(regio=portaal.regio_id):
        return services.maak_link(portaal=portaal, kanaal=kanaal, door=None)


def _url(link):
    return reverse("portaal_link", args=[services.link_token(link)])


def test_openen_verbruikt_de_link_niet_alleen_de_knop_doet_dat(client, wereld):
    link = _link(portaal_in_a(wereld))
    for _ in range(2):  # an e-mail scanner opening it first leaves it working
        antwoord = client.get(_url(link))
        assert antwoord.status_code == 200
        assert "Naar mijn pagina" in antwoord.content.decode()
    link.refresh_from_db()
    assert link.gebruikt_op is None

    assert client.post(_url(link)).url == reverse("mijn_pagina")
    assert client.get(reverse("mijn_pagina")).status_code == 200


@pytest.mark.parametrize(
    ("hoe", "reden"),
    [
        ("gebruikt", "al gebruikt"),
        ("verlopen", "te oud"),
        ("ingetrokken", "werkt niet meer"),
        ("gesloten", "werkt niet meer"),
        ("vervalst", "niet goed"),
    ],
)
def test_een_link_die_niet_meer_werkt_zegt_waarom(client, wereld, hoe, reden):
    portaal = portaal_in_a(wereld)
    link = _link(portaal)
    url = _url(link)
    if hoe == "gebruikt":
        client.post(url)
        client.post(reverse("portaal_uitloggen"))
    elif hoe == "verlopen":
        with scopes_disabled():
            Inloglink.objects.filter(pk=link.pk).update(geldig_tot=timezone.now() - timedelta(1))
    elif hoe == "ingetrokken":
        _link(portaal)  # a newer letter or e-mail replaces it
    elif hoe == "gesloten":
        with scope(regio=portaal.regio_id):
            services.sluit_portaal(portaal=portaal, door=wereld.per_rol[Rol.KLANTMANAGER])
    else:
        url = url[:-3] + "xyz/"
    for antwoord in (client.get(url), client.post(url)):
        assert antwoord.status_code == 410
        assert reden in antwoord.content.decode()
    assert client.get(reverse("mijn_pagina")).status_code == 302


def test_pincode_vijf_keer_fout_en_de_link_werkt_niet_meer(client, wereld):
    portaal = portaal_in_a(wereld)
    services.zet_pin(portaal=portaal, pin="2580")
    url = _url(_link(portaal))

    leeg = client.post(url, {"pin": ""})
    assert "Vul je pincode in." in leeg.content.decode()
    for over in (4, 3, 2, 1):
        fout = client.post(url, {"pin": "1111"})
        assert fout.status_code == 200
        assert "Deze pincode klopt niet." in fout.content.decode()
        assert f"{over}" in fout.content.decode()
    laatste = client.post(url, {"pin": "1111"})
    assert laatste.status_code == 410
    assert "te vaak niet goed" in laatste.content.decode()
    # Not even the right PIN opens that link now; a new link with the right PIN does.
    assert client.post(url, {"pin": "2580"}).status_code == 410
    assert client.post(_url(_link(portaal)), {"pin": "2580"}).status_code == 302


def test_sessie_stopt_na_stilte_en_na_de_maximale_duur(client, wereld, settings):
    portaal = portaal_in_a(wereld)
    with time_machine.travel(timezone.now(), tick=False) as reis:
        log_in_als_kandidaat(client, portaal)
        reis.shift(timedelta(minutes=settings.PORTAAL_SESSIE_STIL_MINUTEN - 1))
        assert client.get(reverse("mijn_pagina")).status_code == 200
        reis.shift(timedelta(minutes=settings.PORTAAL_SESSIE_STIL_MINUTEN + 1))
        weg = client.get(reverse("mijn_pagina"))
        assert weg.status_code == 302 and "verlopen=1" in weg.url

        log_in_als_kandidaat(client, portaal)
        # Clicking every 15 minutes keeps it alive, but never longer than the maximum.
        for _ in range(settings.PORTAAL_SESSIE_MAX_UREN * 4 + 1):
            reis.shift(timedelta(minutes=15))
            if client.get(reverse("mijn_pagina")).status_code != 200:
                break
        else:
            pytest.fail("de sessie liep langer dan het maximum")


def test_sluiten_beeindigt_een_lopende_sessie(client, wereld):
    portaal = portaal_in_a(wereld)
    log_in_als_kandidaat(client, portaal)
    with scope(regio=portaal.regio_id):
        services.sluit_portaal(portaal=portaal, door=wereld.per_rol[Rol.KLANTMANAGER])
    assert client.get(reverse("mijn_pagina")).status_code == 302


def test_een_professional_en_een_kandidaat_nooit_in_dezelfde_browser(client, wereld):
    portaal = portaal_in_a(wereld)
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    client.force_login(klantmanager)
    log_in_als_kandidaat(client, portaal)  # the link logs the professional out
    assert "_auth_user_id" not in client.session
    client.force_login(klantmanager)  # and a professional's login ends the kandidaat's session
    assert client.get(reverse("mijn_pagina")).status_code == 404


def test_uitloggen_is_een_post_en_beeindigt_de_sessie(client, wereld):
    log_in_als_kandidaat(client, portaal_in_a(wereld))
    assert client.get(reverse("portaal_uitloggen")).status_code == 405
    antwoord = client.post(reverse("portaal_uitloggen"))
    assert antwoord.url.endswith("?uitgelogd=1")
    assert client.get(reverse("mijn_pagina")).status_code == 302


def test_nieuwe_link_vragen_zegt_nooit_of_het_adres_bekend_is(
    client, wereld, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    portaal = portaal_in_a(wereld)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bekend = client.post(reverse("portaal_inloggen"), {"email": "KANDIDAAT@voorbeeld.nl "})
        onbekend = client.post(reverse("portaal_inloggen"), {"email": "niemand@voorbeeld.nl"})
    assert bekend.status_code == onbekend.status_code == 200
    assert _zonder_csrf(bekend) == _zonder_csrf(onbekend)
    assert [m.to for m in mail.outbox] == [["kandidaat@voorbeeld.nl"]]
    bericht = mail.outbox[0]
    assert settings.BASE_URL + "/mijn/link/" in bericht.body
    assert str(settings.PORTAAL_LINK_UREN) in bericht.body or "dagen" in bericht.body
    # The letter's link is used: it works.
    pad = bericht.body.split(settings.BASE_URL, 1)[1].split()[0]
    assert client.post(pad).status_code == 302

    # At most a few an hour, whatever is asked.
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("portaal_inloggen"), {"email": "kandidaat@voorbeeld.nl"})
    assert len(mail.outbox) == services.LINKS_PER_UUR
    with scopes_disabled():
        assert Inloglink.objects.filter(portaal=portaal).count() == services.LINKS_PER_UUR


def test_foute_invoer_bij_link_vragen_in_het_nederlands_en_bewaard(client):
    antwoord = client.post(reverse("portaal_inloggen"), {"email": "geen-adres"})
    tekst = antwoord.content.decode()
    assert "Dit is geen e-mailadres" in tekst
    assert 'value="geen-adres"' in tekst


def test_pincode_instellen_controleert_en_werkt_bij_de_volgende_link(client, wereld):
    portaal = portaal_in_a(wereld)
    log_in_als_kandidaat(client, portaal)
    zwak = client.post(reverse("mijn_pincode"), {"pin": "1234", "nog_eens": "1234"})
    assert "te makkelijk" in zwak.content.decode()
    anders = client.post(reverse("mijn_pincode"), {"pin": "2580", "nog_eens": "2581"})
    assert "niet hetzelfde" in anders.content.decode()
    assert (
        client.post(reverse("mijn_pincode"), {"pin": "2580", "nog_eens": "2580"}).status_code == 302
    )
    portaal.refresh_from_db()
    assert portaal.heeft_pin and "2580" not in portaal.pin_hash
    client.post(reverse("portaal_uitloggen"))
    url = _url(_link(portaal))
    assert "Je pincode" in client.get(url).content.decode()
    assert client.post(url, {"pin": "2580"}).status_code == 302


def test_brief_met_qr_code_voor_wie_geen_e_mail_heeft(client, wereld):
    portaal = portaal_in_a(wereld)
    klantmanager = wereld.per_rol[Rol.KLANTMANAGER]
    client.force_login(klantmanager)
    antwoord = client.post(
        reverse("portaal_link_sturen", args=[wereld.regio_a.slug, portaal.kandidaat_id]),
        {"kanaal": "papier"},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "<svg" in tekst and "/mijn/link/" in tekst
    with scopes_disabled():
        nieuwste = Inloglink.objects.filter(portaal=portaal).latest("aangemaakt_op")
    assert nieuwste.kanaal == "papier" and nieuwste.aangemaakt_door == klantmanager


def _zonder_csrf(antwoord):
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", antwoord.content.decode())
