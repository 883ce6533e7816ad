import io

import pytest
from django_scopes import scope
from pypdf import PdfReader

from organisaties.models import Rol
from tests.factories import maak_traject, meld_aan
from trajecten import services as traject_services

from .helpers import werkgever_van


@pytest.fixture
def regisseur(wereld):
    return wereld.per_rol[Rol.PROCESREGISSEUR]


@pytest.fixture
def werkgever(wereld):
    return wereld.per_rol[Rol.WERKGEVER]


@pytest.fixture
def traject(wereld, regisseur):
    """A traject of regio A with the world's werkgever and gemeente as partners."""
    t = maak_traject(wereld.regio_a, regisseur, naam="Isolatiemonteur Oss, ronde 2", ronde=2)
    with scope(regio=wereld.regio_a.pk):
        traject_services.voeg_partner_toe(
            traject=t, organisatie=werkgever_van(wereld), rol="werkgever", door=regisseur
        )
        traject_services.voeg_partner_toe(
            traject=t, organisatie=wereld.gemeente_a, rol="gemeente", door=regisseur
        )
    return t


@pytest.fixture
def deelname(wereld, regisseur, traject):
    """A deelnemer of the klantmanager's gemeente, placed with the werkgever."""
    from trajecten.models import Deelname

    d = meld_aan(traject, regisseur, gemeente=wereld.gemeente_a)[0]
    with scope(regio=wereld.regio_a.pk):
        Deelname.objects.filter(pk=d.pk).update(werkgever=werkgever_van(wereld))
        d.refresh_from_db()
    return d


@pytest.fixture
def in_regio_a(wereld):
    with scope(regio=wereld.regio_a.pk):
        yield


def pdf_tekst(inhoud: bytes) -> str:
    """The text of a PDF, whitespace folded (a line break is a space)."""
    lezer = PdfReader(io.BytesIO(inhoud))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in lezer.pages)


def bestand(veld) -> bytes:
    with veld.open("rb") as f:
        return f.read()
