from django.db import migrations


def zaai(apps, schema_editor):
    # Seed data, not schema: the list of entry jobs named in the seeds (trajecten/opstart.py).
    from trajecten.opstart import BEROEPEN

    Beroep = apps.get_model("trajecten", "Beroep")
    for naam, branche in BEROEPEN:
        Beroep.objects.get_or_create(naam=naam, defaults={"branche": branche})


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0002_initial")]

    operations = [migrations.RunPython(zaai, migrations.RunPython.noop)]
