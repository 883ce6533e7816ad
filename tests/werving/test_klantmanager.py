import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from tests.factories import meld_aan
from trajecten.models import Deelname, TrajectStatus
from werving import selectors
from werving.models import Kandidaat, Ontvanger, Toestemming

GELDIG_BSN = "111222333"


def url(naam, regio, **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs})


def aanmelding(**extra):
    data = {
        "voornaam": "Semhar", "achternaam": "Tesfamariam", "bsn": GELDIG_BSN, "woonplaats": "Oss",
        "postcode": "5342 AB", "taalniveau_nl": "A2", "taalniveau_en": "", "inburgering": "statushouder",
        "leerroute": "b1", "dagen_beschikbaar": "4", "rijbewijs": "geen", "uitkering": "bijstand",
        "vervoer_geregeld": "on", "toestemmingen": ["procesregisseur", "opleider"],
    }  # fmt: skip
    data.update(extra)
    return data


def test_catalogus_toont_open_trajecten(client, wereld, klantmanager, traject):
    client.force_login(klantmanager)
    inhoud = client.get(url("catalogus", wereld.regio_a)).content.decode()
    assert traject.naam in inhoud
    assert url("aanmelden", wereld.regio_a, pk=traject.pk) in inhoud
    with scope(regio=wereld.regio_a.pk):
        traject.__class__.objects.filter(pk=traject.pk).update(status=TrajectStatus.PROEFPERIODE)
    assert traject.naam not in client.get(url("catalogus", wereld.regio_a)).content.decode()


def test_aanmelden_in_de_browser(client, wereld, klantmanager, traject):
    client.force_login(klantmanager)
    data = aanmelding(gemeente=wereld.gemeente_a.pk)
    response = client.post(url("aanmelden", wereld.regio_a, pk=traject.pk), data)
    assert response.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        k = Kandidaat.objects.get(achternaam="Tesfamariam")
        assert (k.taalniveau_nl, k.dagen_beschikbaar, k.postcode, k.klantmanager) == (
            "A2",
            4,
            "5342 AB",
            klantmanager,
        )
        assert Deelname.objects.get(kandidaat=k).traject == traject
        assert set(Toestemming.objects.filter(kandidaat=k).values_list("ontvanger", flat=True)) == {
            "procesregisseur",
            "opleider",
        }
        # Encrypted at rest: the number is not in the row, but the gemeente can read it.
        assert GELDIG_BSN not in k.bsn_versleuteld and k.bsn_versleuteld
        assert selectors.bsn_van(user=klantmanager, regio=wereld.regio_a, kandidaat=k) == GELDIG_BSN
    detail = client.get(response["Location"]).content.decode()
    assert GELDIG_BSN not in detail  # hidden until asked for
    assert GELDIG_BSN in client.get(response["Location"] + "?bsn=tonen").content.decode()


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("bsn", "123456789", "Dit BSN klopt niet (de elfproef faalt)"),
        ("bsn", "1234", "Een BSN heeft 9 cijfers"),
        ("postcode", "12345", "Vul een Nederlandse postcode in"),
        ("dagen_beschikbaar", "7", "Vul 1 tot 5 dagen in"),
        ("toestemmingen", ["opleider"], "Zonder toestemming om te delen met de procesregisseur"),
    ],
)
def test_ongeldige_invoer_bij_het_veld_en_niets_verloren(
    client, wereld, klantmanager, traject, veld, waarde, melding
):
    client.force_login(klantmanager)
    response = client.post(
        url("aanmelden", wereld.regio_a, pk=traject.pk),
        aanmelding(gemeente=wereld.gemeente_a.pk, **{veld: waarde}),
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert melding in inhoud
    assert f'id="id_{veld}_error"' in inhoud or veld == "toestemmingen"
    assert 'value="Tesfamariam"' in inhoud and 'value="Oss"' in inhoud
    with scope(regio=wereld.regio_a.pk):
        assert not Kandidaat.objects.filter(achternaam="Tesfamariam").exists()


def test_dubbel_bsn_geweigerd(client, wereld, klantmanager, traject):
    client.force_login(klantmanager)
    client.post(
        url("aanmelden", wereld.regio_a, pk=traject.pk), aanmelding(gemeente=wereld.gemeente_a.pk)
    )
    response = client.post(
        url("aanmelden", wereld.regio_a, pk=traject.pk),
        aanmelding(gemeente=wereld.gemeente_a.pk, voornaam="Ander"),
    )
    assert "Uw gemeente heeft een kandidaat met dit BSN al aangemeld" in response.content.decode()


def test_klantmanager_ziet_alleen_eigen_gemeente(
    client, wereld, klantmanager, klantmanager_b, gemeente_b, regisseur, traject
):
    eigen = meld_aan(traject, regisseur, 2, gemeente=wereld.gemeente_a)
    vreemd = meld_aan(traject, regisseur, 1, gemeente=gemeente_b)[0]
    client.force_login(klantmanager)
    lijst = client.get(url("mijn_kandidaten", wereld.regio_a)).content.decode()
    assert str(eigen[0].kandidaat) in lijst and str(vreemd.kandidaat) not in lijst
    # Guessing the id of another gemeente's kandidaat: as if it does not exist.
    assert (
        client.get(url("kandidaat_detail", wereld.regio_a, pk=vreemd.kandidaat_id)).status_code
        == 404
    )
    assert (
        client.post(
            url("toestemming", wereld.regio_a, pk=vreemd.kandidaat_id),
            {"ontvanger": "werkgever", "actie": "geven"},
        ).status_code
        == 404
    )
    export = client.get(url("mijn_kandidaten", wereld.regio_a) + "?formaat=csv")
    rijen = list(csv.reader(io.StringIO(export.content.decode()), delimiter=";"))
    assert {r[1] for r in rijen[1:]} == {e.kandidaat.achternaam for e in eigen}
    assert not any(GELDIG_BSN in cel for rij in rijen for cel in rij)
    # And the other way around.
    client.force_login(klantmanager_b)
    assert (
        client.get(url("kandidaat_detail", wereld.regio_a, pk=vreemd.kandidaat_id)).status_code
        == 200
    )
    assert (
        client.get(url("kandidaat_detail", wereld.regio_a, pk=eigen[0].kandidaat_id)).status_code
        == 404
    )


def test_bsn_alleen_voor_gemeente_en_procesregisseur(
    wereld, klantmanager, klantmanager_b, regisseur, traject, in_regio_a
):
    from organisaties.models import Rol
    from werving import services

    k = services.registreer_kandidaat(
        regio=wereld.regio_a,
        door=klantmanager,
        gemeente=wereld.gemeente_a,
        voornaam="A",
        achternaam="B",
        bsn=GELDIG_BSN,
        toestemmingen=set(Ontvanger.values),
    )
    assert selectors.bsn_van(user=klantmanager, regio=wereld.regio_a, kandidaat=k) == GELDIG_BSN
    assert selectors.bsn_van(user=regisseur, regio=wereld.regio_a, kandidaat=k) == GELDIG_BSN
    for rol in [Rol.WERKGEVER, Rol.OPLEIDER, Rol.BEGELEIDER, Rol.FINANCIER, Rol.BEHEERDER]:
        assert (
            selectors.bsn_van(user=wereld.per_rol[rol], regio=wereld.regio_a, kandidaat=k) is None
        )
    assert selectors.bsn_van(user=klantmanager_b, regio=wereld.regio_a, kandidaat=k) is None


def test_zonder_toestemming_ziet_de_procesregisseur_niets(
    client, wereld, klantmanager, regisseur, traject
):
    d = meld_aan(traject, regisseur, gemeente=wereld.gemeente_a)[0]
    client.force_login(klantmanager)
    # Withdrawing asks for confirmation first (a page, no JavaScript needed).
    bevestigen = client.post(
        url("toestemming", wereld.regio_a, pk=d.kandidaat_id),
        {"ontvanger": "procesregisseur", "actie": "intrekken"},
    )
    assert bevestigen.status_code == 200
    assert 'name="bevestigd" value="ja"' in bevestigen.content.decode()
    client.force_login(regisseur)
    assert client.get(url("kandidaat_detail", wereld.regio_a, pk=d.kandidaat_id)).status_code == 200
    client.force_login(klantmanager)
    client.post(
        url("toestemming", wereld.regio_a, pk=d.kandidaat_id),
        {"ontvanger": "procesregisseur", "actie": "intrekken", "bevestigd": "ja"},
    )
    client.force_login(regisseur)
    assert client.get(url("kandidaat_detail", wereld.regio_a, pk=d.kandidaat_id)).status_code == 404
    assert (
        client.get(url("deelname_detail", wereld.regio_a, pk=traject.pk, dpk=d.pk)).status_code
        == 404
    )
    assert (
        str(d.kandidaat)
        not in client.get(url("fasebord", wereld.regio_a, pk=traject.pk)).content.decode()
    )
    # Given again: visible again, and the history of consent is kept.
    client.force_login(klantmanager)
    client.post(
        url("toestemming", wereld.regio_a, pk=d.kandidaat_id),
        {"ontvanger": "procesregisseur", "actie": "geven"},
    )
    client.force_login(regisseur)
    assert client.get(url("kandidaat_detail", wereld.regio_a, pk=d.kandidaat_id)).status_code == 200
    with scope(regio=wereld.regio_a.pk):
        assert (
            Toestemming.objects.filter(
                kandidaat_id=d.kandidaat_id, ontvanger="procesregisseur"
            ).count()
            == 2
        )


def test_aantal_queries_mijn_kandidaten_constant(
    client, wereld, klantmanager, regisseur, traject, django_assert_max_num_queries
):
    meld_aan(traject, regisseur, 2, gemeente=wereld.gemeente_a)
    client.force_login(klantmanager)
    doel = url("mijn_kandidaten", wereld.regio_a)
    client.get(doel)
    with CaptureQueriesContext(connection) as weinig:
        client.get(doel)
    meld_aan(traject, regisseur, 10, gemeente=wereld.gemeente_a)
    with django_assert_max_num_queries(len(weinig)):
        assert client.get(doel).status_code == 200
