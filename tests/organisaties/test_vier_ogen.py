"""Four eyes for the roles that read confidential notes or hand out roles, and no race that
leaves a regio without a beheerder."""

import threading
from html import escape

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse
from django_scopes import scope

from organisaties import services
from organisaties.models import Lidmaatschap, Rol, Uitnodiging
from tests.factories import lid

from .test_uitnodigingen import _link_uit_mail


@pytest.fixture
def beheerder(wereld):
    return wereld.per_rol[Rol.BEHEERDER]


def _url(naam, wereld, **kwargs):
    return reverse(naam, kwargs={"regio_slug": wereld.regio_a.slug, **kwargs})


def _uitnodiging(wereld, email):
    with scope(regio=wereld.regio_a.pk):
        return Uitnodiging.objects.get(email=email)


def test_een_beheerder_maakt_zichzelf_geen_procesregisseur(
    client, wereld, beheerder, django_capture_on_commit_callbacks
):
    with scope(regio=wereld.regio_a.pk):
        organisatie = Lidmaatschap.objects.get(user=beheerder).organisatie
    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("uitnodigen", wereld),
            {"naam": beheerder.naam, "email": beheerder.email, "organisatie": organisatie.pk,
             "rol": Rol.PROCESREGISSEUR},
            follow=True,
        )  # fmt: skip
    assert "keurt haar goed; daarna wordt ze verstuurd" in response.content.decode()
    assert mail.outbox == []  # nothing sent before a second person approves
    u = _uitnodiging(wereld, beheerder.email)
    # The link cannot be used yet, even when it is known.
    with pytest.raises(services.UitnodigingOngeldig, match="wacht nog op goedkeuring"):
        services.lees_uitnodiging(services.uitnodiging_token(u))
    # The inviter cannot approve: the page says so and a forged POST is refused.
    pagina = client.get(_url("goedkeuringen", wereld)).content.decode()
    assert "Goedkeuren doet een ander." in pagina
    client.post(_url("uitnodiging_beslissen", wereld, pk=u.pk), {"besluit": "goedkeuren"})
    assert _uitnodiging(wereld, beheerder.email).goedgekeurd_op is None

    # A second beheerder approves: now it is sent, and the history shows who approved.
    tweede = lid(wereld.regio_a, Rol.BEHEERDER)
    client.force_login(tweede)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("uitnodiging_beslissen", wereld, pk=u.pk), {"besluit": "goedkeuren"})
    assert [m.to for m in mail.outbox] == [[beheerder.email]]
    client.force_login(beheerder)
    response = client.post(_link_uit_mail(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    leden = client.get(_url("leden", wereld)).content.decode()
    assert f"goedgekeurd door {escape(tweede.naam)}" in leden


def test_de_procesregisseur_keurt_een_beheerder_goed_maar_niet_voor_zichzelf(
    client, wereld, beheerder, django_capture_on_commit_callbacks
):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    with scope(regio=wereld.regio_a.pk):
        organisatie = Lidmaatschap.objects.get(user=beheerder).organisatie
        voor_regisseur = services.nodig_uit(
            regio=wereld.regio_a, door=beheerder, email=regisseur.email, naam="",
            organisatie=organisatie, rol=Rol.BEHEERDER,
        )  # fmt: skip
        voor_ander = services.nodig_uit(
            regio=wereld.regio_a, door=beheerder, email="nieuw@voorbeeld.nl", naam="Nieuw",
            organisatie=organisatie, rol=Rol.BEHEERDER,
        )  # fmt: skip
    client.force_login(regisseur)
    home = client.get(reverse("regio_home", args=[wereld.regio_a.slug])).content.decode()
    assert "2 uitnodigingen wachten op goedkeuring" in home
    response = client.post(
        _url("uitnodiging_beslissen", wereld, pk=voor_regisseur.pk),
        {"besluit": "goedkeuren"},
        follow=True,
    )
    assert "U kunt een uitnodiging voor uzelf niet goedkeuren." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("uitnodiging_beslissen", wereld, pk=voor_ander.pk), {"besluit": "goedkeuren"}
        )
    assert [m.to for m in mail.outbox] == [["nieuw@voorbeeld.nl"]]
    client.post(
        _url("uitnodiging_beslissen", wereld, pk=voor_regisseur.pk), {"besluit": "afwijzen"}
    )
    with pytest.raises(services.UitnodigingOngeldig, match="ingetrokken"):
        services.lees_uitnodiging(services.uitnodiging_token(voor_regisseur))


def test_andere_rollen_worden_meteen_verstuurd(
    wereld, beheerder, django_capture_on_commit_callbacks
):
    with scope(regio=wereld.regio_a.pk), django_capture_on_commit_callbacks(execute=True):
        services.nodig_uit(
            regio=wereld.regio_a, door=beheerder, email="km@oss.nl", naam="",
            organisatie=wereld.gemeente_a, rol=Rol.KLANTMANAGER,
        )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["km@oss.nl"]]


@pytest.mark.django_db(transaction=True)
def test_twee_beheerders_beeindigen_elkaar_tegelijk(wereld, beheerder):
    """Each ends the other at the same moment, on its own connection: one of them stays."""
    tweede = lid(wereld.regio_a, Rol.BEHEERDER)
    with scope(regio=wereld.regio_a.pk):
        leden = {
            u.pk: Lidmaatschap.objects.get(user=u, rol=Rol.BEHEERDER) for u in (beheerder, tweede)
        }
    start = threading.Barrier(2, timeout=10)
    uitkomsten = []

    def beeindig(door, doel):
        try:
            with scope(regio=wereld.regio_a.pk), transaction.atomic():
                connection.cursor().execute("SELECT 1")
                start.wait()
                services.beeindig_lidmaatschap(lidmaatschap=doel, door=door)
            uitkomsten.append("beëindigd")
        except Exception as fout:  # noqa: BLE001 - reported to the test
            uitkomsten.append(type(fout).__name__)
        finally:
            connection.close()

    draden = [
        threading.Thread(target=beeindig, args=(beheerder, leden[tweede.pk])),
        threading.Thread(target=beeindig, args=(tweede, leden[beheerder.pk])),
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    assert sorted(uitkomsten) == ["ValidationError", "beëindigd"]
    with scope(regio=wereld.regio_a.pk):
        assert (
            Lidmaatschap.objects.filter(
                regio=wereld.regio_a, rol=Rol.BEHEERDER, beeindigd_op__isnull=True
            ).count()
            == 1
        )
