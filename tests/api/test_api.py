"""API v1: keys per organisation, the same access and selectors as the pages, transitions and
claim decisions through the services, pagination, filters, ordering, and the committed schema."""

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from financiering.models import Boeking, Vordering
from organisaties import services
from organisaties.models import ApiToken, Lidmaatschap, Rol
from tests.factories import OrganisatieFactory, lid, meld_aan
from tests.paginas import (
    ALLEEN_POST,
    BELEID,
    PATRONEN,
    _financiering_in_a,
    _traject_in_a,
    url_voor,
)
from trajecten.models import Gebeurtenis

ROOT = Path(__file__).resolve().parents[2]
API_ROUTES = [p for p in PATRONEN if p.values[0].startswith("api/v1/r/")]


def _token(w, rol=Rol.KLANTMANAGER, organisatie=None, regio=None, dagen=30):
    regio = regio or w.regio_a
    with scope(regio=regio.pk):
        if organisatie is None:
            organisatie = (
                w.gemeente_a
                if regio == w.regio_a and rol == Rol.KLANTMANAGER
                else Lidmaatschap.objects.filter(regio=regio, rol=rol).first().organisatie
            )
        return services.maak_api_token(
            regio=regio,
            door=w.per_rol[Rol.BEHEERDER],
            organisatie=organisatie,
            rol=rol,
            naam="Koppeling",
            geldig_dagen=dagen,
        )


def _bearer(sleutel):
    return {"Authorization": f"Bearer {sleutel}"}


def test_sleutel_wordt_eenmaal_getoond_en_alleen_als_hash_bewaard(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    url = reverse("api_sleutels", args=[wereld.regio_a.slug])
    response = client.post(
        url,
        {
            "naam": "Suite gemeente Oss",
            "organisatie": wereld.gemeente_a.pk,
            "rol": Rol.KLANTMANAGER,
            "geldig_dagen": 90,
        },
        follow=True,
    )
    sleutel = re.search(r"schakel_[A-Za-z0-9_-]{43}", response.content.decode()).group(0)
    assert sleutel not in client.get(url).content.decode()  # shown once
    with scope(regio=wereld.regio_a.pk):
        token = ApiToken.objects.get()
        assert token.sleutel_hash == services.sleutel_hash(sleutel)
        assert sleutel not in str(
            ApiToken.objects.filter(pk=token.pk).values().get()
        )  # only the hash
        assert token.verloopt_op == timezone.localdate() + timedelta(days=90)
        assert token.lidmaatschap.user.is_dienstaccount
        assert not token.lidmaatschap.user.has_usable_password()
    client.logout()
    kandidaten = reverse("api_kandidaten", args=[wereld.regio_a.slug])
    assert client.get(kandidaten, headers=_bearer(sleutel)).status_code == 200


def test_procesregisseur_en_beheerder_krijgen_geen_sleutel(wereld):
    from django.core.exceptions import ValidationError

    for rol in (Rol.PROCESREGISSEUR, Rol.BEHEERDER):
        with pytest.raises(ValidationError):
            _token(wereld, rol=rol)


def test_sleutel_werkt_alleen_in_eigen_regio_en_rol_tot_intrekken_of_verlopen(client, wereld):
    token, sleutel = _token(wereld)
    a, b = wereld.regio_a.slug, wereld.regio_b.slug
    assert (
        client.get(reverse("api_kandidaten", args=[a]), headers=_bearer(sleutel)).status_code == 200
    )
    # Another regio does not exist for it; another role's route is refused.
    assert (
        client.get(reverse("api_kandidaten", args=[b]), headers=_bearer(sleutel)).status_code == 404
    )
    assert (
        client.get(reverse("api_boekingen", args=[a]), headers=_bearer(sleutel)).status_code == 403
    )
    # A key opens the API only, never the pages.
    pagina = client.get(reverse("regio_home", args=[a]), headers=_bearer(sleutel))
    assert pagina.status_code == 302 and "/inloggen/" in pagina["Location"]
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        verlopen = client.get(reverse("api_kandidaten", args=[a]), headers=_bearer(sleutel))
        assert verlopen.status_code == 401
    with scope(regio=wereld.regio_a.pk):
        services.trek_api_token_in(token=token, door=wereld.per_rol[Rol.BEHEERDER])
        assert Lidmaatschap.objects.get(pk=token.lidmaatschap_id).beeindigd_op is not None
    ingetrokken = client.get(reverse("api_kandidaten", args=[a]), headers=_bearer(sleutel))
    assert ingetrokken.status_code == 401
    assert ingetrokken["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("rol", [Rol.KLANTMANAGER, Rol.FINANCIER, Rol.WERKGEVER])
def test_toegangsmatrix_met_sleutel(client, wereld, rol):
    """Every API route with a key in one role: what BELEID gives that role, nothing else."""
    _financiering_in_a(wereld)
    organisatie = None
    if rol != Rol.KLANTMANAGER:
        with scope(regio=wereld.regio_a.pk):
            organisatie = Lidmaatschap.objects.get(user=wereld.per_rol[rol]).organisatie
    _, sleutel = _token(wereld, rol=rol, organisatie=organisatie)
    for param in API_ROUTES:
        route, naam, _view = param.values
        url = url_voor(wereld, route, naam)
        code = client.get(url, headers=_bearer(sleutel)).status_code
        verwacht = (405 if naam in ALLEEN_POST else 200) if rol in BELEID[naam] else 403
        assert code == verwacht, f"{url} met sleutel als {rol}: {code}"


def test_klantmanager_van_een_andere_gemeente_ziet_niets_van_deze(client, wereld):
    w = _financiering_in_a(wereld)
    andere = OrganisatieFactory(soort="gemeente", kvk_nummer="")
    w.regio_a.organisaties.add(andere)
    client.force_login(lid(w.regio_a, Rol.KLANTMANAGER, organisatie=andere))
    r = w.regio_a.slug
    for naam, pk in [
        ("api_kandidaat", w.deelname.kandidaat_id),
        ("api_deelname", w.deelname.pk),
        ("api_vordering", w.vordering.pk),
    ]:
        assert client.get(reverse(naam, args=[r, pk])).status_code == 404, naam
    for naam in ["api_kandidaten", "api_deelnames", "api_vorderingen", "api_trajecten"]:
        assert client.get(reverse(naam, args=[r])).json()["results"] == [], naam
    beoordeling = reverse("api_vordering_beoordeling", args=[r, w.vordering.pk])
    assert (
        client.post(beoordeling, {"akkoord": True}, content_type="application/json").status_code
        == 404
    )


def test_overgang_via_de_api_gaat_door_de_service(client, wereld):
    _traject_in_a(wereld)
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    client.force_login(regisseur)
    with scope(regio=wereld.regio_a.pk):
        d = meld_aan(wereld.traject, regisseur, gemeente=wereld.gemeente_a)[0]
    url = reverse("api_deelname_overgang", args=[wereld.regio_a.slug, d.pk])
    # Not an allowed step: 400 with the service's Dutch reason.
    fout = client.post(url, {"naar": "in_dienst"}, content_type="application/json")
    assert fout.status_code == 400 and "kan niet van" in fout.json()["detail"]
    # A field that does not belong to the step.
    vreemd = client.post(url, {"naar": "intake", "cao": "x"}, content_type="application/json")
    assert vreemd.status_code == 400 and "cao" in vreemd.json()
    # Uitval needs its reason (the same form as the page).
    leeg = client.post(url, {"naar": "uitgevallen"}, content_type="application/json")
    assert leeg.status_code == 400
    goed = client.post(
        url, {"naar": "intake", "reden": "Via de API"}, content_type="application/json"
    )
    assert goed.status_code == 200, goed.content
    assert goed.json()["status"] == "intake"
    with scope(regio=wereld.regio_a.pk):
        laatste = Gebeurtenis.objects.filter(deelname=d).order_by("-pk").first()
        assert (laatste.van_status, laatste.naar_status, laatste.door) == (
            "aangemeld",
            "intake",
            regisseur,
        )


def test_beoordeling_via_de_api_boekt_eenmaal(client, wereld):
    w = _financiering_in_a(wereld)
    _, sleutel = _token(w)
    url = reverse("api_vordering_beoordeling", args=[w.regio_a.slug, w.vordering.pk])
    geen_reden = client.post(
        url, {"akkoord": False}, content_type="application/json", headers=_bearer(sleutel)
    )
    assert geen_reden.status_code == 400 and "reden" in geen_reden.json()
    ok = client.post(
        url, {"akkoord": True}, content_type="application/json", headers=_bearer(sleutel)
    )
    assert ok.status_code == 200 and ok.json()["status"] == "goedgekeurd"
    nogmaals = client.post(
        url, {"akkoord": True}, content_type="application/json", headers=_bearer(sleutel)
    )
    assert nogmaals.status_code == 400
    with scope(regio=w.regio_a.pk):
        assert Boeking.objects.filter(vordering=w.vordering).count() == 1
        assert Vordering.objects.get(pk=w.vordering.pk).beoordeeld_door.is_dienstaccount


def test_financier_ziet_vorderingen_zonder_namen(client, wereld):
    w = _financiering_in_a(wereld)
    client.force_login(w.per_rol[Rol.FINANCIER])
    rij = client.get(reverse("api_vorderingen", args=[w.regio_a.slug])).json()["results"][0]
    achternaam = w.deelname.kandidaat.achternaam
    assert achternaam not in rij["deelnemer"] and f"deelname {w.deelname.pk}" in rij["deelnemer"]


def test_paginering_filters_en_sorteren(client, wereld, django_assert_max_num_queries):
    _traject_in_a(wereld)
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    meld_aan(wereld.traject, regisseur, n=4, gemeente=wereld.gemeente_a)
    client.force_login(regisseur)
    url = reverse("api_deelnames", args=[wereld.regio_a.slug])
    with django_assert_max_num_queries(10):
        data = client.get(url, {"aantal": 2, "sorteer": "-pk"}).json()
    assert data["count"] == 5 and len(data["results"]) == 2 and data["next"]
    ids = [r["id"] for r in data["results"]]
    assert ids == sorted(ids, reverse=True)
    gefilterd = client.get(url, {"status": "voorschakeltraject"}).json()
    assert [r["id"] for r in gefilterd["results"]] == [wereld.deelname.pk]
    assert client.get(url, {"status": "bestaat-niet"}).status_code == 400
    assert client.get(url, {"traject": "9" * 30}).status_code == 400
    assert client.get(url, {"page": 99}).status_code == 404
    # The number of queries does not grow with the rows.
    meld_aan(wereld.traject, regisseur, n=10, gemeente=wereld.gemeente_a)
    with django_assert_max_num_queries(10):
        assert client.get(url, {"aantal": 200}).json()["count"] == 15


def test_schema_is_actueel(tmp_path):
    """docs/api/openapi.yaml is the schema the code produces; regenerate it with
    `.venv/bin/python manage.py spectacular --file docs/api/openapi.yaml`."""
    nieuw = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(nieuw), "--validate", "--fail-on-warn")
    vastgelegd = ROOT / "docs" / "api" / "openapi.yaml"
    assert nieuw.read_text() == vastgelegd.read_text(), (
        "Het OpenAPI-schema is verouderd: draai `manage.py spectacular --file docs/api/openapi.yaml`"
    )


def test_schema_en_documentatie_zonder_cdn_en_inline_script(client):
    assert client.get(reverse("api_schema")).status_code == 200
    html = client.get(reverse("api_docs")).content.decode()
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html and "api/docs.js" in html
    assert "<script>" not in html and "http" not in html.replace("https://", "").split("<body>")[0]


@pytest.mark.django_db(transaction=True)
def test_curl_uit_de_readme(live_server, wereld):
    """The quick start of docs/api.md, run as written: the curl command with a real key."""
    _traject_in_a(wereld)
    _, sleutel = _token(wereld)
    tekst = (ROOT / "docs" / "api.md").read_text()
    commando = re.search(r"```sh\n(curl [^`]+?)\n```", tekst).group(1)
    commando = commando.replace("https://schakel.example.nl", live_server.url)
    uit = subprocess.run(
        ["bash", "-c", commando],
        env={"SCHAKEL_SLEUTEL": sleutel, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert '"count":1' in uit.replace(" ", "") and wereld.deelname.kandidaat.achternaam in uit
