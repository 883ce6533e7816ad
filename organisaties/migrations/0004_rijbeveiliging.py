"""Row-level security on every tenant table (organisaties/rls.py, SECURITY.md)."""

from django.db import migrations

from organisaties import rls


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0003_api_tokens"),
        ("trajecten", "0008_werving_stappen_planning_en_herstel"),
        ("werving", "0003_datumbereik_bsn_uniek_mogelijk_dubbel"),
        ("begeleiding", "0003_datumbereik_en_grenzen"),
        ("financiering", "0005_vordering_ingetrokken"),
        ("signalen", "0001_signalen"),
        ("documenten", "0002_ondertekend_blijft_ondertekend"),
    ]

    operations = [migrations.RunPython(rls.pas_toe_in_migratie, migrations.RunPython.noop)]
