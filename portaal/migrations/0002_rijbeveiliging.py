"""Row-level security on the kandidaat's own page's tables (organisaties/rls.py)."""

from django.db import migrations

from organisaties import rls


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0005_avg_bewaartermijn"),
        ("portaal", "0001_initial"),
    ]

    operations = [migrations.RunPython(rls.pas_toe_in_migratie, migrations.RunPython.noop)]
