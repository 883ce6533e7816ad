import pytest
from django_scopes import scope

from organisaties.models import Rol
from tests.factories import lid, maak_traject, meld_aan


@pytest.fixture
def regisseur(wereld):
    return wereld.per_rol[Rol.PROCESREGISSEUR]


@pytest.fixture
def traject(wereld, regisseur):
    return maak_traject(wereld.regio_a, regisseur)


@pytest.fixture
def deelname(traject, regisseur):
    return meld_aan(traject, regisseur)[0]


@pytest.fixture
def in_regio_a(wereld):
    with scope(regio=wereld.regio_a.pk):
        yield


@pytest.fixture
def tweede_regisseur(wereld):
    return lid(wereld.regio_a, Rol.PROCESREGISSEUR)
