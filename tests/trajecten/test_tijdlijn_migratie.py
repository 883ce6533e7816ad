"""The data migration that takes names out of the stored history."""

import importlib

from django.apps import apps
from django_scopes import scope

from organisaties.models import Rol
from tests.factories import maak_traject, meld_aan
from trajecten.models import Gebeurtenis

migratie = importlib.import_module("trajecten.migrations.0007_tijdlijn_zonder_namen")


def test_oude_gebeurtenissen_verliezen_de_naam(wereld):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    [d] = meld_aan(traject, regisseur)
    with scope(regio=wereld.regio_a.pk):
        naam = str(d.kandidaat)
        for tekst in [f"{naam} aangemeld", f"{naam}: Intake → Assessment", "Zonder naam"]:
            Gebeurtenis.objects.create(
                regio=wereld.regio_a, traject=traject, deelname=d, soort="gewijzigd",
                omschrijving=tekst,
            )  # fmt: skip
        migratie.haal_namen_weg(apps, None)
        teksten = set(Gebeurtenis.objects.filter(deelname=d).values_list("omschrijving", flat=True))
    assert {"Aangemeld", "Intake → Assessment", "Zonder naam"} <= teksten
    assert not any(naam in t for t in teksten)
