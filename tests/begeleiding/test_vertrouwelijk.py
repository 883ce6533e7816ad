"""Confidential notes: only the begeleiders of that deelnemer and the procesregisseur may read
them — in pages, exports and the API. Every role is tried."""

import pytest
from django.urls import reverse
from django_scopes import scope

from begeleiding import services
from organisaties.models import Rol

GEHEIM = "Schulden bij de woningcorporatie, geheim"
MAG = {Rol.PROCESREGISSEUR, Rol.BEGELEIDER}


@pytest.fixture
def notitie(wereld, deelname, regisseur):
    with scope(regio=wereld.regio_a.pk):
        services.schrijf_notitie(deelname=deelname, door=regisseur, tekst=GEHEIM)
        services.leg_contactmoment_vast(
            deelname=deelname, door=regisseur, kanaal="whatsapp", samenvatting="Gewoon contact"
        )


def _paginas(wereld, deelname, module):
    r = wereld.regio_a.slug
    t = deelname.traject_id
    return [
        reverse("dossier", kwargs={"regio_slug": r, "dpk": deelname.pk}),
        reverse("dossier_export", kwargs={"regio_slug": r, "dpk": deelname.pk}),
        reverse("deelname_detail", kwargs={"regio_slug": r, "pk": t, "dpk": deelname.pk}),
        reverse("kandidaat_detail", kwargs={"regio_slug": r, "pk": deelname.kandidaat_id}),
        reverse("mijn_kandidaten", kwargs={"regio_slug": r}) + "?formaat=csv",
        reverse("mijn_vacatures", kwargs={"regio_slug": r}),
        reverse("module", kwargs={"regio_slug": r, "mpk": module.pk}),
        reverse("caseload", kwargs={"regio_slug": r}),
        reverse("api_deelnames", kwargs={"regio_slug": r}),
        reverse("api_deelname", kwargs={"regio_slug": r, "pk": deelname.pk}),
        reverse("regio_home", kwargs={"regio_slug": r}),
    ]


@pytest.mark.parametrize("rol", list(Rol))
def test_notitie_alleen_voor_begeleiders_en_procesregisseur(
    client, wereld, deelname, module, notitie, rol
):
    client.force_login(wereld.per_rol[rol])
    gezien = []
    for url in _paginas(wereld, deelname, module):
        response = client.get(url)
        if response.status_code == 200 and GEHEIM in response.content.decode():
            gezien.append(url)
    if rol in MAG:
        # The dossier, its export and the API detail show it to them.
        assert len(gezien) == 3, gezien
    else:
        assert gezien == [], f"{rol} ziet de vertrouwelijke notitie op {gezien}"


def test_andere_begeleider_ziet_niets(client, wereld, deelname, module, notitie, andere_begeleider):
    client.force_login(andere_begeleider)
    for url in _paginas(wereld, deelname, module):
        response = client.get(url)
        assert GEHEIM not in response.content.decode(), url
    assert (
        client.get(
            reverse("dossier", kwargs={"regio_slug": wereld.regio_a.slug, "dpk": deelname.pk})
        ).status_code
        == 404
    )


def test_api_geeft_notities_alleen_aan_wie_mag(client, wereld, deelname, notitie):
    url = reverse("api_deelname", kwargs={"regio_slug": wereld.regio_a.slug, "pk": deelname.pk})
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])
    assert client.get(url).json()["vertrouwelijke_notities"][0]["tekst"] == GEHEIM
    client.force_login(wereld.per_rol[Rol.WERKGEVER])
    data = client.get(url).json()
    assert data["status"] == "voorschakeltraject" and "vertrouwelijke_notities" not in data
    client.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    assert "vertrouwelijke_notities" not in client.get(url).json()
    client.force_login(wereld.per_rol[Rol.FINANCIER])
    assert client.get(url).status_code == 403
