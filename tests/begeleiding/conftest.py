from datetime import date

import pytest
from django_scopes import scope

from begeleiding import services
from organisaties.models import Lidmaatschap, Rol
from tests.factories import lid, maak_traject, meld_aan
from trajecten import services as traject_services
from trajecten.models import Deelname


@pytest.fixture
def regisseur(wereld):
    return wereld.per_rol[Rol.PROCESREGISSEUR]


@pytest.fixture
def opleider_org(wereld):
    with scope(regio=wereld.regio_a.pk):
        return Lidmaatschap.objects.get(user=wereld.per_rol[Rol.OPLEIDER]).organisatie


@pytest.fixture
def traject(wereld, regisseur):
    return maak_traject(wereld.regio_a, regisseur)


@pytest.fixture
def deelname(wereld, traject, regisseur):
    """A deelnemer in the voorschakeltraject, of gemeente A, placed with the werkgever of the
    wereld, coached by the begeleider of the wereld."""
    d = meld_aan(traject, regisseur, gemeente=None)[0]
    with scope(regio=wereld.regio_a.pk):
        gemeente = d.kandidaat.gemeente
        werkgever = Lidmaatschap.objects.get(user=wereld.per_rol[Rol.WERKGEVER]).organisatie
        traject_services.voeg_partner_toe(
            traject=traject, organisatie=werkgever, rol="werkgever", door=regisseur
        )
        Lidmaatschap.objects.filter(user=wereld.per_rol[Rol.KLANTMANAGER]).update(
            organisatie=gemeente
        )
        for naar in ["intake", "assessment", "geselecteerd", "voorschakeltraject"]:
            traject_services.verplaats_deelname(
                deelname=d, naar=naar, door=regisseur, reden="Intake zonder verslag"
            )
        Deelname.objects.filter(pk=d.pk).update(werkgever=werkgever)
        services.koppel_begeleider(
            deelname=d, door=regisseur, rol="arbeidscoach", persoon=wereld.per_rol[Rol.BEGELEIDER]
        )
        d.refresh_from_db()
    return d


@pytest.fixture
def module(wereld, traject, regisseur, opleider_org):
    with scope(regio=wereld.regio_a.pk):
        return services.voeg_module_toe(
            traject=traject, door=regisseur, soort="vca", aanbieder=opleider_org
        )


@pytest.fixture
def andere_begeleider(wereld):
    return lid(wereld.regio_a, Rol.BEGELEIDER)


@pytest.fixture
def in_regio_a(wereld):
    with scope(regio=wereld.regio_a.pk):
        yield


VANDAAG = date(2026, 11, 24)
