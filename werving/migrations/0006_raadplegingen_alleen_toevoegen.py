"""The access log is append-only in the database too: UPDATE always raises; DELETE only inside
the retention clean-up, which sets `app.raadplegingen_opschonen` for its own transaction
(werving.services.schoon_raadplegingen_op). And row-level security like every tenant table."""

from django.db import migrations

from organisaties import rls

FUNCTIE = """
CREATE OR REPLACE FUNCTION werving_raadpleging_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('app.raadplegingen_opschonen', true) = 'ja' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Het logboek van raadplegingen is append-only: % is niet toegestaan.', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = (
    "CREATE TRIGGER werving_raadpleging_alleen_toevoegen BEFORE UPDATE OR DELETE "
    "ON werving_raadpleging FOR EACH ROW "
    "EXECUTE FUNCTION werving_raadpleging_alleen_toevoegen();"
)



class Migration(migrations.Migration):
    dependencies = [("werving", "0005_raadplegingen")]

    operations = [
        migrations.RunSQL(
            FUNCTIE, "DROP FUNCTION IF EXISTS werving_raadpleging_alleen_toevoegen();"
        ),
        migrations.RunSQL(
            TRIGGER,
            "DROP TRIGGER IF EXISTS werving_raadpleging_alleen_toevoegen ON werving_raadpleging;",
        ),
        migrations.RunPython(rls.pas_toe_in_migratie, migrations.RunPython.noop),
    ]
