"""The inzageverzoek export (AVG art. 15): everything on one kandidaat as JSON and PDF, for the
procesregisseur and the kandidaat's own gemeente, logged in the access log, without secrets."""

import json
from io import BytesIO

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from organisaties.models import Rol
from tests.paginas import _traject_in_a, portaal_in_a
from trajecten.models import Deelname
from werving import inzage
from werving.models import Kandidaat, Raadpleging


def _url(w, naam):
    return reverse(naam, kwargs={"regio_slug": w.regio_a.slug, "pk": w.deelname.kandidaat_id})


@pytest.fixture
def w(wereld):
    _traject_in_a(wereld)
    portaal_in_a(wereld)
    with scope(regio=wereld.regio_a.pk):
        Kandidaat.objects.filter(pk=wereld.deelname.kandidaat_id).update(
            bsn_versleuteld="geheim", woonplaats="Oss"
        )
    return wereld


def _sleutels(data):
    if isinstance(data, dict):
        for k, v in data.items():
            yield k
            yield from _sleutels(v)
    elif isinstance(data, list):
        for v in data:
            yield from _sleutels(v)


def test_json_bevat_alles_en_geen_geheimen(client, w):
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    antwoord = client.get(_url(w, "inzage_json"))
    assert antwoord.status_code == 200
    assert "attachment" in antwoord["Content-Disposition"]
    assert "no-store" in antwoord["Cache-Control"]
    data = json.loads(antwoord.content)
    assert data["kandidaat"]["woonplaats"] == "Oss"
    assert data["kandidaat"]["BSN vastgelegd"] is True
    assert "geheim" not in antwoord.content.decode()
    sleutels = {k.lower() for k in _sleutels(data)}
    assert not {k for k in sleutels if any(g in k for g in inzage.GEHEIM)}

    # Every relation of a kandidaat and of a deelname is exported, or deliberately not.
    with scopes_disabled():
        for model, onderdelen in (
            (Kandidaat, data["onderdelen"]),
            (Deelname, data["deelnames"][0]["onderdelen"]),
        ):
            verwacht = (
                {
                    r.get_accessor_name()
                    for r in model._meta.related_objects
                    if r.related_name != "+"
                }
                - set(inzage.NIET_GEEXPORTEERD)
                - {"deelnames"}
            )
            gevonden = {o["soort"] for o in onderdelen}
            assert verwacht <= gevonden, verwacht - gevonden
    contact = next(o for o in data["deelnames"][0]["onderdelen"] if o["soort"] == "contactmomenten")
    assert contact["rijen"] and contact["rijen"][0]["vervolgactie"] == "Bellen"
    taken = next(o for o in data["onderdelen"] if o["soort"] == "taken")
    assert taken["rijen"][0]["wat moet de kandidaat doen"] == "Koop werkschoenen"
    # The export lists its own making among who saw the data.
    assert data["raadplegingen"][-1]["soort"] == "Inzageverzoek"


def test_wordt_gelogd_en_klantmanager_van_de_gemeente_mag_het_ook(client, w):
    client.force_login(w.per_rol[Rol.KLANTMANAGER])
    assert client.get(_url(w, "inzage_json")).status_code == 200
    with scopes_disabled():
        (regel,) = Raadpleging.objects.all()
    assert (regel.soort, regel.onderdeel, regel.route) == (
        "inzageverzoek",
        "alle gegevens (JSON)",
        "inzage_json",
    )
    # Confidential notes are the coach's and the procesregisseur's: not in the klantmanager's.
    data = json.loads(client.get(_url(w, "inzage_json")).content)
    notities = next(
        o for o in data["deelnames"][0]["onderdelen"] if o["soort"] == "vertrouwelijke_notities"
    )
    assert notities["rijen"] == []


def test_pdf(client, w):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    from documenten import renderer

    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    antwoord = client.get(_url(w, "inzage_pdf"))
    if antwoord.status_code == 404:
        with pytest.raises(renderer.PdfNietBeschikbaar):
            renderer.render_pdf("<p>x</p>")
        pytest.skip("Pango ontbreekt")
    assert antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(antwoord.content)).pages)
    assert "Inzage in uw gegevens" in tekst and "Oss" in tekst
    assert "Wie uw gegevens heeft bekeken" in tekst
