"""The crashes found under attack, each through its page: a clear Dutch message next to the
field, what was typed kept, nothing stored. (test_vijandige_invoer.py covers every form; these
are the cases as they were reported.)"""

import pytest
from django_scopes import scope

from begeleiding.models import Module, Resultaat
from financiering.models import Vordering
from organisaties.models import Rol
from trajecten.models import Traject
from werving.models import Baangarantie

from .paginas import _traject_in_a, url_voor

P = Rol.PROCESREGISSEUR


def _post(client, wereld, rol, route, naam, data):
    client.force_login(wereld.per_rol[rol])
    url = url_voor(wereld, route, naam)
    pagina = client.get(url).content.decode()
    assert "<form" in pagina
    return client.post(url, data)


def _fout_bij(response, veld, melding):
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{veld}_error"' in inhoud
    assert melding in inhoud
    return inhoud


def test_baangarantie_met_32768_plaatsen(client, wereld):
    traject = _traject_in_a(wereld)
    with scope(regio=wereld.regio_a.pk):
        werkgever = traject.partners.filter(rol="werkgever").first().organisatie
    response = _post(
        client, wereld, P, "r/<slug:regio_slug>/werving/trajecten/<int:pk>/baangaranties/",
        "baangaranties", {"werkgever": werkgever.pk, "aantal_plaatsen": "32768"},
    )  # fmt: skip
    inhoud = _fout_bij(response, "aantal_plaatsen", "hoogstens 100")
    assert 'value="32768"' in inhoud
    with scope(regio=wereld.regio_a.pk):
        assert not Baangarantie.objects.exists()


def test_groepsgrootte_32768(client, wereld):
    traject = _traject_in_a(wereld)
    client.force_login(wereld.per_rol[P])
    url = url_voor(wereld, "r/<slug:regio_slug>/trajecten/<int:pk>/bewerken/", "traject_bewerken")
    from tests.formulieren import formulieren_op

    [formulier] = [
        f
        for f in formulieren_op(client.get(url).content.decode())
        if f.methode == "post" and f.actie in ("", url)  # not the header's logout button
    ]
    data = formulier.invoer()
    data["groepsgrootte"] = ["32768"]
    _fout_bij(client.post(url, data), "groepsgrootte", "hoogstens 50")
    with scope(regio=wereld.regio_a.pk):
        assert Traject.objects.get(pk=traject.pk).groepsgrootte == 10


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_nieuwe_ronde_in_jaar_9999_of_1(client, wereld, start):
    _traject_in_a(wereld)
    response = _post(
        client, wereld, P, "r/<slug:regio_slug>/trajecten/<int:pk>/nieuwe-ronde/",
        "nieuwe_ronde", {"start": start},
    )  # fmt: skip
    _fout_bij(response, "start", "te ver in")
    with scope(regio=wereld.regio_a.pk):
        assert Traject.objects.count() == 1


def test_module_van_min_drie_dagen(client, wereld):
    _traject_in_a(wereld)
    with scope(regio=wereld.regio_a.pk):
        aanbieder = Module.objects.get().aanbieder
    response = _post(
        client, wereld, P, "r/<slug:regio_slug>/begeleiding/trajecten/<int:pk>/modules/",
        "modules", {"soort": "vaktaal", "aanbieder": aanbieder.pk, "dagen": "-3"},
    )  # fmt: skip
    _fout_bij(response, "dagen", "minstens een halve dag")
    with scope(regio=wereld.regio_a.pk):
        assert Module.objects.count() == 1


def test_resultaat_van_1_januari_jaar_1_maakt_geen_vordering(client, wereld):
    _traject_in_a(wereld)
    with scope(regio=wereld.regio_a.pk):
        Resultaat.objects.all().delete()
    response = _post(
        client, wereld, Rol.OPLEIDER,
        "r/<slug:regio_slug>/begeleiding/modules/<int:mpk>/deelnemers/<int:dpk>/resultaat/",
        "resultaat", {"behaald": "on", "certificaat": "vca", "datum": "0001-01-01"},
    )  # fmt: skip
    _fout_bij(response, "datum", "te ver in het verleden")
    with scope(regio=wereld.regio_a.pk):
        assert not Resultaat.objects.exists()
        assert not Vordering.objects.filter(soort="resultaat_1").exists()
