"""PostgreSQL row-level security: the second line behind the selectors and django-scopes.

Every tenant table (a `regio_id` column, apart from the access tables below) gets a policy that
shows and accepts only rows of the regio in the session setting `app.regio`. `regio_view` sets it
for the length of each request of a regio (`regio_in_database`), so even a raw query inside a
regio page cannot read or write another regio's rows.

The policy binds a role that is not the tables' owner: `schakel_app` (made here when the
migrating user may create roles). Owners and superusers bypass RLS, so migrations and the jobs
that work across regio's (the signalen scan, planned transitions, the demo loader, management
commands) run as the owner. Where `app.regio` is not set — pages outside a regio, the public
links, tasks — the policy lets rows through and django-scopes is the guard. See SECURITY.md.
"""

from contextlib import contextmanager

from django.db import DatabaseError, connection

ROL = "schakel_app"
POLICY = "regio_isolatie"
# Read across regio's by design (the header's regio switch, accepting an invitation, finding an
# API key before the regio is known): protected by their selectors, not by RLS.
TOEGANGSTABELLEN = frozenset(
    {"organisaties_lidmaatschap", "organisaties_uitnodiging", "organisaties_apitoken"}
)
_REGIO = "NULLIF(current_setting('app.regio', true), '')"
VOORWAARDE = f"({_REGIO} IS NULL OR regio_id = {_REGIO}::bigint)"


def tenanttabellen(cursor) -> list[str]:
    cursor.execute(
        """
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = current_schema() AND c.column_name = 'regio_id'
          AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name
        """
    )
    return [naam for (naam,) in cursor.fetchall() if naam not in TOEGANGSTABELLEN]


def pas_toe(cursor) -> list[str]:
    """Idempotent: the app role (when this user may create it), its rights, and the policy on
    every tenant table. Returns the tables. Run by migration organisaties 0004 and again by any
    migration that adds a tenant table (tests/test_rls.py fails for a table without it)."""
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    mag_rollen_maken = cursor.fetchone()[0]
    if mag_rollen_maken:
        # Roles belong to the whole server: two test databases may be made at the same moment.
        cursor.execute(
            f"DO $$ BEGIN CREATE ROLE {ROL} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROL])
    if cursor.fetchone() is not None:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {ROL}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROL}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ROL}")
        cursor.execute(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ROL}"
        )
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {ROL}"
        )
    tabellen = tenanttabellen(cursor)
    for tabel in tabellen:
        cursor.execute(f'ALTER TABLE "{tabel}" ENABLE ROW LEVEL SECURITY')
        cursor.execute(f'DROP POLICY IF EXISTS {POLICY} ON "{tabel}"')
        cursor.execute(
            f'CREATE POLICY {POLICY} ON "{tabel}" USING {VOORWAARDE} WITH CHECK {VOORWAARDE}'
        )
    return tabellen


def pas_toe_in_migratie(apps, schema_editor) -> None:
    """For `migrations.RunPython(rls.pas_toe_in_migratie, migrations.RunPython.noop)` in a
    migration that adds a tenant table."""
    with schema_editor.connection.cursor() as cursor:
        pas_toe(cursor)


def _zet(waarde: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('app.regio', %s, false)", [waarde])


@contextmanager
def regio_in_database(regio_id: int):
    """`app.regio` for the length of a request of one regio; cleared after it, also after an
    error, since the connection is reused by the next request."""
    _zet(str(regio_id))
    try:
        yield
    finally:
        try:
            _zet("")
        except DatabaseError:
            # A broken connection must not be reused with a stale regio.
            if not connection.in_atomic_block:
                connection.close()
