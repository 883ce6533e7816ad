"""Matching explanations, criterion by criterion (pure functions on unsaved objects)."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.factories import meld_aan
from trajecten.models import Deelname, PartnerRol
from werving import matching as m
from werving.models import Kandidaat, Vacature


def kandidaat(**kw):
    basis = {"voornaam": "A", "achternaam": "B", "taalniveau_nl": "A2", "dagen_beschikbaar": 4, "rijbewijs": "geen",
             "woonplaats": "Oss", "vervoer_geregeld": True, "digitaal_vaardig": True, "reiskosten_geregeld": True}  # fmt: skip
    basis.update(kw)
    return Kandidaat(**basis)


def vacature(**kw):
    basis = {"functie": "Monteur", "werklocatie": "Oss", "uren_per_week": 32, "taaleis": "A2", "rijbewijs_vereist": False,
             "vca_vereist": True, "ov_bereikbaar": True, "deeltijd_mogelijk": False}  # fmt: skip
    basis.update(kw)
    return Vacature(**basis)


@pytest.mark.parametrize(
    ("heeft", "eis", "uitkomst"),
    [
        ("A2", "A2", m.PAST),
        ("B1", "A2", m.PAST),
        ("A1", "A2", m.PAST_NIET),
        ("", "A2", m.ONBEKEND),
        ("A2", "B1", m.PAST_NIET),
    ],
)
def test_taal(heeft, eis, uitkomst):
    c = m.taal(kandidaat(taalniveau_nl=heeft), vacature(taaleis=eis))
    assert c.uitkomst == uitkomst
    assert eis in c.uitleg


@pytest.mark.parametrize(
    ("vereist", "rijbewijs", "uitkomst"),
    [
        (False, "geen", m.PAST),
        (True, "b", m.PAST),
        (True, "lessen", m.LET_OP),
        (True, "theorie", m.LET_OP),
        (True, "geen", m.PAST_NIET),
    ],
)
def test_rijbewijs(vereist, rijbewijs, uitkomst):
    assert (
        m.rijbewijs(kandidaat(rijbewijs=rijbewijs), vacature(rijbewijs_vereist=vereist)).uitkomst
        == uitkomst
    )


@pytest.mark.parametrize(
    ("dagen", "uren", "deeltijd", "uitkomst"),
    [
        (4, 32, False, m.PAST),
        (3, 32, False, m.PAST_NIET),
        (3, 32, True, m.LET_OP),
        (None, 32, False, m.ONBEKEND),
        (5, 40, False, m.PAST),
    ],
)
def test_beschikbaarheid(dagen, uren, deeltijd, uitkomst):
    c = m.beschikbaarheid(
        kandidaat(dagen_beschikbaar=dagen), vacature(uren_per_week=uren, deeltijd_mogelijk=deeltijd)
    )
    assert c.uitkomst == uitkomst


@pytest.mark.parametrize(
    ("woonplaats", "werklocatie", "ov", "rijbewijs", "uitkomst"),
    [("Oss", "oss", True, "geen", m.PAST), ("Oss", "Uden", True, "geen", m.ONBEKEND),
     ("Oss", "Uden", False, "geen", m.PAST_NIET), ("Oss", "Uden", False, "b", m.ONBEKEND), ("", "Uden", True, "geen", m.ONBEKEND)],
)  # fmt: skip
def test_reistijd(woonplaats, werklocatie, ov, rijbewijs, uitkomst):
    c = m.reistijd(
        kandidaat(woonplaats=woonplaats, rijbewijs=rijbewijs),
        vacature(werklocatie=werklocatie, ov_bereikbaar=ov),
    )
    assert c.uitkomst == uitkomst
    if uitkomst == m.ONBEKEND:
        assert "1,5 uur" in c.uitleg


@pytest.mark.parametrize(
    ("vereist", "behaald", "uitkomst"),
    [(False, None, m.PAST), (True, date(2027, 1, 1), m.PAST), (True, None, m.LET_OP)],
)
def test_vca(vereist, behaald, uitkomst):
    assert (
        m.vca(Deelname(vca_behaald_op=behaald), vacature(vca_vereist=vereist)).uitkomst == uitkomst
    )


def test_randvoorwaarden():
    assert m.randvoorwaarden(kandidaat()).uitkomst == m.PAST
    c = m.randvoorwaarden(kandidaat(kinderopvang_nodig=True, vervoer_geregeld=False))
    assert c.uitkomst == m.LET_OP and "vervoer" in c.uitleg and "kinderopvang" in c.uitleg


def test_totaal_is_het_zwakste_criterium():
    d = Deelname(kandidaat=kandidaat(), vca_behaald_op=date(2027, 1, 1))
    assert m.beoordeel(d, vacature()).uitkomst == m.PAST
    assert m.beoordeel(d, vacature(taaleis="B1")).uitkomst == m.PAST_NIET
    assert m.beoordeel(d, vacature(werklocatie="Uden")).uitkomst == m.LET_OP


def test_matchingpagina_en_koppelen(client, wereld, traject):
    from organisaties.models import Rol
    from trajecten import services

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    d = meld_aan(traject, regisseur)[0]
    with scope(regio=wereld.regio_a.pk):
        for naar in ["intake", "assessment", "geselecteerd"]:
            services.verplaats_deelname(
                deelname=d, naar=naar, door=regisseur, reden="Zonder verslag"
            )
        Kandidaat.objects.filter(pk=d.kandidaat_id).update(taalniveau_nl="A2")
        org = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie
        v = Vacature.objects.create(
            regio=wereld.regio_a,
            werkgever=org,
            traject=traject,
            functie="Glaszetter",
            werklocatie="Oss",
            taaleis="B2",
        )
    client.force_login(regisseur)
    pagina = client.get(
        reverse("matching", kwargs={"regio_slug": wereld.regio_a.slug, "pk": traject.pk})
    ).content.decode()
    assert "Glaszetter" in pagina and "past niet" in pagina and "de vacature vraagt B2" in pagina
    doel = reverse(
        "koppelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": traject.pk, "dpk": d.pk}
    )
    assert client.post(doel, {"vacature": v.pk}).status_code == 302
    with scope(regio=wereld.regio_a.pk):
        d.refresh_from_db()
        assert (d.vacature, d.werkgever) == (v, org)
        # The match satisfies the precondition of the proefperiode.
        for naar in ["voorschakeltraject", "vakopleiding", "proefperiode"]:
            services.verplaats_deelname(
                deelname=d, naar=naar, door=regisseur, reden="Zonder verslag"
            )
    assert client.post(doel, {"vacature": 999999}).status_code == 404
    assert client.post(doel, {"vacature": "abc"}).status_code == 404
