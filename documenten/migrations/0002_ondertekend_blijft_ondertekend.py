"""A signed version stays as it was signed, in the database too: whoever sends the statement
(ORM, raw SQL, a console), PostgreSQL refuses to UPDATE or DELETE a signed version, to change
what a sent version says (data, template version, PDF, hash), or to change or delete a
signature. TRUNCATE is not a row event, so test database flushes keep working. See
docs/adr/0009-documenten-en-ondertekenen.md."""

from django.db import migrations

VERSIE = """
CREATE OR REPLACE FUNCTION documenten_versie_vast() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'ondertekend' THEN
        RAISE EXCEPTION 'Documentversie % is ondertekend: % is niet toegestaan; maak een nieuwe versie.',
            OLD.id, TG_OP USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Documentversies worden bewaard, nooit verwijderd.'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.gegevens IS DISTINCT FROM OLD.gegevens
       OR NEW.sjabloon_versie IS DISTINCT FROM OLD.sjabloon_versie
       OR NEW.pdf IS DISTINCT FROM OLD.pdf
       OR NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256
       OR NEW.nummer IS DISTINCT FROM OLD.nummer
       OR NEW.document_id IS DISTINCT FROM OLD.document_id THEN
        RAISE EXCEPTION 'De inhoud van documentversie % ligt vast; maak een nieuwe versie.', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documenten_documentversie_vast BEFORE UPDATE OR DELETE
    ON documenten_documentversie FOR EACH ROW EXECUTE FUNCTION documenten_versie_vast();
"""

HANDTEKENING = """
CREATE OR REPLACE FUNCTION documenten_handtekening_vast() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Een handtekening wordt nooit gewijzigd of verwijderd (%).', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documenten_ondertekening_vast BEFORE UPDATE OR DELETE
    ON documenten_ondertekening FOR EACH ROW EXECUTE FUNCTION documenten_handtekening_vast();
"""


class Migration(migrations.Migration):
    dependencies = [("documenten", "0001_initial")]

    operations = [
        migrations.RunSQL(
            VERSIE,
            "DROP TRIGGER IF EXISTS documenten_documentversie_vast ON documenten_documentversie;"
            "DROP FUNCTION IF EXISTS documenten_versie_vast();",
        ),
        migrations.RunSQL(
            HANDTEKENING,
            "DROP TRIGGER IF EXISTS documenten_ondertekening_vast ON documenten_ondertekening;"
            "DROP FUNCTION IF EXISTS documenten_handtekening_vast();",
        ),
    ]
