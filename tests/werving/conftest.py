import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope

from organisaties.models import Organisatie, Rol
from tests.factories import OrganisatieFactory, lid, maak_traject
from trajecten import services as traject_services


@pytest.fixture
def regisseur(wereld):
    return wereld.per_rol[Rol.PROCESREGISSEUR]


@pytest.fixture
def klantmanager(wereld):
    return wereld.per_rol[Rol.KLANTMANAGER]  # of wereld.gemeente_a (Gemeente Oss)


@pytest.fixture
def gemeente_b(wereld):
    """A second gemeente in regio A, with its own klantmanager."""
    g = OrganisatieFactory(
        naam="Gemeente 's-Hertogenbosch", soort=Organisatie.Soort.GEMEENTE, kvk_nummer=""
    )
    wereld.regio_a.organisaties.add(g)
    return g


@pytest.fixture
def klantmanager_b(wereld, gemeente_b):
    return lid(wereld.regio_a, Rol.KLANTMANAGER, organisatie=gemeente_b)


@pytest.fixture
def traject(wereld, regisseur, gemeente_b):
    t = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        for g in (wereld.gemeente_a, gemeente_b):
            traject_services.voeg_partner_toe(
                traject=t, organisatie=g, rol="gemeente", door=regisseur
            )
    return t


@pytest.fixture
def in_regio_a(wereld):
    with scope(regio=wereld.regio_a.pk):
        yield


def _link_uit_mail(bericht):
    regel = next(r for r in bericht.body.splitlines() if "/werkgever/" in r)
    return "/" + regel.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def link(client, wereld, regisseur, traject, django_capture_on_commit_callbacks):
    """The werkgever's own link, as it arrives by e-mail (the client is logged out after)."""
    client.force_login(regisseur)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("werkgever_uitnodigen", kwargs={"regio_slug": wereld.regio_a.slug}),
            {
                "bedrijfsnaam": "Isolatie Oss B.V.",
                "email": "Info@IsolatieOss.nl",
                "traject": traject.pk,
            },
        )
    assert r.status_code == 302
    assert mail.outbox[-1].to == ["info@isolatieoss.nl"]
    client.logout()
    return _link_uit_mail(mail.outbox[-1])
