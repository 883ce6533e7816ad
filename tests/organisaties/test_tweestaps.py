"""The second step of logging in (organisaties/tweestaps.py, ADR 0015), through the real login
form: set-up with the QR code, wrong and right codes, recovery codes, throttling, the roles that
require it, and the API that it leaves alone."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisaties import tweestaps
from organisaties.models import Rol
from tests.factories import lid

WACHTWOORD = "geheim-wachtwoord-123"


def _inloggen(client, user, volgende=""):
    extra = {"next": volgende} if volgende else {}
    antwoord = client.post(
        reverse("login"), {"username": user.email, "password": WACHTWOORD, **extra}
    )
    assert antwoord.status_code == 302
    return antwoord


def _code(apparaat: TOTPDevice, verschuiving: int = 0) -> str:
    apparaat.refresh_from_db()
    return (
        f"{totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, verschuiving):06d}"
    )


def _instellen(client, user):
    client.get(reverse("tweestaps_instellen"))
    apparaat = TOTPDevice.objects.get(user=user)
    antwoord = client.post(reverse("tweestaps_instellen"), {"code": _code(apparaat)})
    assert antwoord.status_code == 200
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", antwoord.content.decode())


@pytest.mark.parametrize("rol", [Rol.PROCESREGISSEUR, Rol.BEHEERDER, Rol.FINANCIER])
def test_verplichte_rol_moet_eerst_instellen(client, wereld, rol):
    user = wereld.per_rol[rol]
    regio_home = reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    _inloggen(client, user)
    antwoord = client.get(regio_home)
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("tweestaps_instellen"))
    # Also the pages outside a regio (the regio choice, the account page).
    assert client.get(reverse("start"))["Location"].startswith(reverse("tweestaps_instellen"))
    assert client.get(reverse("account")).status_code == 302
    # Logging out still works.
    assert client.get(reverse("logout")).status_code == 200


def test_de_hele_stroom_instellen_fout_goed_herstelcode(client, wereld):
    user = wereld.per_rol[Rol.PROCESREGISSEUR]
    regio_home = reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    _inloggen(client, user, volgende=regio_home)
    naar = client.get(regio_home)["Location"]

    pagina = client.get(naar)
    inhoud = pagina.content.decode()
    assert pagina.status_code == 200
    # The QR code is drawn on the page as SVG: no outside service, no inline style.
    assert "<svg" in inhoud and 'role="img"' in inhoud and "style=" not in inhoud.split("<svg")[1]
    apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
    assert tweestaps.geheime_sleutel(apparaat).replace(" ", "") in inhoud.replace(" ", "")

    fout = client.post(reverse("tweestaps_instellen"), {"code": "000000", "next": regio_home})
    assert fout.status_code == 200
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get(regio_home).status_code == 302  # still not in

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        goed = client.post(
            reverse("tweestaps_instellen"), {"code": _code(apparaat), "next": regio_home}
        )
        assert goed.status_code == 200
        codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", goed.content.decode())
        assert len(codes) == tweestaps.AANTAL_HERSTELCODES
        assert client.get(regio_home).status_code == 200

    # The next login asks for the code; a recovery code works once.
    client.logout()
    _inloggen(client, user)
    assert client.get(regio_home)["Location"].startswith(reverse("tweestaps_controleren"))
    fout = client.post(reverse("tweestaps_controleren"), {"code": "123456"})
    assert "Deze code klopt niet" in fout.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        binnen = client.post(
            reverse("tweestaps_controleren"), {"code": codes[0].upper(), "next": regio_home}
        )
        assert binnen.status_code == 302 and binnen["Location"] == regio_home
        assert client.get(regio_home).status_code == 200
        assert StaticToken.objects.filter(device__user=user).count() == 9

        client.logout()
        _inloggen(client, user)
        nogmaals = client.post(reverse("tweestaps_controleren"), {"code": codes[0]})
        assert "Deze code klopt niet" in nogmaals.content.decode()
        assert client.get(regio_home).status_code == 302


def test_te_veel_foute_codes_worden_afgeremd(client, wereld):
    user = wereld.per_rol[Rol.BEHEERDER]
    _inloggen(client, user)
    _instellen(client, user)
    client.logout()
    _inloggen(client, user)
    apparaat = TOTPDevice.objects.get(user=user, confirmed=True)
    client.post(reverse("tweestaps_controleren"), {"code": "000000"})
    # Right after a wrong code even the right one waits: django-otp's throttling.
    antwoord = client.post(reverse("tweestaps_controleren"), {"code": _code(apparaat)})
    assert "Te veel onjuiste codes" in antwoord.content.decode()
    # A code is good once (django-otp refuses a replay): the next one, after the wait.
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        antwoord = client.post(reverse("tweestaps_controleren"), {"code": _code(apparaat)})
        assert antwoord.status_code == 302


def test_wie_al_een_app_heeft_kan_die_niet_vervangen_zonder_code(client, wereld):
    user = wereld.per_rol[Rol.PROCESREGISSEUR]
    _inloggen(client, user)
    _instellen(client, user)
    client.logout()
    _inloggen(client, user)
    antwoord = client.get(reverse("tweestaps_instellen"))
    assert antwoord["Location"] == reverse("tweestaps_controleren")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_andere_rollen_kiezen_zelf(client, wereld):
    user = wereld.per_rol[Rol.KLANTMANAGER]
    regio_home = reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    _inloggen(client, user)
    assert client.get(regio_home).status_code == 200
    account = client.get(reverse("account")).content.decode()
    assert "Tweede stap instellen" in account

    _instellen(client, user)
    client.logout()
    _inloggen(client, user)
    assert client.get(regio_home).status_code == 302  # now they are asked for the code
    apparaat = TOTPDevice.objects.get(user=user)
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        client.post(reverse("tweestaps_controleren"), {"code": _code(apparaat)})
        assert client.get(regio_home).status_code == 200

    # Turning it off asks for a code too.
    with time_machine.travel(timezone.now() + timedelta(seconds=62)):
        fout = client.post(reverse("tweestaps_uitzetten"), {"code": "nee"})
        assert "Deze code klopt niet" in fout.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=95)):
        client.post(reverse("tweestaps_uitzetten"), {"code": _code(apparaat)})
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_verplichte_rol_kan_niet_uitzetten(client, wereld):
    user = wereld.per_rol[Rol.FINANCIER]
    _inloggen(client, user)
    _instellen(client, user)
    apparaat = TOTPDevice.objects.get(user=user)
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        antwoord = client.post(reverse("tweestaps_uitzetten"), {"code": _code(apparaat)})
    assert "verplicht" in antwoord.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()


def test_een_rol_die_het_vereist_geldt_vanaf_de_volgende_login(client, wereld):
    user = wereld.per_rol[Rol.OPLEIDER]
    regio_home = reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    _inloggen(client, user)
    assert client.get(regio_home).status_code == 200
    lid(wereld.regio_b, Rol.PROCESREGISSEUR, user=user)
    client.logout()
    _inloggen(client, user)
    assert client.get(regio_home)["Location"].startswith(reverse("tweestaps_instellen"))


def test_api_sleutel_heeft_geen_tweede_stap_nodig(client, wereld):
    from django_scopes import scope

    from organisaties import services

    with scope(regio=wereld.regio_a.pk):
        _, sleutel = services.maak_api_token(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.BEHEERDER],
            organisatie=wereld.gemeente_a,
            rol=Rol.KLANTMANAGER,
            naam="Koppeling",
            geldig_dagen=30,
        )
    antwoord = client.get(
        reverse("api_kandidaten", kwargs={"regio_slug": wereld.regio_a.slug}),
        headers={"Authorization": f"Bearer {sleutel}"},
    )
    assert antwoord.status_code == 200


def test_api_met_sessie_zonder_tweede_stap_is_403(client, wereld):
    _inloggen(client, wereld.per_rol[Rol.PROCESREGISSEUR])
    antwoord = client.get(reverse("api_kandidaten", kwargs={"regio_slug": wereld.regio_a.slug}))
    assert antwoord.status_code == 403
    assert "tweede stap" in antwoord.json()["detail"]


def test_na_de_tweede_stap_alleen_naar_een_adres_van_schakel(client, wereld):
    user = wereld.per_rol[Rol.PROCESREGISSEUR]
    _inloggen(client, user)
    client.get(reverse("tweestaps_instellen"))
    apparaat = TOTPDevice.objects.get(user=user)
    antwoord = client.post(
        reverse("tweestaps_instellen"), {"code": _code(apparaat), "next": "https://kwaad.example/"}
    )
    assert "kwaad.example" not in antwoord.content.decode()
