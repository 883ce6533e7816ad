"""Row-level security on the kandidaat's own page's tables (organisaties/rls.py)."""

from django.db import migrations


def pas_toe(apps, schema_editor):
    from organisaties import rls

    with schema_editor.connection.cursor() as cursor:
        rls.pas_toe(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0005_avg_bewaartermijn"),
        ("portaal", "0001_initial"),
    ]

    operations = [migrations.RunPython(pas_toe, migrations.RunPython.noop)]
