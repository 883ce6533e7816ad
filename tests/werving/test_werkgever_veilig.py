"""The public werkgever link under attack: a known KvK number never joins an organisation
silently, the form keeps only what it knows, and odd requests end in a page, not a crash."""

import pytest
from django.urls import reverse
from django_scopes import scope

from organisaties.models import Organisatie
from tests.factories import OrganisatieFactory
from werving.models import IntakeStatus, Vacature, WerkgeverIntake

from .test_werkgever import BEDRIJF, CONTACT, _vul_in, beheer, vacature


def _intake(wereld):
    with scope(regio=wereld.regio_a.pk):
        return WerkgeverIntake.objects.get()


def _beoordeel(client, wereld, regisseur, **extra):
    client.force_login(regisseur)
    doel = reverse(
        "werkgever_beoordelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": _intake(wereld).pk}
    )
    return client.post(doel, {"besluit": "akkoord", **extra}), doel


def test_kvk_van_een_organisatie_in_een_andere_regio_kan_alleen_worden_afgewezen(
    client, wereld, regisseur, link
):
    elders = OrganisatieFactory(naam="Bouwer Rijnmond BV", kvk_nummer=BEDRIJF["kvk_nummer"])
    elders.regios.add(wereld.regio_b)
    _vul_in(client, link)
    client.force_login(regisseur)
    doel = reverse(
        "werkgever_beoordelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": _intake(wereld).pk}
    )
    pagina = client.get(doel).content.decode()
    assert "hoort bij Bouwer Rijnmond BV, dat niet als werkgever in deze regio meedoet" in pagina
    response, _doel = _beoordeel(client, wereld, regisseur)
    assert response.status_code == 200
    assert "tot dan kunt u deze intake alleen afwijzen" in response.content.decode()
    assert not wereld.regio_a.organisaties.filter(pk=elders.pk).exists()
    with scope(regio=wereld.regio_a.pk):
        assert not Vacature.objects.exists()
        assert _intake(wereld).status == IntakeStatus.INGEDIEND
    response = client.post(doel, {"besluit": "afgewezen", "reden_afwijzing": "Onbekend KvK"})
    assert response.status_code == 302


def test_kvk_van_een_organisatie_in_deze_regio_vraagt_een_keuze(client, wereld, regisseur, link):
    hier = OrganisatieFactory(naam="Isolatie Oss Holding", kvk_nummer=BEDRIJF["kvk_nummer"])
    hier.regios.add(wereld.regio_a)
    _vul_in(client, link)
    response, doel = _beoordeel(client, wereld, regisseur)
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Vink aan dat deze intake bij Isolatie Oss Holding hoort, of wijs haar af" in inhoud
    with scope(regio=wereld.regio_a.pk):
        assert not Vacature.objects.exists()
    response = client.post(doel, {"besluit": "akkoord", "koppel_aan_bestaande": "on"})
    assert response.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        assert Vacature.objects.get().werkgever == hier
        assert _intake(wereld).organisatie == hier
    assert Organisatie.objects.filter(kvk_nummer=BEDRIJF["kvk_nummer"]).count() == 1


def test_het_formulier_bewaart_alleen_wat_het_kent(client, wereld, link):
    stap = link + "stap/{}/"
    client.post(
        stap.format(1),
        {
            **BEDRIJF,
            "naam_correctie": "B" * 50_000,
            "vestigingsplaats": "Oss\x00",
            "is_admin": "ja",
            "organisatie": "1",
            "actie": "bewaren",
        },
    )
    bewaard = _intake(wereld).concept["bedrijf"]
    assert "is_admin" not in bewaard and "organisatie" not in bewaard
    assert len(bewaard["naam_correctie"][0]) == 2000
    assert bewaard["vestigingsplaats"] == ["Oss"]


@pytest.mark.parametrize("totaal", ["abc", "99999999", "-5"])
def test_vreemd_aantal_vacatures_geeft_geen_fout(client, wereld, link, totaal):
    stap = link + "stap/{}/"
    client.post(stap.format(1), {**BEDRIJF, "actie": "volgende"})
    client.post(stap.format(2), {**CONTACT, "actie": "volgende"})
    for actie in ("extra_vacature", "volgende", "bewaren"):
        data = {**beheer(1), **vacature(0), "vacature-TOTAL_FORMS": totaal, "actie": actie}
        response = client.post(stap.format(3), data)
        assert response.status_code in (200, 302), actie
        if response.status_code == 200:
            assert response.content.decode().count('name="vacature-') < 21 * 20


def test_bewaren_terwijl_het_formulier_al_is_ingediend(client, wereld, link, monkeypatch):
    """Another tab sends the form in while this one saves a step: a page, not an error."""
    from werving import services

    _vul_in(client, link)
    echt = services.lees_werkgever_link

    def nog_als_concept(token):  # read just before the other tab's submit committed
        intake = echt(token)
        intake.status = IntakeStatus.CONCEPT
        return intake

    monkeypatch.setattr(services, "lees_werkgever_link", nog_als_concept)
    response = client.post(link + "stap/1/", {**BEDRIJF, "actie": "bewaren"})
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode()
