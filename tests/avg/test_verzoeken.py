"""Correction and erasure requests (AVG art. 16, 17): recorded by the klantmanager or the
procesregisseur, decided once by the procesregisseur; a granted erasure anonymises at once."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from organisaties.models import Rol
from tests.paginas import _traject_in_a, portaal_in_a
from trajecten.models import Deelname
from werving import services
from werving.models import AvgVerzoek, Kandidaat


def _url(w, naam, **kwargs):
    return reverse(naam, kwargs={"regio_slug": w.regio_a.slug, **kwargs})


@pytest.fixture
def w(wereld):
    _traject_in_a(wereld)
    portaal_in_a(wereld)
    return wereld


def _vastleggen(client, w, soort="wissen", **extra):
    client.force_login(w.per_rol[Rol.KLANTMANAGER])
    gegevens = {
        "soort": soort,
        "ontvangen_op": "2026-01-05",
        "toelichting": "Mijn achternaam is verkeerd gespeld.",
        **extra,
    }
    return client.post(_url(w, "avg_verzoek_nieuw", pk=w.deelname.kandidaat_id), gegevens)


def _verzoek(w):
    with scope(regio=w.regio_a.pk):
        return AvgVerzoek.objects.get()


def test_klantmanager_legt_vast_met_nederlandse_meldingen(client, w):
    morgen = (date.today() + timedelta(days=1)).isoformat()
    fout = _vastleggen(client, w, ontvangen_op=morgen, toelichting="")
    assert fout.status_code == 200
    inhoud = fout.content.decode()
    assert re.search(r"Vul [^<]+ in\.", inhoud)  # what to do, not "Dit veld is vereist."
    assert "toekomst" in inhoud  # the GEBEURD range: not a date in the future
    assert _vastleggen(client, w).status_code == 302
    verzoek = _verzoek(w)
    assert (verzoek.soort, verzoek.status, verzoek.vastgelegd_door) == (
        "wissen",
        "open",
        w.per_rol[Rol.KLANTMANAGER],
    )
    pagina = client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id)).content.decode()
    assert "Wissen (vergetelheid)" in pagina and "Open" in pagina


def test_afwijzen_vraagt_een_reden_en_besluit_maar_een_keer(client, w):
    _vastleggen(client, w)
    verzoek = _verzoek(w)
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    url = _url(w, "avg_verzoek_beslissen", pk=verzoek.pk)
    zonder = client.post(url, {"besluit": "afwijzen", "reden": " "})
    assert "Geef de reden van de afwijzing" in zonder.content.decode()
    assert _verzoek(w).status == "open"
    assert (
        client.post(url, {"besluit": "afwijzen", "reden": "Nazorg loopt nog."}).status_code == 302
    )
    verzoek = _verzoek(w)
    assert (verzoek.status, verzoek.besluit_reden, verzoek.besloten_door) == (
        "afgewezen",
        "Nazorg loopt nog.",
        w.per_rol[Rol.PROCESREGISSEUR],
    )
    with scope(regio=w.regio_a.pk), pytest.raises(Exception, match="al besloten"):
        services.beslis_avg_verzoek(
            verzoek=verzoek, door=w.per_rol[Rol.PROCESREGISSEUR], toewijzen=True, reden=""
        )
    # The klantmanager sees the decision and its reason on the kandidaat's page.
    client.force_login(w.per_rol[Rol.KLANTMANAGER])
    pagina = client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id)).content.decode()
    assert "Afgewezen" in pagina and "Nazorg loopt nog." in pagina


def test_toegewezen_wissen_anonimiseert_de_kandidaat(client, w):
    from portaal.models import Taak

    _vastleggen(client, w)
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    antwoord = client.post(
        _url(w, "avg_verzoek_beslissen", pk=_verzoek(w).pk), {"besluit": "toewijzen"}
    )
    assert antwoord.status_code == 302
    with scope(regio=w.regio_a.pk):
        kandidaat = Kandidaat.objects.get(pk=w.deelname.kandidaat_id)
        assert kandidaat.voornaam == "Geanonimiseerd" and kandidaat.geanonimiseerd_op
        assert kandidaat.bsn_versleuteld == "" and kandidaat.woonplaats == ""
        assert not Taak.objects.filter(kandidaat=kandidaat).exists()  # the own page forgotten
        assert Deelname.objects.filter(kandidaat=kandidaat).exists()  # the figures stay
    assert _verzoek(w).status == "toegewezen"


def test_toegewezen_correctie_anonimiseert_niet(client, w):
    _vastleggen(client, w, soort="correctie")
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    client.post(
        _url(w, "avg_verzoek_beslissen", pk=_verzoek(w).pk),
        {"besluit": "toewijzen", "reden": "Achternaam verbeterd."},
    )
    with scope(regio=w.regio_a.pk):
        assert Kandidaat.objects.get(pk=w.deelname.kandidaat_id).geanonimiseerd_op is None


def test_lijst_van_verzoeken_met_vaste_queries(client, w):
    regisseur = w.per_rol[Rol.PROCESREGISSEUR]

    def maak(n):
        with scope(regio=w.regio_a.pk):
            for _ in range(n):
                services.leg_avg_verzoek_vast(
                    kandidaat=w.deelname.kandidaat,
                    door=regisseur,
                    soort="correctie",
                    ontvangen_op=date(2026, 1, 5),
                    toelichting="x",
                )

    client.force_login(regisseur)
    maak(2)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(_url(w, "avg_verzoeken")).status_code == 200
    maak(30)
    with CaptureQueriesContext(connection) as veel:
        inhoud = client.get(_url(w, "avg_verzoeken")).content.decode()
    assert len(veel) == len(weinig)
    assert "32 verzoeken" in inhoud
