"""The one pagination helper and its partial: the page asked for (nonsense gives the nearest
page, never an error), totals from the database, links that keep the other query parameters."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from organisaties.models import Regio
from organisaties.paginering import pagineer
from tests.factories import RegioFactory


def _verzoek(query=""):
    return RequestFactory().get("/lijst/" + query)


@pytest.mark.parametrize(
    ("query", "nummer"), [("", 1), ("?pagina=2", 2), ("?pagina=99", 3), ("?pagina=x%00", 1)]
)
def test_pagina_uit_de_vraag(query, nummer):
    pagina = pagineer(list(range(55)), _verzoek(query))
    assert pagina.number == nummer
    assert pagina.paginator.num_pages == 3


def test_partial_met_totalen_en_links_die_filters_houden():
    verzoek = _verzoek("?status=open&pagina=2")
    pagina = pagineer(list(range(60)), verzoek, per_pagina=25)
    html = render_to_string("_paginering.html", {"pagina": pagina}, request=verzoek)
    assert 'aria-label="Pagina’s"' in html
    assert "Pagina 2 van 3" in html
    assert "26–50 van 60" in html
    assert "?status=open&amp;pagina=1" in html
    assert "?status=open&amp;pagina=3" in html


def test_een_pagina_geeft_geen_navigatie():
    html = render_to_string("_paginering.html", {"pagina": pagineer([1, 2], _verzoek())})
    assert "nav" not in html


@pytest.mark.django_db
def test_een_queryset_kost_een_telling_en_een_pagina():
    for i in range(30):
        RegioFactory(naam=f"Regio {i}", slug=f"regio-{i}")
    with CaptureQueriesContext(connection) as queries:
        pagina = pagineer(Regio.objects.order_by("pk"), _verzoek("?pagina=2"), per_pagina=10)
        rijen = list(pagina)
    assert len(rijen) == 10
    assert pagina.paginator.count == 30
    assert len(queries) == 2  # COUNT(*) and one LIMIT/OFFSET, never all rows


def test_de_lidmaatschappen_van_de_toegangscontrole_worden_hergebruikt(client, wereld):
    """The access check reads the user's memberships once; the selectors of the same page
    (each asks for the user's roles) reuse them instead of reading them again."""
    from django.urls import reverse

    from organisaties.models import Rol

    client.force_login(wereld.per_rol[Rol.PROCESREGISSEUR])
    doel = reverse("traject_lijst", kwargs={"regio_slug": wereld.regio_a.slug})
    client.get(doel)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(doel).status_code == 200
    lidmaatschap = [
        q["sql"]
        for q in queries
        if 'FROM "organisaties_lidmaatschap"' in q["sql"] and "regio_id" in q["sql"]
    ]
    assert len(lidmaatschap) == 1, lidmaatschap
