"""A coach's link grants access only while it runs: not before its start, not after its end —
in the dossier, its export, the confidential notes, the caseload and the API alike. And the
opleider's API shows the deelnemers the opleider's pages show."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from begeleiding import services
from begeleiding.models import Koppeling
from organisaties.models import Rol
from tests.factories import meld_aan
from trajecten import services as traject_services

GEHEIM = "Geheime notitie over de schuldhulp"


def _urls(wereld, deelname):
    r = wereld.regio_a.slug
    return {
        "dossier": reverse("dossier", kwargs={"regio_slug": r, "dpk": deelname.pk}),
        "export": reverse("dossier_export", kwargs={"regio_slug": r, "dpk": deelname.pk}),
        "api": reverse("api_deelname", kwargs={"regio_slug": r, "pk": deelname.pk}),
    }


@pytest.fixture
def met_notitie(wereld, deelname, regisseur):
    with scope(regio=wereld.regio_a.pk):
        services.schrijf_notitie(deelname=deelname, door=regisseur, tekst=GEHEIM)
    return deelname


@pytest.mark.parametrize(
    ("start", "eind"),
    [(-30, -1), (1, None), (5, 30)],
    ids=["afgelopen", "nog-niet-begonnen", "later-in-de-toekomst"],
)
def test_een_koppeling_die_niet_loopt_geeft_geen_toegang(client, wereld, met_notitie, start, eind):
    vandaag = timezone.localdate()
    with scope(regio=wereld.regio_a.pk):
        Koppeling.objects.filter(deelname=met_notitie).update(
            start=vandaag + timedelta(days=start),
            eind=None if eind is None else vandaag + timedelta(days=eind),
        )
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])
    for wat, url in _urls(wereld, met_notitie).items():
        assert client.get(url).status_code == 404, wat
    caseload = client.get(reverse("caseload", args=[wereld.regio_a.slug])).content.decode()
    assert str(met_notitie.kandidaat) not in caseload
    lijst = client.get(reverse("api_deelnames", args=[wereld.regio_a.slug])).json()["results"]
    assert met_notitie.pk not in [d["id"] for d in lijst]


def test_een_lopende_koppeling_geeft_toegang_tot_en_met_de_einddatum(client, wereld, met_notitie):
    vandaag = timezone.localdate()
    with scope(regio=wereld.regio_a.pk):
        Koppeling.objects.filter(deelname=met_notitie).update(
            start=vandaag - timedelta(days=10), eind=vandaag
        )
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])
    urls = _urls(wereld, met_notitie)
    assert GEHEIM in client.get(urls["dossier"]).content.decode()
    assert GEHEIM in client.get(urls["export"]).content.decode()
    assert client.get(urls["api"]).json()["vertrouwelijke_notities"][0]["tekst"] == GEHEIM


def test_opleider_api_toont_alleen_wie_in_de_modules_zit(
    client, wereld, traject, deelname, module, regisseur
):
    """Wachtlijst and niet geselecteerd are hidden on the opleider's pages, so in the API too."""
    wachtend, afgewezen = meld_aan(traject, regisseur, 2)
    with scope(regio=wereld.regio_a.pk):
        for d, route in [
            (wachtend, ["intake", "assessment", "niet_geselecteerd", "wachtlijst"]),
            (afgewezen, ["intake", "assessment", "niet_geselecteerd"]),
        ]:
            for naar in route:
                traject_services.verplaats_deelname(
                    deelname=d,
                    naar=naar,
                    door=regisseur,
                    gegevens={"niet_geselecteerd_reden": "Groep vol"}
                    if naar == "niet_geselecteerd"
                    else None,
                    reden="Zonder verslag",
                )
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    r = wereld.regio_a.slug
    api = {d["id"] for d in client.get(reverse("api_deelnames", args=[r])).json()["results"]}
    pagina = client.get(reverse("module", kwargs={"regio_slug": r, "mpk": module.pk}))
    assert api == {deelname.pk}
    assert str(deelname.kandidaat) in pagina.content.decode()
    for d in (wachtend, afgewezen):
        assert str(d.kandidaat) not in pagina.content.decode()
        url = reverse("api_deelname", kwargs={"regio_slug": r, "pk": d.pk})
        assert client.get(url).status_code == 404
