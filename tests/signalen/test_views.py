"""The signalen in the browser: the list with its actions, the bell, the home panel, a
signaal's history, thresholds and e-mail preferences, the scan button."""

from datetime import timedelta
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from organisaties.models import Rol
from signalen.models import Regelinstelling, Signaal, SignaalStatus, Voorkeur

from .conftest import BASIS, op
from .test_regels import GEVALLEN

DAG = BASIS + timedelta(days=40)


def url(naam, o, **kwargs):
    return reverse(naam, kwargs={"regio_slug": o.regio.slug, **kwargs})


@pytest.fixture
def met_signalen(omgeving):
    with op(BASIS):
        for code in ("checklist_te_laat", "geen_coach", "vervolgactie"):
            GEVALLEN[code](omgeving)
    omgeving.scan(DAG)
    return omgeving


def test_lijst_acties_en_geschiedenis(client, met_signalen):
    o = met_signalen
    regisseur = o.rol(Rol.PROCESREGISSEUR)
    with op(DAG):  # log in on the day itself: a session lasts a working day
        client.force_login(regisseur)
        lijst = client.get(url("signalen", o)).content.decode()
        eigen = sorted(
            o.signalen(ontvanger=regisseur, status=SignaalStatus.OPEN),
            key=lambda s: (s.vervaldatum, s.pk),
        )
        assert len(eigen) >= 2 and all(escape(s.tekst) in lijst for s in eigen[:25])
        bel = client.get(url("signalen_bel", o)).content.decode()
        assert f'<span class="bel__aantal">{len(eigen)}<' in bel
        s = eigen[0]
        client.post(url("signaal_actie", o, pk=s.pk), {"actie": "gezien"})
        client.post(url("signaal_actie", o, pk=s.pk), {"actie": "gedaan"})
        merk = url("signaal_detail", o, pk=s.pk)  # texts may repeat; a signaal's address not
        assert merk not in client.get(url("signalen", o)).content.decode()
        assert merk in client.get(url("signalen", o) + "?toon=gedaan").content.decode()
        # Putting another off: a date in the past is refused next to the field.
        ander = eigen[1]
        fout = client.post(url("signaal_detail", o, pk=ander.pk), {"tot": DAG.isoformat()})
        assert fout.status_code == 200 and 'id="id_tot_error"' in fout.content.decode()
        client.post(
            url("signaal_detail", o, pk=ander.pk), {"tot": (DAG + timedelta(days=7)).isoformat()}
        )
        merk = url("signaal_detail", o, pk=ander.pk)
        assert merk not in client.get(url("signalen", o)).content.decode()
        assert merk in client.get(url("signalen", o) + "?toon=uitgesteld").content.decode()
        detail = client.get(url("signaal_detail", o, pk=s.pk)).content.decode()
    assert "Gezien" in detail and "Afgehandeld" in detail and escape(regisseur.naam) in detail


def test_een_signaal_van_een_ander_bestaat_niet(client, met_signalen):
    o = met_signalen
    van_regisseur = o.signalen(ontvanger=o.rol(Rol.PROCESREGISSEUR))[0]
    client.force_login(o.rol(Rol.BEGELEIDER))
    assert client.get(url("signaal_detail", o, pk=van_regisseur.pk)).status_code == 404
    assert (
        client.post(url("signaal_actie", o, pk=van_regisseur.pk), {"actie": "gedaan"}).status_code
        == 404
    )
    with scope(regio=o.regio.pk):
        assert Signaal.objects.get(pk=van_regisseur.pk).status == SignaalStatus.OPEN


def test_het_paneel_op_de_startpagina(client, met_signalen):
    o = met_signalen
    with op(DAG):
        client.force_login(o.rol(Rol.BEGELEIDER))
        home = client.get(reverse("regio_home", args=[o.regio.slug])).content.decode()
        assert url("signalen_paneel", o) in home
        paneel = client.get(url("signalen_paneel", o)).content.decode()
    assert "Vervolgactie voor een deelnemer" in paneel
    client.force_login(o.rol(Rol.WERKGEVER))
    assert "Niets te doen" in client.get(url("signalen_paneel", o)).content.decode()


def test_drempels_en_voorkeuren(client, met_signalen):
    o = met_signalen
    regisseur = o.rol(Rol.PROCESREGISSEUR)
    client.force_login(regisseur)
    pagina = client.get(url("signaal_drempels", o)).content.decode()
    assert "Mijlpaal binnenkort" in pagina
    response = client.post(
        url("signaal_drempels", o), {"mijlpaal_binnenkort": "10", "werving_te_lang": "400"}
    )
    assert (
        response.status_code == 200 and 'id="id_werving_te_lang_error"' in response.content.decode()
    )
    assert client.post(url("signaal_drempels", o), {"mijlpaal_binnenkort": "10"}).status_code == 302
    with scope(regio=o.regio.pk):
        assert Regelinstelling.objects.get(regel="mijlpaal_binnenkort").drempel == 10
    client.force_login(o.rol(Rol.BEGELEIDER))
    response = client.post(url("signaal_voorkeuren", o), {"vervolgactie": "uit"})
    assert response.status_code == 200  # every rule has a choice: the others are required
    keuzes = dict.fromkeys(GEVALLEN, "dagelijks") | {"vervolgactie": "uit"}
    assert client.post(url("signaal_voorkeuren", o), keuzes).status_code == 302
    voorkeuren = Voorkeur.objects.filter(user=o.rol(Rol.BEGELEIDER))
    assert ("vervolgactie", "uit") in set(voorkeuren.values_list("regel", "modus"))


def test_de_knop_scant_nu(client, omgeving):
    with op(BASIS):
        GEVALLEN["geen_coach"](omgeving)
    with op(BASIS + timedelta(days=1)):
        client.force_login(omgeving.rol(Rol.PROCESREGISSEUR))
        response = client.post(url("signalen_scan", omgeving))
    assert response.status_code == 302
    assert omgeving.signalen(regel="geen_coach")


def _tel(client, adres):
    with CaptureQueriesContext(connection) as q:
        assert client.get(adres).status_code == 200
    return len(q)


def _maak(o, van, tot):
    with scope(regio=o.regio.pk):
        Signaal.objects.bulk_create(
            Signaal(regio=o.regio, regel="mijlpaal_te_laat", sleutel=f"x:{i}", vervaldatum=BASIS,
                    ontvanger=o.rol(Rol.PROCESREGISSEUR), tekst=f"Signaal {i}", link="/")
            for i in range(van, tot)
        )  # fmt: skip


def test_lijst_en_paneel_in_vaste_queries(client, omgeving):
    """The same number of queries with 3 or 60 signalen (25 per page)."""
    client.force_login(omgeving.rol(Rol.PROCESREGISSEUR))
    paginas = [url("signalen", omgeving), url("signalen_paneel", omgeving),
               url("signalen_bel", omgeving)]  # fmt: skip
    _maak(omgeving, 0, 3)
    client.get(paginas[0])  # warm up (session)
    weinig = [_tel(client, p) for p in paginas]
    _maak(omgeving, 3, 60)
    assert [_tel(client, p) for p in paginas] == weinig
    assert "Pagina 1 van 3" in client.get(paginas[0]).content.decode()
