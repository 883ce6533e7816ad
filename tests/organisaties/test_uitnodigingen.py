from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from organisaties import services
from organisaties.models import Lidmaatschap, Organisatie, Rol, Uitnodiging, User
from tests.factories import OrganisatieFactory, UserFactory


def _link_uit_mail(bericht):
    regel = next(r for r in bericht.body.splitlines() if "/uitnodiging/" in r)
    return "/" + regel.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def beheerder(wereld):
    return wereld.per_rol[Rol.BEHEERDER]


def _nodig_uit(client, wereld, beheerder, **data):
    client.force_login(beheerder)
    velden = {
        "naam": "Karin Jacobs",
        "email": "Karin.Jacobs@Oss.nl",
        "organisatie": wereld.gemeente_a.pk,
        "rol": Rol.KLANTMANAGER,
    }
    velden.update(data)
    url = reverse("uitnodigen", kwargs={"regio_slug": wereld.regio_a.slug})
    return client.post(url, velden)


def test_beheerder_nodigt_uit_en_nieuwe_gebruiker_accepteert(
    client, wereld, beheerder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _nodig_uit(client, wereld, beheerder)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["karin.jacobs@oss.nl"]
    link = _link_uit_mail(mail.outbox[0])

    client.logout()
    pagina = client.get(link)
    assert pagina.status_code == 200
    assert "Klantmanager" in pagina.content.decode()

    # A too short password keeps the name and shows the error next to the field.
    response = client.post(
        link, {"naam": "Karin Jacobs", "wachtwoord1": "kort", "wachtwoord2": "kort"}
    )
    assert response.status_code == 200
    assert 'value="Karin Jacobs"' in response.content.decode()
    assert 'id="id_wachtwoord1_error"' in response.content.decode()

    wachtwoord = "lang-genoeg-wachtwoord-2026"
    response = client.post(
        link, {"naam": "Karin Jacobs", "wachtwoord1": wachtwoord, "wachtwoord2": wachtwoord}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    karin = User.objects.get(email="karin.jacobs@oss.nl")
    assert karin.check_password(wachtwoord)
    with scope(regio=wereld.regio_a.pk):
        lid = Lidmaatschap.objects.get(user=karin)
    assert (lid.rol, lid.organisatie) == (Rol.KLANTMANAGER, wereld.gemeente_a)
    assert client.get(response["Location"]).status_code == 200

    # The link works once.
    client.logout()
    opnieuw = client.get(link)
    assert opnieuw.status_code == 410
    assert "al gebruikt" in opnieuw.content.decode()


def test_bestaande_gebruiker_accepteert_na_inloggen(
    client, wereld, django_capture_on_commit_callbacks
):
    noor = wereld.alles_in_b  # already a member of regio B
    with scope(regio=wereld.regio_a.pk):
        uitnodiging = services.nodig_uit(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.BEHEERDER],
            email=noor.email,
            naam="",
            organisatie=wereld.gemeente_a,
            rol=Rol.KLANTMANAGER,
        )
    link = reverse("uitnodiging", args=[services.uitnodiging_token(uitnodiging)])
    assert "Log in met dit e-mailadres" in client.get(link).content.decode()
    client.force_login(noor)
    response = client.post(link)
    assert response.status_code == 302
    # Now in both regio's: the header offers the switch.
    home = client.get(reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug}))
    inhoud = home.content.decode()
    assert 'aria-label="Regio kiezen"' in inhoud
    assert "/r/rijnmond/" in inhoud and "/r/noordoost-brabant/" in inhoud


def test_uitnodiging_voor_ander_emailadres_wordt_geweigerd(client, wereld):
    with scope(regio=wereld.regio_a.pk):
        uitnodiging = services.nodig_uit(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.BEHEERDER],
            email="iemand@anders.nl",
            naam="",
            organisatie=wereld.gemeente_a,
            rol=Rol.KLANTMANAGER,
        )
    UserFactory(email="iemand@anders.nl")
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    link = reverse("uitnodiging", args=[services.uitnodiging_token(uitnodiging)])
    response = client.post(link)
    assert response.status_code == 200
    with scope(regio=wereld.regio_a.pk):
        assert not Uitnodiging.objects.get(pk=uitnodiging.pk).geaccepteerd_op


def test_verlopen_uitnodiging_geeft_duidelijke_pagina(client, wereld, settings):
    with scope(regio=wereld.regio_a.pk):
        uitnodiging = services.nodig_uit(
            regio=wereld.regio_a,
            door=wereld.per_rol[Rol.BEHEERDER],
            email="laat@voorbeeld.nl",
            naam="",
            organisatie=wereld.gemeente_a,
            rol=Rol.KLANTMANAGER,
        )
    link = reverse("uitnodiging", args=[services.uitnodiging_token(uitnodiging)])
    later = timezone.now() + timedelta(days=settings.UITNODIGING_GELDIG_DAGEN, minutes=1)
    with time_machine.travel(later):
        response = client.get(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_gewijzigde_link_geeft_duidelijke_pagina(client, db):
    response = client.get(reverse("uitnodiging", args=["MTIz:knoeiwerk:niet-echt"]))
    assert response.status_code == 410
    assert "niet geldig" in response.content.decode()


def test_rol_moet_passen_bij_organisatie(client, wereld, beheerder):
    werkgever = OrganisatieFactory(soort=Organisatie.Soort.WERKGEVER)
    wereld.regio_a.organisaties.add(werkgever)
    response = _nodig_uit(client, wereld, beheerder, organisatie=werkgever.pk, rol=Rol.KLANTMANAGER)
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "hoort bij een organisatie van soort: Gemeente" in inhoud
    assert 'value="Karin Jacobs"' in inhoud
    assert mail.outbox == []


def test_organisatie_van_andere_regio_kan_niet_gekozen_worden(client, wereld, beheerder):
    vreemd = OrganisatieFactory(soort=Organisatie.Soort.GEMEENTE)
    wereld.regio_b.organisaties.add(vreemd)
    response = _nodig_uit(client, wereld, beheerder, organisatie=vreemd.pk)
    assert response.status_code == 200
    assert 'id="id_organisatie_error"' in response.content.decode()


def test_lidmaatschap_beeindigen(client, wereld, beheerder):
    opleider = wereld.per_rol[Rol.OPLEIDER]
    with scope(regio=wereld.regio_a.pk):
        lid = Lidmaatschap.objects.get(user=opleider)
    client.force_login(beheerder)
    url = reverse(
        "lidmaatschap_beeindigen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": lid.pk}
    )
    assert client.post(url).status_code == 302
    with scope(regio=wereld.regio_a.pk):
        lid.refresh_from_db()
    assert lid.beeindigd_op is not None and lid.beeindigd_door == beheerder
    leden = client.get(
        reverse("leden", kwargs={"regio_slug": wereld.regio_a.slug}) + "?toon=beeindigd"
    )
    assert opleider.naam in leden.content.decode()


def test_laatste_beheerder_kan_niet_beeindigd_worden(client, wereld, beheerder):
    with scope(regio=wereld.regio_a.pk):
        lid = Lidmaatschap.objects.get(user=beheerder)
    client.force_login(beheerder)
    url = reverse(
        "lidmaatschap_beeindigen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": lid.pk}
    )
    response = client.post(url)
    assert response.status_code == 200
    assert "laatste beheerder" in response.content.decode()
    with scope(regio=wereld.regio_a.pk):
        lid.refresh_from_db()
    assert lid.beeindigd_op is None
