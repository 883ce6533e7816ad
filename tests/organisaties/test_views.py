import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisaties.models import Organisatie, Rol
from tests.factories import OrganisatieFactory, lid


def _url(naam, regio, **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs})


def test_start_stuurt_door_naar_de_enige_regio(client, wereld):
    client.force_login(wereld.per_rol[Rol.WERKGEVER])
    response = client.get(reverse("start"))
    assert response["Location"] == _url("regio_home", wereld.regio_a)


def test_start_laat_kiezen_bij_meerdere_regios(client, wereld):
    user = wereld.alles_in_b
    lid(wereld.regio_a, Rol.BEGELEIDER, user=user)
    client.force_login(user)
    inhoud = client.get(reverse("start")).content.decode()
    assert "Noordoost-Brabant" in inhoud and "Rijnmond" in inhoud


def test_start_zonder_regio_legt_uit_wat_te_doen(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "nog geen toegang tot een regio" in client.get(reverse("start")).content.decode()


@pytest.mark.parametrize("rol", list(Rol))
def test_elke_rol_heeft_een_eigen_startpagina(client, wereld, rol):
    client.force_login(wereld.per_rol[rol])
    response = client.get(_url("regio_home", wereld.regio_a))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert f'id="rol-{rol.value}"' in inhoud
    andere = [r for r in Rol if r != rol]
    assert not any(f'id="rol-{r.value}"' in inhoud for r in andere)


def test_organisatie_toevoegen_met_ongeldig_kvk_nummer(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    url = _url("organisatie_toevoegen", wereld.regio_a)
    response = client.post(
        url, {"naam": "Bouwbedrijf Test", "soort": "werkgever", "kvk_nummer": "1234"}
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Een KvK-nummer bestaat uit precies 8 cijfers" in inhoud
    assert 'id="id_kvk_nummer_error"' in inhoud
    assert 'value="Bouwbedrijf Test"' in inhoud and 'value="1234"' in inhoud
    assert not Organisatie.objects.filter(naam="Bouwbedrijf Test").exists()


def test_organisatie_toevoegen_en_hergebruik_op_kvk(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    url = _url("organisatie_toevoegen", wereld.regio_a)
    data = {"naam": "Bouwbedrijf Test", "soort": "werkgever", "kvk_nummer": "1234 5678"}
    assert client.post(url, data).status_code == 302
    org = Organisatie.objects.get(kvk_nummer="12345678")
    assert wereld.regio_a.organisaties.filter(pk=org.pk).exists()
    # The same company joins regio B: found by KvK number, never joined silently: the
    # beheerder sees whose number it is and confirms; then it is shared, not duplicated.
    client.force_login(wereld.alles_in_b)
    response = client.post(_url("organisatie_toevoegen", wereld.regio_b), data)
    assert response.status_code == 200
    assert "hoort bij Bouwbedrijf Test, dat al in Schakel bekend is" in response.content.decode()
    assert not wereld.regio_b.organisaties.filter(pk=org.pk).exists()
    bevestigd = {**data, "bestaande_bevestigd": "on"}
    assert client.post(_url("organisatie_toevoegen", wereld.regio_b), bevestigd).status_code == 302
    assert Organisatie.objects.filter(kvk_nummer="12345678").count() == 1
    assert wereld.regio_b.organisaties.filter(pk=org.pk).exists()
    # A KvK number of another kind of organisation is refused next to the field.
    data["soort"] = "opleider"
    response = client.post(_url("organisatie_toevoegen", wereld.regio_b), data)
    assert "hoort bij Bouwbedrijf Test" in response.content.decode()


def test_organisaties_van_andere_regio_niet_zichtbaar(client, wereld):
    OrganisatieFactory(naam="Alleen In Rijnmond BV").regios.add(wereld.regio_b)
    client.force_login(wereld.per_rol[Rol.PROCESREGISSEUR])
    inhoud = client.get(_url("organisaties", wereld.regio_a)).content.decode()
    assert "Alleen In Rijnmond BV" not in inhoud
    assert "Gemeente Oss" in inhoud


def _extra_leden(regio, aantal):
    for _ in range(aantal):
        lid(regio, Rol.BEGELEIDER)


@pytest.mark.parametrize(
    ("naam", "rol"),
    [
        ("leden", Rol.BEHEERDER),
        ("organisaties", Rol.PROCESREGISSEUR),
        ("regio_home", Rol.PROCESREGISSEUR),
        ("regio_home", Rol.BEHEERDER),
    ],
)
def test_aantal_queries_groeit_niet_met_het_aantal_leden(
    client, wereld, django_assert_max_num_queries, naam, rol
):
    client.force_login(wereld.per_rol[rol])
    url = _url(naam, wereld.regio_a)
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    _extra_leden(wereld.regio_a, 15)
    with django_assert_max_num_queries(len(weinig)):
        response = client.get(url)
    assert response.status_code == 200


def test_kop_heeft_regio_en_menu(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    inhoud = client.get(_url("regio_home", wereld.regio_a)).content.decode()
    assert 'href="#inhoud"' in inhoud  # skip link
    assert '<main id="inhoud"' in inhoud
    assert 'aria-label="Hoofdmenu"' in inhoud
    assert _url("leden", wereld.regio_a) in inhoud


def test_procesregisseur_ziet_contactpersonen(client, wereld):
    client.force_login(wereld.per_rol[Rol.WERKGEVER])
    inhoud = client.get(_url("regio_home", wereld.regio_a)).content.decode()
    assert wereld.per_rol[Rol.PROCESREGISSEUR].email in inhoud
    assert wereld.alles_in_b.email not in inhoud
