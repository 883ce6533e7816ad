"""The timeline no longer stores names: the page puts the consent-aware name in front of each
event of a deelname (trajecten.selectors.tijdlijn). Existing events lose the name they began
with ("Jan Jansen: Aangemeld → Intake" becomes "Aangemeld → Intake")."""

from django.db import migrations


def haal_namen_weg(apps, schema_editor):
    Gebeurtenis = apps.get_model("trajecten", "Gebeurtenis")
    rijen = Gebeurtenis._base_manager.filter(deelname__isnull=False).values_list(
        "pk", "omschrijving", "deelname__kandidaat__voornaam", "deelname__kandidaat__achternaam"
    )
    for pk, omschrijving, voornaam, achternaam in rijen.iterator():
        naam = f"{voornaam} {achternaam}"
        if not omschrijving.startswith(naam):
            continue
        rest = omschrijving[len(naam) :].lstrip(": ")
        rest = rest[:1].upper() + rest[1:]
        # Append-only for the application; this one rewrite removes personal data.
        Gebeurtenis._base_manager.filter(pk=pk).update(omschrijving=rest)


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0006_datumbereik_en_grenzen")]

    operations = [migrations.RunPython(haal_namen_weg, migrations.RunPython.noop)]
