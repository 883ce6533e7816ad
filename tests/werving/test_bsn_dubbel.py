"""A BSN cannot be probed, and a kandidaat exists once per BSN per regio — also when the form is
sent eight times at once."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from organisaties.middleware import SLEUTEL_VELD
from werving import selectors
from werving.models import Kandidaat, MogelijkDubbel

from .test_klantmanager import GELDIG_BSN, aanmelding, url


def _aanmelden(client, wereld, traject, gemeente, **extra):
    return client.post(
        url("aanmelden", wereld.regio_a, pk=traject.pk), aanmelding(gemeente=gemeente.pk, **extra)
    )


def test_een_andere_gemeente_merkt_niets_van_een_bekend_bsn(
    client, wereld, klantmanager, klantmanager_b, gemeente_b, regisseur, traject
):
    client.force_login(klantmanager)
    assert _aanmelden(client, wereld, traject, wereld.gemeente_a).status_code == 302

    # Gemeente B registers the same BSN: the answer is the same as for any new kandidaat.
    client.force_login(klantmanager_b)
    response = _aanmelden(client, wereld, traject, gemeente_b, voornaam="Ander")
    assert response.status_code == 302
    pagina = client.get(response["Location"]).content.decode()
    assert "Ander Tesfamariam is aangemeld voor" in pagina
    assert "al aangemeld" not in pagina and "dubbel" not in pagina.lower()
    with scope(regio=wereld.regio_a.pk):
        eerste, tweede = Kandidaat.objects.order_by("pk")
        dubbel = MogelijkDubbel.objects.get()
        assert (dubbel.kandidaat, dubbel.bestaande, dubbel.gemeente) == (tweede, eerste, gemeente_b)
        assert eerste.bsn_vingerafdruk and not tweede.bsn_vingerafdruk
        # Gemeente B can still read the BSN it entered itself.
        assert selectors.bsn_van(user=klantmanager_b, regio=wereld.regio_a, kandidaat=tweede) == (
            GELDIG_BSN
        )

    # Registering it once more, gemeente B hears that it is its own duplicate.
    response = _aanmelden(client, wereld, traject, gemeente_b, voornaam="Nog een")
    assert "Uw gemeente heeft een kandidaat met dit BSN al aangemeld" in response.content.decode()

    # The procesregisseur sees both on the home page and resolves it.
    client.force_login(regisseur)
    home = client.get(reverse("regio_home", args=[wereld.regio_a.slug])).content.decode()
    assert "1 mogelijk dubbele aanmelding om af te handelen" in home
    lijst = client.get(url("dubbele_aanmeldingen", wereld.regio_a)).content.decode()
    assert "Semhar Tesfamariam" in lijst and "Ander Tesfamariam" in lijst
    afhandelen = url("dubbel_afhandelen", wereld.regio_a, pk=dubbel.pk)
    assert "veld--fout" in client.post(afhandelen, {"toelichting": " "}).content.decode()
    response = client.post(afhandelen, {"toelichting": "Zelfde persoon, verhuisd naar Den Bosch."})
    assert response.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        dubbel.refresh_from_db()
        assert dubbel.afgehandeld_door == regisseur
    home = client.get(reverse("regio_home", args=[wereld.regio_a.slug])).content.decode()
    assert "mogelijk dubbele" not in home


def test_de_gemeente_ziet_een_eigen_dubbele_aanmelding(client, wereld, klantmanager, traject):
    client.force_login(klantmanager)
    _aanmelden(client, wereld, traject, wereld.gemeente_a)
    response = _aanmelden(client, wereld, traject, wereld.gemeente_a, voornaam="Ander")
    assert "Uw gemeente heeft een kandidaat met dit BSN al aangemeld" in response.content.decode()
    assert 'value="Ander"' in response.content.decode()  # nothing typed is lost


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zelfde_sleutel", [False, True], ids=["acht-formulieren", "dubbelklik"])
def test_acht_keer_tegelijk_aanmelden_geeft_een_kandidaat(
    wereld, klantmanager, traject, zelfde_sleutel
):
    """Eight browsers post at the same moment, each on its own connection: with eight keys (eight
    forms) the database constraint decides, with one key (a double click) the first one does."""
    doel = url("aanmelden", wereld.regio_a, pk=traject.pk)
    sleutel = uuid.uuid4().hex
    start = threading.Barrier(8, timeout=20)
    statussen = []

    def stuur():
        client = Client()
        client.force_login(klantmanager)
        data = aanmelding(gemeente=wereld.gemeente_a.pk)
        data[SLEUTEL_VELD] = sleutel if zelfde_sleutel else uuid.uuid4().hex
        try:
            start.wait()
            statussen.append(client.post(doel, data).status_code)
        finally:
            connection.close()

    draden = [threading.Thread(target=stuur) for _ in range(8)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert len(statussen) == 8 and all(s < 500 for s in statussen), statussen
    with scope(regio=wereld.regio_a.pk):
        assert Kandidaat.objects.count() == 1
        assert Kandidaat.objects.get().deelnames.count() == 1
        assert not MogelijkDubbel.objects.exists()
