import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def persoon(db):
    return UserFactory(email="fatima@voorbeeld.nl", naam="Fatima Yilmaz")


def inloggen(client, email, wachtwoord=WACHTWOORD, **extra):
    return client.post(reverse("login"), {"username": email, "password": wachtwoord}, **extra)


def test_inloggen_met_email_ongeacht_hoofdletters(client, persoon):
    response = inloggen(client, "Fatima@Voorbeeld.NL")
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert client.session["_auth_user_id"] == str(persoon.pk)


def test_sessie_krijgt_nieuwe_sleutel_bij_inloggen(client, persoon):
    client.get(reverse("login"))
    client.session.save()
    voor = client.session.session_key
    inloggen(client, persoon.email)
    assert client.session.session_key != voor


def test_fout_wachtwoord_geeft_nederlandse_melding_en_houdt_email(client, persoon):
    response = inloggen(client, persoon.email, "fout")
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Deze combinatie van e-mailadres en wachtwoord kennen we niet" in inhoud
    assert 'value="fatima@voorbeeld.nl"' in inhoud


def test_na_vijf_mislukte_pogingen_geblokkeerd(client, persoon, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, persoon.email, "fout")
    # Even the right password is refused now.
    response = inloggen(client, persoon.email)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_uitloggen_vraagt_bevestiging_en_werkt_met_post(client, persoon):
    client.force_login(persoon)
    assert client.get(reverse("logout")).status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wachtwoord_vergeten_per_email(client, persoon):
    response = client.post(reverse("password_reset"), {"email": persoon.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [persoon.email]
    assert "Nieuw wachtwoord" in bericht.subject
    link = next(regel for regel in bericht.body.splitlines() if "/wachtwoord-instellen/" in regel)
    pad = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + pad, follow=True)
    assert response.status_code == 200
    nieuw = "een-heel-nieuw-wachtwoord-2026"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw}
    )
    assert response.status_code == 302
    persoon.refresh_from_db()
    assert persoon.check_password(nieuw)


def test_wachtwoord_vergeten_verraadt_niet_of_account_bestaat(client, db):
    response = client.post(reverse("password_reset"), {"email": "onbekend@voorbeeld.nl"})
    assert response.status_code == 302
    assert mail.outbox == []
