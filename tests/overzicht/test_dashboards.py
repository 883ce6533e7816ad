"""Dashboards, search and reports: what each role's home shows, with the demo data and with an
empty regio; the procesregisseur's overview of every round; search within what a role may see;
the trajectrapportage; and the same number of queries with 10 or 1,000 deelnemers."""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django_scopes import scope

from organisaties.demo import LOGINS
from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User
from tests.factories import OrganisatieFactory, ga_naar, lid, maak_traject, meld_aan
from trajecten import services as traject_services
from trajecten.models import ChecklistStap, Deelname, StapStatus
from werving.models import Kandidaat, Toestemming

P, K = Rol.PROCESREGISSEUR, Rol.KLANTMANAGER

PANELEN = {
    Rol.PROCESREGISSEUR: ["overzicht_trajecten", "rondes", "signalen_paneel"],
    Rol.KLANTMANAGER: ["paneel_klantmanager", "signalen_paneel"],
    Rol.FINANCIER: ["paneel_financier", "signalen_paneel"],
    Rol.WERKGEVER: ["paneel_werkgever", "signalen_paneel"],
    Rol.OPLEIDER: ["paneel_opleider", "signalen_paneel"],
    Rol.BEGELEIDER: ["paneel_begeleider", "signalen_paneel"],
    Rol.BEHEERDER: ["signalen_paneel"],
}


def _url(naam, regio, **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs})


def test_elke_startpagina_werkt_met_de_demo(client, db):
    call_command("demo_data", "--ook-zonder-debug", stdout=StringIO())
    call_command("scan_signalen", stdout=StringIO())
    for login in LOGINS:
        client.force_login(User.objects.get(email=login.email))
        regio = Regio.objects.get(slug=login.regio)
        assert client.get(_url("regio_home", regio)).status_code == 200
        for naam in PANELEN[login.rol]:
            response = client.get(_url(naam, regio), HTTP_HX_REQUEST="true")
            assert response.status_code == 200, (login.email, naam)
    # Something real to show: the procesregisseur has overdue and upcoming work.
    client.force_login(User.objects.get(email="procesregisseur@nob.example"))
    nob = Regio.objects.get(slug="noordoost-brabant")
    paneel = client.get(_url("signalen_paneel", nob)).content.decode()
    assert "te laat" in paneel
    overzicht = client.get(_url("overzicht_trajecten", nob)).content.decode()
    assert "Trechter van" in overzicht and ("op koers" in overzicht or "risico" in overzicht)


def test_elke_startpagina_werkt_in_een_lege_regio(client, db):
    leeg = Regio.objects.create(naam="Lege regio", slug="leeg")
    for rol in Rol.values:
        gebruiker = lid(leeg, rol)
        client.force_login(gebruiker)
        assert client.get(_url("regio_home", leeg)).status_code == 200
        for naam in PANELEN[rol]:
            inhoud = client.get(_url(naam, leeg)).content.decode()
            assert "Traceback" not in inhoud


def test_de_trajectenlijst_telt_ook_de_opstartchecklist(client, wereld):
    """A new traject whose checklist deadlines passed is late, on the list and the overview."""
    regisseur = wereld.per_rol[P]
    traject = maak_traject(
        wereld.regio_a, regisseur, start=timezone.localdate() + timedelta(days=90)
    )
    with scope(regio=wereld.regio_a.pk):
        stappen = ChecklistStap.objects.filter(traject=traject, status=StapStatus.OPEN)
        stappen.update(deadline=timezone.localdate() - timedelta(days=1))
        te_laat = stappen.count()
    assert te_laat > 0
    client.force_login(regisseur)
    lijst = client.get(_url("traject_lijst", wereld.regio_a)).content.decode()
    assert f'<span class="let-op">{te_laat}</span>' in lijst
    overzicht = client.get(_url("overzicht_trajecten", wereld.regio_a)).content.decode()
    assert f"{te_laat} mijlpalen en opstartstappen" in overzicht


def test_op_koers_of_risico_terwijl_een_ronde_loopt(wereld):
    from overzicht.selectors import traject_panelen

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur)
    deelnames = meld_aan(traject, regisseur, 5)
    for d in deelnames:
        ga_naar(d, regisseur, "voorschakeltraject")
    with scope(regio=wereld.regio_a.pk):
        [paneel] = traject_panelen(user=regisseur, regio=wereld.regio_a)
        assert (paneel.gestart, paneel.succes, paneel.haalbaar, paneel.oordeel) == (
            5,
            0,
            100,
            "op_koers",
        )
        for d in deelnames[:3]:
            traject_services.verplaats_deelname(
                deelname=d, naar="uitgevallen", door=regisseur,
                gegevens={"uitval_reden": "taal", "uitval_toelichting": "", "uitval_alternatief": "geen"},
            )  # fmt: skip
        [paneel] = traject_panelen(user=regisseur, regio=wereld.regio_a)
    assert (paneel.haalbaar, paneel.oordeel) == (40, "risico")
    assert paneel.uitval == [("Taal", 3)]
    assert [s.aantal for s in paneel.trechter][:1] == [5]


def test_zoeken_binnen_wat_een_rol_mag_zien(client, wereld):
    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur, gemeenten=2)
    with scope(regio=wereld.regio_a.pk):
        traject_services.voeg_partner_toe(traject=traject, organisatie=wereld.gemeente_a,
                                          rol="gemeente", door=regisseur)  # fmt: skip
        andere = (
            traject.partners.filter(rol="gemeente")
            .exclude(organisatie=wereld.gemeente_a)
            .first()
            .organisatie
        )
    [eigen] = meld_aan(traject, regisseur, gemeente=wereld.gemeente_a)
    [vreemd] = meld_aan(traject, regisseur, gemeente=andere)
    with scope(regio=wereld.regio_a.pk):
        Kandidaat.objects.filter(pk=eigen.kandidaat_id).update(achternaam="Zoekbaar-Oss")
        Kandidaat.objects.filter(pk=vreemd.kandidaat_id).update(achternaam="Zoekbaar-Elders")
    client.force_login(wereld.per_rol[K])  # klantmanager of gemeente_a
    inhoud = client.get(_url("zoeken", wereld.regio_a) + "?q=zoekbaar").content.decode()
    assert "Zoekbaar-Oss" in inhoud and "Zoekbaar-Elders" not in inhoud
    client.force_login(regisseur)
    inhoud = client.get(_url("zoeken", wereld.regio_a) + "?q=zoekbaar").content.decode()
    assert "Zoekbaar-Oss" in inhoud and "Zoekbaar-Elders" in inhoud
    # Consent withdrawn: the procesregisseur no longer finds the person.
    with scope(regio=wereld.regio_a.pk):
        Toestemming.objects.filter(kandidaat_id=vreemd.kandidaat_id).update(
            ingetrokken_op=timezone.localdate()
        )
    inhoud = client.get(_url("zoeken", wereld.regio_a) + "?q=zoekbaar").content.decode()
    assert "Zoekbaar-Elders" not in inhoud
    # A werkgever by name, for the procesregisseur.
    wereld.regio_a.organisaties.add(OrganisatieFactory(naam="Glasbedrijf Zoekbaar"))
    assert (
        "Glasbedrijf Zoekbaar"
        in client.get(_url("zoeken", wereld.regio_a) + "?q=glasbedrijf").content.decode()
    )


def test_trajectrapportage_als_pagina_csv_en_pdf(client, wereld):
    from pypdf import PdfReader

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur)
    for d in meld_aan(traject, regisseur, 3):
        ga_naar(d, regisseur, "voorschakeltraject")
    client.force_login(regisseur)
    pagina = client.get(_url("rapportage", wereld.regio_a, pk=traject.pk)).content.decode()
    assert "Trechter en uitkomst" in pagina and "Deelnemer 0" not in pagina
    csv = client.get(_url("rapportage_csv", wereld.regio_a, pk=traject.pk)).content.decode(
        "utf-8-sig"
    )
    assert "Trechter;Gestart;3" in csv
    from openpyxl import load_workbook

    xlsx = client.get(_url("rapportage_xlsx", wereld.regio_a, pk=traject.pk))
    rijen = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("Trechter", "Gestart", 3) in rijen
    pdf = client.get(_url("rapportage_pdf", wereld.regio_a, pk=traject.pk))
    tekst = " ".join(
        " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    assert traject.naam in tekst and "Gestart" in tekst


def test_trajectrapportage_toont_dekking_en_deel_terug_met_hun_definities(client, wereld):
    """Issue 14: coverage and the share of the prefinancing returned, each with its definition,
    and a contribution in kind, in the report as on the traject's financing page."""
    from decimal import Decimal

    from pypdf import PdfReader

    from financiering import services as fin
    from financiering.services import DekkingInvoer, RegelInvoer

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur)
    ooi = OrganisatieFactory(soort="oo_fonds", naam="OOI", kvk_nummer="")
    wereld.regio_a.organisaties.add(ooi)
    with scope(regio=wereld.regio_a.pk):
        fin.leg_afspraak_vast(
            traject=traject, door=regisseur, soort="cofinanciering",
            regels=[RegelInvoer(financier=ooi, aandeel_procent=Decimal(100),
                                in_natura="Vakopleiding")],
        )  # fmt: skip
        fin.leg_dekking_vast(
            traject=traject, door=regisseur,
            regels=[DekkingInvoer(financier=ooi, categorie="vakopleiding",
                                  maximum=Decimal(2750), in_natura=True)],
        )  # fmt: skip
        fin.boek_uitgave(
            traject=traject, door=regisseur, categorie="vakopleiding",
            datum=timezone.localdate() - timedelta(days=1), omschrijving="Eigen opleiders",
            bedrag=Decimal(2750), in_natura_door=ooi,
        )  # fmt: skip
        fin.boek_uitgave(
            traject=traject, door=regisseur, categorie="vca", omschrijving="VCA",
            datum=timezone.localdate() - timedelta(days=1), bedrag=Decimal(250),
        )  # fmt: skip
    client.force_login(regisseur)
    definities = [
        "Dekking = wat terugkomt (ontvangen start- en resultaatfinanciering van gemeenten en "
        "ontvangen subsidie) ÷ de gerealiseerde kosten van de ronde",
        "Deel van de voorfinanciering terug = wat het revolverend fonds van gemeenten ontving ÷ "
        "wat het fonds voorfinancierde",
        "In natura: wat een financier zelf leverde in plaats van te betalen",
    ]
    pagina = client.get(_url("rapportage", wereld.regio_a, pk=traject.pk)).content.decode()
    tekst = " ".join(strip_tags(pagina).split())
    for definitie in definities:
        assert definitie in tekst, definitie
    assert "In natura€ 2.750,00 (91,7% van de kosten)" in tekst  # dt and dd side by side
    pdf = client.get(_url("rapportage_pdf", wereld.regio_a, pk=traject.pk))
    pdf_tekst = " ".join(
        " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    for definitie in definities:
        assert definitie in pdf_tekst, definitie
    assert "In natura" in pdf_tekst


def test_rondes_vergeleken_en_goedkoper(wereld):
    from overzicht.selectors import Ronde

    vorige = Ronde(
        traject=None, gestart=10, in_dienst=7, per_deelnemer=10000, doorlooptijd_dagen=300
    )
    deze = Ronde(
        traject=None,
        gestart=10,
        in_dienst=8,
        per_deelnemer=8500,
        doorlooptijd_dagen=280,
        vorige=vorige,
    )
    assert (deze.succes, deze.goedkoper) == (80, 15)


def test_financier_over_regios(client, wereld):
    fonds = OrganisatieFactory(soort=Organisatie.Soort.OO_FONDS, naam="Fonds Overal")
    financier = lid(wereld.regio_a, Rol.FINANCIER, organisatie=fonds)
    lid(wereld.regio_b, Rol.FINANCIER, organisatie=fonds, user=financier)
    client.force_login(financier)
    inhoud = client.get(reverse("fondsen_over_regios")).content.decode()
    assert wereld.regio_a.naam in inhoud and wereld.regio_b.naam in inhoud
    client.force_login(wereld.per_rol[P])
    assert (
        "in geen enkele regio financier"
        in client.get(reverse("fondsen_over_regios")).content.decode()
    )


# ---- the same number of queries with 10 or 1,000 deelnemers ---------------------------------


def _bulk_deelnemers(traject, regisseur, gemeente, aantal, begeleider=None):
    """Many deelnemers at once, without the services (only the query counts are measured)."""
    from begeleiding.models import Koppeling

    with scope(regio=traject.regio_id):
        kandidaten = Kandidaat.objects.bulk_create(
            Kandidaat(regio_id=traject.regio_id, voornaam="Veel", achternaam=f"Deelnemer {i}",
                      gemeente=gemeente, klantmanager=None)
            for i in range(aantal)
        )  # fmt: skip
        Toestemming.objects.bulk_create(
            Toestemming(
                regio_id=traject.regio_id, kandidaat=k, ontvanger=o, vastgelegd_door=regisseur
            )
            for k in kandidaten
            for o in ("procesregisseur", "begeleider", "opleider", "werkgever")
        )
        deelnames = Deelname.objects.bulk_create(
            Deelname(regio_id=traject.regio_id, traject=traject, kandidaat=k,
                     status=["voorschakeltraject", "proefperiode", "uitgevallen"][i % 3],
                     uitval_reden="taal" if i % 3 == 2 else "")
            for i, k in enumerate(kandidaten)
        )  # fmt: skip
        if begeleider:
            Koppeling.objects.bulk_create(
                Koppeling(
                    regio_id=traject.regio_id, deelname=d, rol="arbeidscoach", persoon=begeleider
                )
                for d in deelnames
            )


@pytest.mark.parametrize(
    ("rol", "naam"),
    [(P, "overzicht_trajecten"), (P, "rondes"), (P, "zoeken"), (K, "paneel_klantmanager"),
     (Rol.BEGELEIDER, "paneel_begeleider"), (Rol.WERKGEVER, "paneel_werkgever"),
     (Rol.OPLEIDER, "paneel_opleider"), (Rol.FINANCIER, "paneel_financier"), (P, "rapportage")],
)  # fmt: skip
def test_panelen_in_vaste_queries(client, wereld, rol, naam):
    from begeleiding import services as begeleiding_services

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        traject_services.voeg_partner_toe(traject=traject, organisatie=wereld.gemeente_a,
                                          rol="gemeente", door=regisseur)  # fmt: skip
        opleider = Lidmaatschap.objects.get(user=wereld.per_rol[Rol.OPLEIDER]).organisatie
        module = begeleiding_services.voeg_module_toe(traject=traject, door=regisseur, soort="vca",
                                                      aanbieder=opleider)  # fmt: skip
        begeleiding_services.plan_sessie(module=module, door=regisseur,
                                         datum=timezone.localdate() - timedelta(days=2), locatie="Oss")  # fmt: skip
    adres = _url(naam, wereld.regio_a, **({"pk": traject.pk} if naam == "rapportage" else {}))
    if naam == "zoeken":
        adres += "?q=veel"
    client.force_login(wereld.per_rol[rol])

    def tel():
        with CaptureQueriesContext(connection) as q:
            assert client.get(adres).status_code == 200
        return len(q)

    _bulk_deelnemers(
        traject, regisseur, wereld.gemeente_a, 10, begeleider=wereld.per_rol[Rol.BEGELEIDER]
    )
    tel()
    weinig = tel()
    _bulk_deelnemers(
        traject, regisseur, wereld.gemeente_a, 990, begeleider=wereld.per_rol[Rol.BEGELEIDER]
    )
    assert tel() == weinig


def test_fasebord_filtert_op_gemeente_coach_en_te_lang_in_fase(client, wereld):
    from begeleiding import services as begeleiding_services

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur, gemeenten=2)
    with scope(regio=wereld.regio_a.pk):
        gemeenten = [p.organisatie for p in traject.partners.filter(rol="gemeente").order_by("pk")]
    [a] = meld_aan(traject, regisseur, gemeente=gemeenten[0])
    [b] = meld_aan(traject, regisseur, gemeente=gemeenten[1])
    [c] = meld_aan(traject, regisseur, gemeente=gemeenten[1])
    with scope(regio=wereld.regio_a.pk):
        for d, naam in [(a, "Anna-A"), (b, "Bert-B"), (c, "Cees-C")]:
            Kandidaat.objects.filter(pk=d.kandidaat_id).update(achternaam=naam)
        begeleiding_services.koppel_begeleider(deelname=b, door=regisseur, rol="arbeidscoach",
                                               persoon=wereld.per_rol[Rol.BEGELEIDER])  # fmt: skip
        Deelname.objects.filter(pk=c.pk).update(status_sinds=timezone.now() - timedelta(days=90))
    client.force_login(regisseur)
    bord = _url("fasebord", wereld.regio_a, pk=traject.pk)

    def namen(query):
        inhoud = client.get(bord + query).content.decode()
        return {n for n in ("Anna-A", "Bert-B", "Cees-C") if n in inhoud}

    assert namen("") == {"Anna-A", "Bert-B", "Cees-C"}
    assert namen(f"?gemeente={gemeenten[0].pk}") == {"Anna-A"}
    assert namen(f"?coach={wereld.per_rol[Rol.BEGELEIDER].pk}") == {"Bert-B"}
    assert namen("?te_lang=on") == {"Cees-C"}
    assert client.get(bord + "?gemeente=abc").status_code == 200


def test_een_signaal_vanaf_de_startpagina_naar_volgende_week(client, wereld):
    from signalen import services as signaal_services
    from signalen.models import Signaal

    regisseur = wereld.per_rol[P]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        traject.mijlpalen.update(vervaldatum=timezone.localdate() - timedelta(days=2))
    signaal_services.scan_regio(regio=wereld.regio_a)
    with scope(regio=wereld.regio_a.pk):
        s = Signaal.objects.filter(ontvanger=regisseur, regel="mijlpaal_te_laat").first()
    client.force_login(regisseur)
    assert "Volgende week" in client.get(_url("signalen_paneel", wereld.regio_a)).content.decode()
    response = client.post(
        _url("signaal_actie", wereld.regio_a, pk=s.pk), {"actie": "week", "terug": "start"}
    )
    assert response["Location"] == _url("regio_home", wereld.regio_a)
    with scope(regio=wereld.regio_a.pk):
        s.refresh_from_db()
    assert s.uitgesteld_tot == timezone.localdate() + timedelta(days=7)
