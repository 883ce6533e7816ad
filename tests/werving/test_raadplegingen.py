"""The access log (issue 17): each page, export and API route with one kandidaat's personal data
logs who, what, which route and why; the log is append-only, kept for its own retention period,
and the beheerder's page filters and pages it with a constant number of queries."""

import io
from datetime import date, timedelta

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from organisaties.models import AlleenToevoegen, Rol
from tests.paginas import _traject_in_a
from werving import services
from werving.models import Raadpleging


def _url(w, naam, **kwargs):
    return reverse(naam, kwargs={"regio_slug": w.regio_a.slug, **kwargs})


def _log(w):
    with scopes_disabled():
        return list(Raadpleging.objects.order_by("pk"))


@pytest.fixture
def w(wereld):
    _traject_in_a(wereld)
    return wereld


def test_kandidaat_bekijken_wordt_gelogd_met_doel_van_de_rol(client, w):
    km = w.per_rol[Rol.KLANTMANAGER]
    client.force_login(km)
    assert client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id)).status_code == 200
    client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id) + "?bsn=tonen")
    eerste, tweede = _log(w)
    assert eerste.door == km and eerste.kandidaat_id == w.deelname.kandidaat_id
    assert (eerste.soort, eerste.route, eerste.onderdeel) == (
        "bekeken",
        "kandidaat_detail",
        "kandidaatgegevens",
    )
    assert eerste.doel == "begeleiding door de eigen gemeente"
    assert eerste.regio == w.regio_a
    assert tweede.onderdeel == "kandidaatgegevens met BSN"


def test_dossier_en_zijn_export_worden_gelogd(client, w):
    client.force_login(w.per_rol[Rol.BEGELEIDER])
    client.get(_url(w, "dossier", dpk=w.deelname.pk))
    client.get(_url(w, "dossier_export", dpk=w.deelname.pk))
    xlsx = client.get(_url(w, "dossier_export", dpk=w.deelname.pk) + "?formaat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(xlsx.content)).active["A1"].value == "Soort"
    regels = [(r.soort, r.onderdeel, r.doel) for r in _log(w)]
    assert regels == [
        ("bekeken", "begeleidingsdossier", "coaching en begeleiding"),
        ("export", "begeleidingsdossier (CSV)", "coaching en begeleiding"),
        ("export", "begeleidingsdossier (XLSX)", "coaching en begeleiding"),
    ]


def test_onbekend_exportformaat_is_404(client, w):
    client.force_login(w.per_rol[Rol.BEGELEIDER])
    assert (
        client.get(_url(w, "dossier_export", dpk=w.deelname.pk) + "?formaat=exe").status_code == 404
    )
    assert _log(w) == []


def test_kandidatenlijst_export_logt_elke_kandidaat(client, w):
    client.force_login(w.per_rol[Rol.KLANTMANAGER])
    client.get(_url(w, "mijn_kandidaten") + "?formaat=xlsx")
    (regel,) = _log(w)
    assert (regel.kandidaat_id, regel.soort, regel.onderdeel) == (
        w.deelname.kandidaat_id,
        "export",
        "kandidatenlijst (XLSX)",
    )
    # Looking at the list itself logs nothing: it shows no more than names and progress.
    client.get(_url(w, "mijn_kandidaten"))
    assert len(_log(w)) == 1


def test_api_kandidaat_wordt_gelogd(client, w):
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    antwoord = client.get(_url(w, "api_kandidaat", pk=w.deelname.kandidaat_id))
    assert antwoord.status_code == 200
    (regel,) = _log(w)
    assert (regel.soort, regel.route, regel.doel) == (
        "api",
        "api_kandidaat",
        "regie op de trajecten",
    )


def test_logboek_is_alleen_toevoegen(client, w):
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id))
    (regel,) = _log(w)
    with scope(regio=w.regio_a.pk):
        with pytest.raises(AlleenToevoegen):
            regel.save()
        with pytest.raises(AlleenToevoegen):
            regel.delete()
        with pytest.raises(AlleenToevoegen):
            Raadpleging.objects.filter(pk=regel.pk).update(reden="x")
    # Also in the database itself, for raw SQL.
    for sql in ("UPDATE werving_raadpleging SET reden = 'x'", "DELETE FROM werving_raadpleging"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute(sql)
    assert len(_log(w)) == 1


def test_opschonen_na_de_bewaartermijn(client, w):
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    with time_machine.travel(timezone.now() - timedelta(days=365 * 5 + 40)):
        client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id))
    client.get(_url(w, "kandidaat_detail", pk=w.deelname.kandidaat_id))
    assert services.schoon_raadplegingen_op() == 1
    (over,) = _log(w)
    assert over.tijdstip.date() == timezone.localdate()


def _maak_regels(w, n):
    from django.test import RequestFactory

    from werving.views import raadplegingen

    verzoek = RequestFactory().get("/")
    verzoek.regio, verzoek.user = w.regio_a, w.per_rol[Rol.PROCESREGISSEUR]
    verzoek.rollen = {Rol.PROCESREGISSEUR}
    verzoek.resolver_match = type("M", (), {"func": raadplegingen, "url_name": "kandidaat_detail"})
    with scope(regio=w.regio_a.pk):
        for _ in range(n):
            services.leg_raadplegingen_vast(
                request=verzoek,
                kandidaten=[w.deelname.kandidaat_id],
                soort="bekeken",
                onderdeel="x",
            )


def test_beheerderspagina_filtert_en_bladert_met_vaste_queries(client, w):
    client.force_login(w.per_rol[Rol.BEHEERDER])
    url = _url(w, "raadplegingen")
    _maak_regels(w, 3)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url).status_code == 200
    _maak_regels(w, 120)
    with CaptureQueriesContext(connection) as veel:
        pagina = client.get(url)
    assert len(veel) == len(weinig)
    inhoud = pagina.content.decode()
    assert "123 raadplegingen" in inhoud and "Pagina 1 van 3" in inhoud
    # Kandidaten by number, never by name.
    assert f"#{w.deelname.kandidaat_id}" in inhoud
    assert w.deelname.kandidaat.achternaam not in inhoud

    assert "0 raadplegingen" in client.get(url + "?kandidaat=999999").content.decode()
    assert "0 raadplegingen" in client.get(url + "?soort=export").content.decode()
    door = w.per_rol[Rol.PROCESREGISSEUR].pk
    assert "123 raadplegingen" in client.get(f"{url}?door={door}").content.decode()
    morgen = date.today() + timedelta(days=1)
    assert "0 raadplegingen" in client.get(f"{url}?van={morgen}").content.decode()
    fout = client.get(f"{url}?van={morgen}&tot={date.today()}").content.decode()
    assert "De einddatum ligt voor de begindatum." in fout
