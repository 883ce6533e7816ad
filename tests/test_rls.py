"""Row-level security as the second line (organisaties/rls.py): as the app role, with the regio
of a request set, a raw query sees and writes nothing of another regio; the pages still work."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from organisaties import rls
from organisaties.models import RegioGebonden, Rol
from tests.factories import lid, maak_traject, meld_aan


def _als_app(cursor, regio_id=None):
    cursor.execute(f"SET LOCAL ROLE {rls.ROL}")
    if regio_id is not None:
        cursor.execute("SELECT set_config('app.regio', %s, true)", [str(regio_id)])


@pytest.fixture
def twee_regios(wereld):
    regisseur_b = lid(wereld.regio_b, Rol.PROCESREGISSEUR)
    a = maak_traject(wereld.regio_a, wereld.per_rol[Rol.PROCESREGISSEUR], naam="Ronde A")
    b = maak_traject(wereld.regio_b, regisseur_b, naam="Ronde B")
    meld_aan(a, wereld.per_rol[Rol.PROCESREGISSEUR])
    meld_aan(b, regisseur_b)
    return wereld, a, b


def test_raw_query_onder_regio_a_ziet_niets_van_regio_b(twee_regios):
    w, a, b = twee_regios
    with connection.cursor() as cursor:
        _als_app(cursor, w.regio_a.pk)
        cursor.execute("SELECT id, regio_id FROM trajecten_traject")
        assert cursor.fetchall() == [(a.pk, w.regio_a.pk)]
        for tabel in ["werving_kandidaat", "trajecten_deelname", "trajecten_mijlpaal"]:
            cursor.execute(f"SELECT count(*) FROM {tabel} WHERE regio_id = %s", [w.regio_b.pk])
            assert cursor.fetchone() == (0,), tabel
            cursor.execute(f"SELECT count(*) FROM {tabel}")
            assert cursor.fetchone()[0] > 0, tabel
        # Nor can it change or write a row of B.
        cursor.execute("UPDATE trajecten_traject SET naam = 'x' WHERE id = %s", [b.pk])
        assert cursor.rowcount == 0
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "UPDATE trajecten_traject SET regio_id = %s WHERE id = %s", [w.regio_b.pk, a.pk]
            )


def test_elke_tenanttabel_heeft_de_policy(db):
    """A new model with a regio needs `rls.pas_toe` in a migration."""
    with connection.cursor() as cursor:
        tabellen = set(rls.tenanttabellen(cursor))
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid "
            "WHERE p.polname = %s AND c.relrowsecurity",
            [rls.POLICY],
        )
        beveiligd = {naam for (naam,) in cursor.fetchall()}
    from django.apps import apps

    modellen = {
        m._meta.db_table
        for m in apps.get_models()
        if issubclass(m, RegioGebonden) and not m._meta.proxy
    }
    assert modellen <= tabellen
    assert tabellen - beveiligd == set()


def test_de_paginas_werken_als_app_rol(client, twee_regios):
    """The app as the non-owner role: regio_view sets app.regio; the pages of A answer, and
    B's traject is not found, in the database as in the selectors."""
    w, a, b = twee_regios
    with connection.cursor() as cursor:
        _als_app(cursor)
    client.force_login(w.per_rol[Rol.PROCESREGISSEUR])
    r = w.regio_a.slug
    assert client.get(reverse("traject_detail", args=[r, a.pk])).status_code == 200
    assert client.get(reverse("fasebord", args=[r, a.pk])).status_code == 200
    assert client.get(reverse("api_deelnames", args=[r])).json()["count"] == 1
    assert client.get(reverse("traject_detail", args=[r, b.pk])).status_code == 404
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_setting('app.regio', true)")
        assert cursor.fetchone() == (rls.ROL, "")  # cleared after the request
