"""Lists show what is current (issue 16): a deelname that ends ends its coaches' links, a
closed round leaves no open mijlpalen, the kandidaten list shows running rounds unless asked
for history, the opleider's to-do holds only sessions that can be recorded — and every list
is cut into pages."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from begeleiding import selectors, services
from begeleiding.models import Koppeling
from organisaties.models import Rol
from trajecten import services as traject_services
from trajecten.models import DeelnameStatus as S
from trajecten.models import Mijlpaal, MijlpaalStatus, Traject, UitvalReden
from trajecten.models import TrajectStatus as T

UITVAL = {"uitval_reden": UitvalReden.SCHULDEN, "uitval_toelichting": ""}


def url(naam, regio, query="", **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs}) + query


def test_koppeling_eindigt_met_de_deelname_en_keert_terug_bij_ongedaan(
    client, wereld, deelname, regisseur, in_regio_a
):
    vandaag = timezone.localdate()
    later = services.koppel_begeleider(
        deelname=deelname, door=regisseur, rol="buddy", naam="Piet", start=vandaag + timedelta(9)
    )
    traject_services.verplaats_deelname(
        deelname=deelname, naar=S.UITGEVALLEN, door=regisseur, gegevens=UITVAL
    )
    coach = Koppeling.objects.get(deelname=deelname, rol="arbeidscoach")
    assert coach.eind == vandaag
    later.refresh_from_db()
    assert later.eind == later.start  # never began: ends on its start, not before it
    with time_machine_dag_later():
        client.force_login(wereld.per_rol[Rol.BEGELEIDER])
        assert str(deelname.kandidaat) not in client.get(url("caseload", wereld.regio_a)).text

    traject_services.maak_ongedaan(deelname=deelname, door=regisseur, reden="Per ongeluk")
    coach.refresh_from_db()
    assert coach.eind is None


def time_machine_dag_later():
    import time_machine

    return time_machine.travel(timezone.now() + timedelta(days=1), tick=False)


def test_eindstatus_sluit_ook_handmatig_geplande_mijlpalen(deelname, regisseur, in_regio_a):
    from trajecten import mijlpalen
    from trajecten.models import MijlpaalSoort as M

    mijlpalen.plan(deelname, M.EVALUATIE_VERLENGING, date(2027, 1, 1), Rol.BEGELEIDER)
    traject_services.verplaats_deelname(
        deelname=deelname, naar=S.UITGEVALLEN, door=regisseur, gegevens=UITVAL
    )
    assert not Mijlpaal.objects.filter(deelname=deelname, status=MijlpaalStatus.OPEN).exists()


def test_afgesloten_traject_laat_niets_open(traject, deelname, regisseur, in_regio_a):
    assert Mijlpaal.objects.filter(traject=traject, status=MijlpaalStatus.OPEN).exists()
    Traject.objects.filter(pk=traject.pk).update(status=T.NAZORG)
    traject.refresh_from_db()
    traject_services.verplaats_traject(traject=traject, naar=T.AFGESLOTEN, door=regisseur)
    assert not Mijlpaal.objects.filter(traject=traject, status=MijlpaalStatus.OPEN).exists()
    vervallen = Mijlpaal.objects.filter(deelname=deelname, status=MijlpaalStatus.VERVALLEN)
    assert vervallen.exists()
    assert traject.gebeurtenissen.filter(mijlpaal__in=vervallen, deelname=deelname).exists()
    assert Koppeling.objects.get(deelname=deelname).eind == timezone.localdate()


def test_te_registreren_alleen_wat_kan(wereld, traject, module, regisseur, in_regio_a):
    opleider = wereld.per_rol[Rol.OPLEIDER]
    gisteren = timezone.localdate() - timedelta(days=1)
    gehouden = services.plan_sessie(module=module, door=regisseur, datum=gisteren, locatie="Oss")
    services.plan_sessie(
        module=module, door=regisseur, datum=gisteren + timedelta(9), locatie="Oss"
    )
    assert list(selectors.te_registreren_sessies(user=opleider, regio=wereld.regio_a)) == [gehouden]
    Traject.objects.filter(pk=traject.pk).update(status=T.AFGESLOTEN)
    assert not selectors.te_registreren_sessies(user=opleider, regio=wereld.regio_a).exists()


def test_kandidaten_standaard_in_lopende_rondes_met_filter_voor_eerder(
    client, wereld, traject, deelname, regisseur
):
    client.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    naam = str(deelname.kandidaat)
    assert naam in client.get(url("mijn_kandidaten", wereld.regio_a)).text
    with scope(regio=wereld.regio_a.pk):
        Traject.objects.filter(pk=traject.pk).update(status=T.AFGESLOTEN)
    assert naam not in client.get(url("mijn_kandidaten", wereld.regio_a)).text
    assert naam in client.get(url("mijn_kandidaten", wereld.regio_a, "?toon=alle")).text


@pytest.mark.parametrize(
    ("pagina", "rol"),
    [("caseload", Rol.BEGELEIDER), ("mijn_kandidaten", Rol.KLANTMANAGER)],
)
def test_lijsten_in_paginas_met_constant_aantal_queries(
    client, wereld, traject, deelname, regisseur, monkeypatch, pagina, rol
):
    from tests.factories import meld_aan

    monkeypatch.setattr("organisaties.paginering.PER_PAGINA", 3)
    begeleider = wereld.per_rol[Rol.BEGELEIDER]

    def meer(n):
        with scope(regio=wereld.regio_a.pk):
            gemeente = deelname.kandidaat.gemeente
            for d in meld_aan(traject, regisseur, n, gemeente=gemeente):
                services.koppel_begeleider(
                    deelname=d, door=regisseur, rol="arbeidscoach", persoon=begeleider
                )

    client.force_login(wereld.per_rol[rol])
    doel = url(pagina, wereld.regio_a, "?pagina=2")
    meer(4)
    client.get(doel)
    with CaptureQueriesContext(connection) as weinig:
        html = client.get(doel).text
    assert "Pagina 2 van 2" in html and "4–5 van 5" in html
    meer(10)
    with CaptureQueriesContext(connection) as veel:
        html = client.get(doel).text
    assert "Pagina 2 van 5" in html and "4–6 van 15" in html
    assert len(veel) <= len(weinig)
