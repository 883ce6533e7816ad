"""The ledger is append-only in the database too: UPDATE and DELETE of a booking (or of a
realised cost) raise, whoever sends them (ORM, raw SQL, a console). TRUNCATE is not a row event,
so test database flushes keep working. See docs/adr/0005-grootboek.md."""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION financiering_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Tabel % is append-only: % is niet toegestaan; boek een correctie.',
        TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

TABELLEN = ["financiering_boeking", "financiering_uitgave"]


def trigger(tabel):
    return (
        f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE ON {tabel} "
        "FOR EACH ROW EXECUTE FUNCTION financiering_alleen_toevoegen();"
    )


class Migration(migrations.Migration):
    dependencies = [("financiering", "0001_initial")]

    operations = [
        migrations.RunSQL(FUNCTIE, "DROP FUNCTION IF EXISTS financiering_alleen_toevoegen();"),
        *(
            migrations.RunSQL(
                trigger(tabel), f"DROP TRIGGER IF EXISTS {tabel}_alleen_toevoegen ON {tabel};"
            )
            for tabel in TABELLEN
        ),
    ]
