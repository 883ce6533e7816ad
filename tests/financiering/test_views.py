"""The financing pages: what each role sees, Dutch messages next to the field for bad input
(never a 500), CSV and PDF, and query counts that stay constant as rows grow."""

import csv
import io
import os
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scope

from financiering import services
from financiering.models import Financieringsafspraak, Vordering, VorderingStatus
from financiering.models import VorderingSoort as V
from organisaties.models import Rol
from tests.factories import lid
from trajecten.models import DeelnameStatus as S
from werving.models import Kandidaat

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak, vakopleiding_af

NBSP = "\u00a0"


def url(naam, regio, query="", **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs}) + query


@pytest.fixture
def financier(wereld, fonds):
    return lid(wereld.regio_a, Rol.FINANCIER, organisatie=fonds)


def vul(traject, regisseur, gemeente, n, *, klantmanager=None):
    """n deelnemers of `gemeente` who start; half of them also complete the vakopleiding.
    With a klantmanager, every claim is approved and then paid."""
    deelnames = meld_aan(traject, regisseur, n, gemeente=gemeente)
    with scope(regio=traject.regio_id):
        for i, d in enumerate(deelnames):
            ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
            services.maak_vordering(deelname=d, soort=V.START)
            if i % 2 == 0:
                vakopleiding_af(d, regisseur)
                services.maak_vordering(deelname=d, soort=V.RESULTAAT_I)
        if klantmanager:
            for v in Vordering.objects.filter(status=VorderingStatus.INGEDIEND):
                if v.gemeente_id == gemeente.pk:
                    services.beoordeel_vordering(vordering=v, door=klantmanager, akkoord=True)
                    services.registreer_betaling(
                        vordering=v, door=regisseur, betaald_op=date(2026, 1, 1)
                    )
    return deelnames


@pytest.fixture
def gefinancierd(wereld, traject, regisseur, fonds):
    pilot2_afspraak(traject, regisseur, fonds)
    with scope(regio=wereld.regio_a.pk):
        services.boek_inleg(
            regio=wereld.regio_a,
            fonds=fonds,
            door=regisseur,
            bedrag=D(65000),
            datum=date(2026, 1, 1),
        )
        services.boek_voorfinanciering(
            regio=wereld.regio_a,
            fonds=fonds,
            traject=traject,
            door=regisseur,
            bedrag=D(65000),
            datum=date(2026, 1, 1),
        )
    return traject


# ---- What each role sees --------------------------------------------------------------------


def test_procesregisseur_ziet_alles(client, wereld, gefinancierd, regisseur, gemeenten, fonds):
    [d] = vul(gefinancierd, regisseur, gemeenten[0], 1)
    client.force_login(regisseur)
    pagina = client.get(url("financiering_traject", wereld.regio_a, pk=gefinancierd.pk))
    inhoud = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Voor- en resultaatfinanciering" in inhoud
    assert f"€{NBSP}65.000,00" in inhoud  # prefinanced
    assert escape(d.kandidaat.achternaam) in inhoud  # the procesregisseur sees names
    overzicht = client.get(url("financiering_overzicht", wereld.regio_a)).content.decode()
    assert escape(gefinancierd.naam) in overzicht and escape(fonds.naam) in overzicht
    assert 'href="/r/noordoost-brabant/financiering/"' in overzicht  # the menu item


def test_zonder_afspraak_staat_er_dat_er_geen_vorderingen_komen(client, wereld, traject, regisseur):
    client.force_login(regisseur)
    inhoud = client.get(url("financiering_traject", wereld.regio_a, pk=traject.pk)).content
    assert "Zonder afspraak ontstaan er geen vorderingen op gemeenten." in inhoud.decode()


def test_financier_ziet_geen_persoonsgegevens(
    client, wereld, gefinancierd, regisseur, gemeenten, financier
):
    [d] = vul(gefinancierd, regisseur, gemeenten[0], 1)
    with scope(regio=wereld.regio_a.pk):
        # Distinctive names, so that "not on the page" cannot pass or fail by accident.
        Kandidaat.objects.filter(pk=d.kandidaat_id).update(
            voornaam="Xylofonia", achternaam="Quaresmius"
        )
    client.force_login(financier)
    with scope(regio=wereld.regio_a.pk):
        v = Vordering.objects.get(deelname=d, soort=V.START)
    paginas = [
        url("financiering_overzicht", wereld.regio_a),
        url("financiering_traject", wereld.regio_a, pk=gefinancierd.pk),
        url("vordering_lijst", wereld.regio_a),
        url("vordering_detail", wereld.regio_a, pk=v.pk),
        url("specificatie", wereld.regio_a, "?van=2020-01-01&tot=2030-12-31"),
        url("specificatie_csv", wereld.regio_a, "?van=2020-01-01&tot=2030-12-31"),
    ]
    for p in paginas:
        response = client.get(p)
        assert response.status_code == 200, p
        inhoud = response.content.decode()
        assert "Xylofonia" not in inhoud and "Quaresmius" not in inhoud, p
    assert (
        f"(deelname {d.pk})" in client.get(url("vordering_lijst", wereld.regio_a)).content.decode()
    )


def test_financier_ziet_alleen_eigen_fondsen_en_trajecten(
    client, wereld, gefinancierd, fonds, traject
):
    andere = wereld.per_rol[Rol.FINANCIER]  # an O&O-fonds that does not finance this traject
    client.force_login(andere)
    assert client.get(url("financiering_traject", wereld.regio_a, pk=traject.pk)).status_code == 404
    assert client.get(url("fonds_detail", wereld.regio_a, fonds_pk=fonds.pk)).status_code == 404
    assert (
        gefinancierd.naam
        not in client.get(url("financiering_overzicht", wereld.regio_a)).content.decode()
    )


def test_klantmanager_beoordeelt_eigen_vorderingen(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers
):
    [eigen] = vul(gefinancierd, regisseur, gemeenten[0], 1)
    [ander] = vul(gefinancierd, regisseur, gemeenten[1], 1)
    with scope(regio=wereld.regio_a.pk):
        v_eigen = Vordering.objects.get(deelname=eigen, soort=V.START)
        v_ander = Vordering.objects.get(deelname=ander, soort=V.START)
    client.force_login(klantmanagers[0])
    overzicht = client.get(url("financiering_overzicht", wereld.regio_a)).content.decode()
    assert v_eigen.nummer in overzicht and v_ander.nummer not in overzicht
    assert escape(eigen.kandidaat.achternaam) in overzicht  # own gemeente: the name is fine
    assert client.get(url("vordering_detail", wereld.regio_a, pk=v_ander.pk)).status_code == 404
    assert client.get(url("vordering_beoordelen", wereld.regio_a, pk=v_ander.pk)).status_code == 404

    beoordelen = url("vordering_beoordelen", wereld.regio_a, pk=v_eigen.pk)
    response = client.post(beoordelen, {"besluit": "afwijzen", "reden": ""})
    assert response.status_code == 200
    assert "Geef de reden van afwijzen; de procesregisseur ziet die." in response.content.decode()
    response = client.post(beoordelen, {"besluit": "misschien"})
    assert response.status_code == 200
    assert "Kies besluit uit de lijst." in response.content.decode()
    # Rejecting asks for confirmation first; until then nothing changes.
    response = client.post(beoordelen, {"besluit": "afwijzen", "reden": "Woont elders"})
    assert "Weet u zeker dat u deze vordering afwijst?" in response.content.decode()
    assert 'name="bevestigd" value="ja"' in response.content.decode()
    v_eigen.refresh_from_db()
    assert v_eigen.status == VorderingStatus.INGEDIEND
    response = client.post(beoordelen, {"besluit": "akkoord", "reden": ""})
    assert response.status_code == 302
    v_eigen.refresh_from_db()
    assert v_eigen.status == VorderingStatus.GOEDGEKEURD
    # A second decision is refused with a message, not an error page.
    response = client.post(beoordelen, {"besluit": "akkoord"})
    assert response.status_code == 200
    assert "al beoordeeld" in response.content.decode()


def test_procesregisseur_registreert_betaling(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers, fonds
):
    [d] = vul(gefinancierd, regisseur, gemeenten[0], 1)
    with scope(regio=wereld.regio_a.pk):
        v = Vordering.objects.get(deelname=d, soort=V.START)
        services.beoordeel_vordering(vordering=v, door=klantmanagers[0], akkoord=True)
    client.force_login(regisseur)
    betaling = url("vordering_betaling", wereld.regio_a, pk=v.pk)
    response = client.post(betaling, {"betaald_op": "2099-01-01"})
    assert "Deze datum ligt in de toekomst." in response.content.decode()
    response = client.post(betaling, {"betaald_op": "gisteren"})
    assert (
        "Vul betaald op in als dag-maand-jaar, bijvoorbeeld 1-3-2027." in response.content.decode()
    )
    response = client.post(betaling, {"betaald_op": "2026-03-01", "kenmerk": "NL-123"})
    assert response.status_code == 302
    fonds_pagina = client.get(
        url("fonds_detail", wereld.regio_a, fonds_pk=fonds.pk)
    ).content.decode()
    assert f"€{NBSP}1.000,00" in fonds_pagina  # available again in the fund


# ---- The agreement form -----------------------------------------------------------------


def afspraak_data(fonds, regels, **extra):
    data = {
        "soort": "voor_resultaat",
        "fonds": fonds.pk if fonds else "",
        "regels-TOTAL_FORMS": str(len(regels)),
        "regels-INITIAL_FORMS": "0",
        "regels-MIN_NUM_FORMS": "0",
        "regels-MAX_NUM_FORMS": "30",
    }
    for i, regel in enumerate(regels):
        data.update({f"regels-{i}-{k}": v for k, v in regel.items()})
    data.update(extra)
    return data


def test_afspraak_vastleggen_met_nederlandse_bedragen(client, wereld, traject, regisseur, fonds):
    client.force_login(regisseur)
    doel = url("afspraak_bewerken", wereld.regio_a, pk=traject.pk)
    assert client.get(doel).status_code == 200
    response = client.post(
        doel,
        afspraak_data(
            fonds,
            [
                {
                    "financier": "",
                    "start_per_kandidaat": "1.000",
                    "resultaat_1_per_kandidaat": "1500,00",
                    "resultaat_2_per_kandidaat": "€ 2.250,50",
                },
                {"financier": fonds.pk, "voorfinanciering": "65.000"},
                {},  # an empty extra line is ignored
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    with scope(regio=wereld.regio_a.pk):
        afspraak = Financieringsafspraak.objects.get(traject=traject)
        regels = {r.financier_id: r for r in afspraak.regels.all()}
    assert regels[None].start_per_kandidaat == D(1000)
    assert regels[None].resultaat_2_per_kandidaat == D("2250.50")
    assert regels[fonds.pk].voorfinanciering == D(65000)
    # The form shows the amounts again, Dutch style, and saving again keeps them.
    herhaald = client.get(doel).content.decode()
    assert 'value="2250,50"' in herhaald


@pytest.mark.parametrize(
    ("regel", "veld", "melding"),
    [
        (
            {"start_per_kandidaat": "duizend"},
            "start_per_kandidaat",
            "Vul een bedrag in euro&#x27;s in",
        ),
        (
            {"start_per_kandidaat": "-5"},
            "start_per_kandidaat",
            "Een bedrag kan niet negatief zijn.",
        ),
        ({"start_per_kandidaat": "1,234"}, "start_per_kandidaat", "hoogstens twee cijfers"),
        ({"start_per_kandidaat": "99999999999"}, "start_per_kandidaat", "Dit bedrag is te groot."),
        (
            {"start_per_kandidaat": "1000", "aandeel_procent": "120"},
            "aandeel_procent",
            "hoogstens 100",
        ),
    ],
)
def test_foute_bedragen_geven_een_melding_bij_het_veld(
    client, wereld, traject, regisseur, fonds, regel, veld, melding
):
    client.force_login(regisseur)
    response = client.post(
        url("afspraak_bewerken", wereld.regio_a, pk=traject.pk),
        afspraak_data(fonds, [{"financier": "", **regel}]),
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert melding in inhoud
    assert f'id="id_regels-0-{veld}_error"' in inhoud  # next to the field


def test_regels_van_de_service_komen_bij_de_juiste_regel(
    client, wereld, traject, regisseur, fonds, gemeenten
):
    client.force_login(regisseur)
    response = client.post(
        url("afspraak_bewerken", wereld.regio_a, pk=traject.pk),
        afspraak_data(
            fonds,
            [
                {},  # an empty line first: indexes of the form and the service differ
                {"financier": gemeenten[0].pk, "start_per_kandidaat": "1000"},
                {"financier": fonds.pk, "start_per_kandidaat": "1000"},
            ],
        ),
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert 'id="id_regels-2-start_per_kandidaat_error"' in inhoud
    assert "Bedragen per kandidaat betaalt de gemeente" in inhoud


def test_cofinanciering_moet_samen_100_procent_zijn(
    client, wereld, traject, regisseur, fonds, gemeenten
):
    client.force_login(regisseur)
    response = client.post(
        url("afspraak_bewerken", wereld.regio_a, pk=traject.pk),
        afspraak_data(
            None,
            [
                {"financier": fonds.pk, "aandeel_procent": "40"},
                {"financier": gemeenten[0].pk, "aandeel_procent": "50"},
            ],
            soort="cofinanciering",
        ),
    )
    assert "De aandelen van de financiers moeten samen 100% zijn (nu 90%)." in (
        response.content.decode()
    )


def test_voor_en_resultaat_vraagt_een_fonds(client, wereld, traject, regisseur):
    client.force_login(regisseur)
    response = client.post(
        url("afspraak_bewerken", wereld.regio_a, pk=traject.pk),
        afspraak_data(None, [{"start_per_kandidaat": "1000"}]),
    )
    inhoud = response.content.decode()
    assert 'id="id_fonds_error"' in inhoud
    assert "Kies het O&amp;O-fonds waarin de start- en resultaatfinanciering terugvloeit." in inhoud


def test_kapotte_formset_geeft_geen_500(client, wereld, traject, regisseur, fonds):
    client.force_login(regisseur)
    response = client.post(
        url("afspraak_bewerken", wereld.regio_a, pk=traject.pk), {"soort": "subsidie"}
    )
    assert response.status_code == 200


# ---- Budget, costs, bookings ---------------------------------------------------------------


def test_begroting_en_uitgaven_en_vergelijking_met_vorige_ronde(client, wereld, traject, regisseur):
    from trajecten import services as traject_services

    client.force_login(regisseur)
    begroting = {
        "werving_begeleiding": "45.000",
        "vakopleiding": "27.500",
        "vca": "5.000",
        "procesregie": "12.500",
        "ontwikkeling": "16.000",
    }
    response = client.post(url("begroting_bewerken", wereld.regio_a, pk=traject.pk), begroting)
    assert response.status_code == 302
    inhoud = client.get(url("financiering_traject", wereld.regio_a, pk=traject.pk)).content.decode()
    # (45,000 + 27,500 + 5,000 + 12,500) / 10 planned deelnemers = 9,000, development excluded.
    assert f"€{NBSP}9.000,00" in inhoud and "(erbinnen)" in inhoud

    with scope(regio=wereld.regio_a.pk):
        ronde2 = traject_services.start_nieuwe_ronde(
            traject=traject, door=regisseur, start=date(2027, 6, 1)
        )
    client.post(
        url("begroting_bewerken", wereld.regio_a, pk=ronde2.pk),
        {**begroting, "werving_begeleiding": "38.250", "ontwikkeling": ""},
    )
    inhoud = client.get(url("financiering_traject", wereld.regio_a, pk=ronde2.pk)).content.decode()
    # 83,250 / 10 = 8,325 against 9,000: 7.5% cheaper.
    assert f"€{NBSP}8.325,00" in inhoud and "-7,5%" in inhoud

    uitgave = url("uitgave_toevoegen", wereld.regio_a, pk=traject.pk)
    response = client.post(
        uitgave, {"categorie": "vca", "datum": "2026-02-01", "omschrijving": "", "bedrag": "0"}
    )
    inhoud = response.content.decode()
    assert "Vul omschrijving in." in inhoud
    response = client.post(
        uitgave,
        {"categorie": "vca", "datum": "2026-02-01", "omschrijving": "VCA-examens", "bedrag": "0"},
    )
    assert "Een uitgave van € 0 hoeft u niet te boeken." in response.content.decode()
    response = client.post(
        uitgave,
        {
            "categorie": "vca",
            "datum": "2026-02-01",
            "omschrijving": "VCA-examens",
            "bedrag": "4.750",
        },
    )
    assert response.status_code == 302


def test_boeken_met_meldingen_bij_het_veld(client, wereld, traject, regisseur, fonds):
    client.force_login(regisseur)
    doel = url("boeking_nieuw", wereld.regio_a, fonds_pk=fonds.pk)
    response = client.post(
        doel,
        {
            "soort": "voorfinanciering",
            "traject": traject.pk,
            "bedrag": "1.000",
            "datum": "2026-01-02",
        },
    )
    inhoud = response.content.decode()
    assert 'id="id_bedrag_error"' in inhoud
    assert f"Het fonds heeft €{NBSP}0,00 beschikbaar." in inhoud
    response = client.post(
        doel, {"soort": "voorfinanciering", "traject": "", "bedrag": "1", "datum": "2026-01-02"}
    )
    assert "Kies het traject." in response.content.decode()
    response = client.post(doel, {"soort": "inleg", "bedrag": "10.000", "datum": "2026-01-02"})
    assert response.status_code == 302
    pagina = client.get(url("fonds_detail", wereld.regio_a, fonds_pk=fonds.pk)).content.decode()
    assert f"€{NBSP}10.000,00" in pagina and "Corrigeren" in pagina


# ---- Specification: page, CSV, PDF ----------------------------------------------------------


def test_specificatie_csv(client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers):
    vul(gefinancierd, regisseur, gemeenten[0], 2, klantmanager=klantmanagers[0])
    vul(gefinancierd, regisseur, gemeenten[1], 1)
    client.force_login(klantmanagers[0])
    query = f"?gemeente={gemeenten[0].pk}&van=2020-01-01&tot=2030-12-31"
    response = client.get(url("specificatie_csv", wereld.regio_a, query))
    assert response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "Gemeente"
    assert len(rijen) == 1 + 3  # 2 start + 1 resultaat I, only the own gemeente
    assert {r[0] for r in rijen[1:]} == {gemeenten[0].naam}
    assert sorted(r[7] for r in rijen[1:]) == ["1000,00", "1000,00", "1500,00"]
    assert {r[6] for r in rijen[1:]} == {"Betaald"}


def test_specificatie_xlsx_met_bedragen_als_getal_en_gelogd(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers
):
    from openpyxl import load_workbook

    from werving.models import Raadpleging

    vul(gefinancierd, regisseur, gemeenten[0], 2, klantmanager=klantmanagers[0])
    client.force_login(klantmanagers[0])
    query = f"?gemeente={gemeenten[0].pk}&van=2020-01-01&tot=2030-12-31"
    response = client.get(url("specificatie_xlsx", wereld.regio_a, query))
    assert response["Content-Disposition"].endswith('.xlsx"')
    rijen = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rijen[0][0] == "Gemeente" and len(rijen) == 1 + 3
    assert sorted(r[7] for r in rijen[1:]) == [1000, 1000, 1500]  # numbers, to add up
    with scope(regio=wereld.regio_a.pk):
        soorten = set(Raadpleging.objects.values_list("onderdeel", "route"))
    assert soorten == {("specificatie van vorderingen (XLSX)", "specificatie_xlsx")}
    # Bad input goes back to the form, as for the CSV.
    response = client.get(url("specificatie_xlsx", wereld.regio_a, "?van=x"))
    assert response.status_code == 302


def test_specificatie_met_foute_datum(client, wereld, regisseur):
    client.force_login(regisseur)
    response = client.get(url("specificatie", wereld.regio_a, "?van=2026-13-45"))
    assert response.status_code == 200
    assert "als dag-maand-jaar, bijvoorbeeld 1-3-2027." in response.content.decode()
    response = client.get(url("specificatie", wereld.regio_a, "?van=2026-06-01&tot=2026-01-01"))
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    # The downloads send bad input back to the form.
    response = client.get(url("specificatie_csv", wereld.regio_a, "?van=x"))
    assert response.status_code == 302 and "specificatie/?van=x" in response["Location"]


def test_specificatie_pdf(client, wereld, gefinancierd, regisseur, gemeenten):
    vul(gefinancierd, regisseur, gemeenten[0], 1)
    client.force_login(regisseur)
    response = client.get(url("specificatie_pdf", wereld.regio_a, "?van=2020-01-01&tot=2030-12-31"))
    assert response.status_code == 200
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        # CI installs Pango (.ci/run): there the real PDF must be made.
        assert not os.environ.get("CI"), "WeasyPrint kan niet laden in CI"
        assert "PDF niet beschikbaar" in response.content.decode()
    else:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        # Made by the shared renderer (documenten/renderer.py); read it back.
        from tests.documenten.conftest import pdf_tekst

        tekst = pdf_tekst(response.content)
        assert "Specificatie vorderingen" in tekst and gemeenten[0].naam in tekst
        assert "1.000,00" in tekst


def test_pdf_haalt_alleen_eigen_statische_bestanden(settings):
    from documenten.renderer import statisch_bestand

    assert statisch_bestand("http://testserver/static/css/pdf.css").endswith("css/pdf.css")
    for url_ in [
        "https://voorbeeld.nl/static/css/pdf.css",  # fine: only the path counts, never fetched
    ]:
        assert statisch_bestand(url_).endswith("css/pdf.css")
    for verboden in [
        "http://testserver/media/geheim.pdf",
        "file:///etc/passwd",
        "http://testserver/static/../config/settings.py",
        "http://testserver/static/bestaat-niet.css",
    ]:
        with pytest.raises(ValueError, match="static"):
            statisch_bestand(verboden)


# ---- Business case -------------------------------------------------------------------------


def test_businesscase_toont_de_seed_tabel(client, wereld, regisseur):
    client.force_login(regisseur)
    inhoud = client.get(url("businesscase", wereld.regio_a)).content.decode()
    for bedrag in ["4.987.500", "175.000", "525.000", "1.254.000", "3.033.500"]:
        assert f"€{NBSP}{bedrag}" in inhoud
    assert "44 uitvallers" in inhoud


def test_businesscase_met_eigen_invoer_en_fouten(client, wereld, regisseur):
    client.force_login(regisseur)
    query = (
        "?uitkering_per_jaar=19.000&maanden=6&startbedrag=1000&resultaatbedrag=4000"
        "&starters=1&slagingspercentage=100"
    )
    inhoud = client.get(url("businesscase", wereld.regio_a, query)).content.decode()
    assert f"€{NBSP}9.500" in inhoud and f"€{NBSP}4.500" in inhoud
    response = client.get(url("businesscase", wereld.regio_a, "?starters=-5&maanden=abc"))
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert 'id="id_starters_error"' in inhoud and 'id="id_maanden_error"' in inhoud
    assert "een heel getal in, bijvoorbeeld 12." in inhoud


def test_businesscase_uit_werkelijke_resultaten(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers
):
    deelnames = vul(gefinancierd, regisseur, gemeenten[0], 3, klantmanager=klantmanagers[0])
    vul(gefinancierd, regisseur, gemeenten[1], 2)
    ga_naar(deelnames[0], regisseur, S.IN_DIENST, contract_maanden=12)
    client.force_login(klantmanagers[0])
    inhoud = client.get(url("businesscase", wereld.regio_a)).content.decode()
    assert escape(gemeenten[0].naam) in inhoud and escape(gemeenten[1].naam) not in inhoud
    # 3 starters × 28,500 saved − (2 drop-outs × 28,500) − 3,000 start − 3,000 resultaat I.
    assert f"€{NBSP}22.500" in inhoud


# ---- Query counts --------------------------------------------------------------------------


def kosten(traject, regisseur, n):
    """n costs and a correction of the first: attribution bookings and reversals."""
    with scope(regio=traject.regio_id):
        uitgaven = [
            services.boek_uitgave(
                traject=traject,
                door=regisseur,
                categorie="begeleiding",
                datum=date(2026, 2, 1),
                omschrijving="Coaching",
                bedrag=D(1000 + i),
            )
            for i in range(n)
        ]
        services.corrigeer_uitgave(
            uitgave=uitgaven[0], door=regisseur, bedrag=D(900), reden="Creditnota"
        )


PAGINAS = [
    ("financiering_overzicht", Rol.PROCESREGISSEUR, {}),
    ("financiering_overzicht", Rol.KLANTMANAGER, {}),
    ("financiering_traject", Rol.PROCESREGISSEUR, {"pk": "traject"}),
    ("vordering_lijst", Rol.PROCESREGISSEUR, {}),
    ("vordering_lijst", Rol.FINANCIER, {}),
    ("fonds_detail", Rol.PROCESREGISSEUR, {"fonds_pk": "fonds"}),
    ("specificatie", Rol.PROCESREGISSEUR, {}),
    ("specificatie_csv", Rol.PROCESREGISSEUR, {}),
    ("businesscase", Rol.PROCESREGISSEUR, {}),
    ("financiering_overzicht", Rol.FINANCIER, {}),
    ("fonds_detail", Rol.FINANCIER, {"fonds_pk": "fonds"}),
    ("vordering_lijst", Rol.KLANTMANAGER, {}),
    ("businesscase", Rol.KLANTMANAGER, {}),
    ("financiering_traject", Rol.FINANCIER, {"pk": "traject"}),
    ("financiersoverzicht", Rol.PROCESREGISSEUR, {"pk": "traject", "fpk": "fonds"}),
    ("financiersoverzicht", Rol.FINANCIER, {"pk": "traject", "fpk": "fonds"}),
    ("financiersoverzicht_csv", Rol.FINANCIER, {"pk": "traject", "fpk": "fonds"}),
]


@pytest.mark.parametrize(
    ("pagina", "rol", "kwargs"), PAGINAS, ids=[f"{p}-{r}" for p, r, _ in PAGINAS]
)
def test_aantal_queries_constant(
    client,
    wereld,
    gefinancierd,
    regisseur,
    gemeenten,
    klantmanagers,
    fonds,
    financier,
    pagina,
    rol,
    kwargs,
    django_assert_max_num_queries,
):
    gebruiker = {
        Rol.PROCESREGISSEUR: regisseur,
        Rol.KLANTMANAGER: klantmanagers[0],
        Rol.FINANCIER: financier,
    }[rol]
    waarden = {"traject": gefinancierd.pk, "fonds": fonds.pk}
    doel = url(
        pagina,
        wereld.regio_a,
        "?van=2020-01-01&tot=2030-12-31" if pagina.startswith("specificatie") else "",
        **{k: waarden[v] for k, v in kwargs.items()},
    )
    vul(gefinancierd, regisseur, gemeenten[0], 2, klantmanager=klantmanagers[0])
    vul(gefinancierd, regisseur, gemeenten[1], 1)
    kosten(gefinancierd, regisseur, 2)
    client.force_login(gebruiker)
    client.get(doel)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(doel).status_code == 200
    # More deelnemers, claims, bookings, gemeenten and trajecten.
    vul(gefinancierd, regisseur, gemeenten[0], 3, klantmanager=klantmanagers[0])
    vul(gefinancierd, regisseur, gemeenten[1], 3, klantmanager=klantmanagers[1])
    kosten(gefinancierd, regisseur, 5)
    from tests.factories import maak_traject

    tweede = maak_traject(wereld.regio_a, regisseur, gemeenten=1)
    pilot2_afspraak(tweede, regisseur, fonds, voorfinanciering="1000")
    with scope(regio=wereld.regio_a.pk):
        services.boek_inleg(
            regio=wereld.regio_a,
            fonds=fonds,
            door=regisseur,
            bedrag=D(1000),
            datum=date(2026, 1, 1),
        )
        services.boek_voorfinanciering(
            regio=wereld.regio_a,
            fonds=fonds,
            traject=tweede,
            door=regisseur,
            bedrag=D(1000),
            datum=date(2026, 1, 1),
        )
    with django_assert_max_num_queries(len(weinig)):
        assert client.get(doel).status_code == 200


# ---- Corrections through the pages -----------------------------------------------------------


def test_tegenboeking_en_betaling_terugdraaien_via_de_paginas(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers, fonds
):
    [d] = vul(gefinancierd, regisseur, gemeenten[0], 1, klantmanager=klantmanagers[0])
    with scope(regio=wereld.regio_a.pk):
        v = Vordering.objects.get(deelname=d, soort=V.START)
        inleg = services.boek_inleg(
            regio=wereld.regio_a, fonds=fonds, door=regisseur, bedrag=D(500), datum=date(2026, 2, 1)
        )
        betaling = v.boekingen.get(soort="ontvangst")
    client.force_login(regisseur)

    corrigeren = url("boeking_corrigeren", wereld.regio_a, fonds_pk=fonds.pk, bpk=inleg.pk)
    response = client.post(corrigeren, {"reden": ""})
    assert "Vul reden in." in response.content.decode()
    assert client.post(corrigeren, {"reden": "Dubbel ingevoerd"}).status_code == 302
    response = client.post(corrigeren, {"reden": "Nog eens"})
    assert "Deze boeking is al gecorrigeerd." in response.content.decode()
    # A claim's booking is corrected through the claim, not here.
    response = client.post(
        url("boeking_corrigeren", wereld.regio_a, fonds_pk=fonds.pk, bpk=betaling.pk),
        {"reden": "Verkeerd"},
    )
    assert "corrigeer haar via de vordering" in response.content.decode()

    terug = url("betaling_terugdraaien", wereld.regio_a, pk=v.pk)
    assert client.post(terug, {"reden": "Andere vordering bedoeld"}).status_code == 302
    v.refresh_from_db()
    assert v.status == VorderingStatus.GOEDGEKEURD
    assert "Dit kan niet bij de huidige status" in client.get(terug).content.decode()


def test_afgewezen_vordering_opnieuw_indienen(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers
):
    [d] = vul(gefinancierd, regisseur, gemeenten[0], 1)
    with scope(regio=wereld.regio_a.pk):
        v = Vordering.objects.get(deelname=d, soort=V.START)
        services.beoordeel_vordering(
            vordering=v, door=klantmanagers[0], akkoord=False, reden="Woont in Oss"
        )
    client.force_login(regisseur)
    detail = client.get(url("vordering_detail", wereld.regio_a, pk=v.pk)).content.decode()
    assert "Woont in Oss" in detail and "Opnieuw indienen" in detail
    opnieuw = url("vordering_opnieuw", wereld.regio_a, pk=v.pk)
    assert "Beantwoord deze vraag." in client.post(opnieuw, {"toelichting": ""}).content.decode()
    assert client.post(opnieuw, {"toelichting": "Verhuisd, nu Amsterdam"}).status_code == 302
    v.refresh_from_db()
    assert v.status == VorderingStatus.INGEDIEND


# ---- Cofinanciering through the pages (issue 14) ---------------------------------------------


def test_dekking_uitgaven_in_natura_correctie_en_overzicht_via_de_paginas(
    client, wereld, traject, regisseur, fonds, gemeenten
):
    from financiering.models import Toerekening

    gemeente = gemeenten[0]
    pilot2_afspraak(traject, regisseur, fonds)
    client.force_login(regisseur)
    dekking = url("dekking_bewerken", wereld.regio_a, pk=traject.pk)
    beheer = {"dekking-TOTAL_FORMS": "2", "dekking-INITIAL_FORMS": "0"}
    response = client.post(
        dekking,
        {
            **beheer,
            "dekking-0-financier": gemeente.pk,
            "dekking-0-categorie": "reiskosten",
            "dekking-0-procent": "60",
            "dekking-1-financier": fonds.pk,
            "dekking-1-categorie": "reiskosten",
            "dekking-1-procent": "50",
        },
    )
    assert "Reiskosten: de financiers dekken samen meer dan 100% (110%)." in (
        response.content.decode()
    )
    response = client.post(
        dekking,
        {
            **beheer,
            "dekking-0-financier": gemeente.pk,
            "dekking-0-categorie": "reiskosten",
            "dekking-0-maximum": "1.000",
            "dekking-1-financier": fonds.pk,
            "dekking-1-categorie": "vakopleiding",
            "dekking-1-maximum": "27.500",
            "dekking-1-in_natura": "on",
        },
    )
    assert response.status_code == 302
    nieuw = url("uitgave_toevoegen", wereld.regio_a, pk=traject.pk)
    for data in [
        {"categorie": "reiskosten", "bedrag": "1.200,00"},
        {"categorie": "vakopleiding", "bedrag": "27.500", "in_natura_door": fonds.pk},
    ]:
        response = client.post(nieuw, {"datum": "2026-02-01", "omschrijving": "Factuur", **data})
        assert response.status_code == 302
    response = client.post(
        nieuw,
        {"categorie": "vca", "datum": "2026-02-01", "omschrijving": "Fout", "bedrag": "-5"},
    )
    assert "Een bedrag kan niet negatief zijn." in response.content.decode()

    with scope(regio=wereld.regio_a.pk):
        reis = Toerekening.objects.filter(categorie="reiskosten").first().uitgave
    corrigeren = url("uitgave_corrigeren", wereld.regio_a, pk=traject.pk, upk=reis.pk)
    assert "Vul reden in." in client.post(corrigeren, {"bedrag": "900"}).content.decode()
    assert client.post(corrigeren, {"bedrag": "900", "reden": "Creditnota"}).status_code == 302
    betaling = url("financiersbetaling_toevoegen", wereld.regio_a, pk=traject.pk)
    response = client.post(
        betaling, {"financier": gemeente.pk, "bedrag": "900", "datum": "2026-03-01"}
    )
    assert response.status_code == 302

    inhoud = client.get(url("financiering_traject", wereld.regio_a, pk=traject.pk)).content
    inhoud = inhoud.decode()
    assert "Dekking van de ronde" in inhoud and "Deel van de voorfinanciering terug" in inhoud
    assert f"€{NBSP}27.500,00 in natura" in inhoud
    overzicht = url("financiersoverzicht", wereld.regio_a, pk=traject.pk, fpk=gemeente.pk)
    inhoud = client.get(overzicht).content.decode()
    assert "Factuur" in inhoud  # the procesregisseur sees what each cost was
    assert inhoud.count("tegenboeking") >= 1
    rijen = list(
        csv.reader(
            io.StringIO(
                client.get(
                    url("financiersoverzicht_csv", wereld.regio_a, pk=traject.pk, fpk=gemeente.pk)
                ).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    # Version 1: 1,000 of the 1,200 (its maximum); corrected to 900: reversal, version 2.
    bedragen = [r[-1] for r in rijen[1:] if r[2].startswith("U")]
    assert bedragen == ["1000,00", "-1000,00", "900,00"]
    assert [rijen[-1][2], rijen[-1][-1]] == ["Nog open", "0,00"]


def test_financier_ziet_geen_omschrijving_van_uitgaven(
    client, wereld, gefinancierd, regisseur, fonds, financier
):
    with scope(regio=wereld.regio_a.pk):
        services.boek_uitgave(
            traject=gefinancierd,
            door=regisseur,
            categorie="begeleiding",
            datum=date(2026, 2, 1),
            omschrijving="Reiskosten Xylofonia",
            bedrag=D(100),
        )
    client.force_login(financier)
    for naam in ["financiersoverzicht", "financiersoverzicht_csv", "financiering_traject"]:
        kwargs = {"pk": gefinancierd.pk}
        if naam != "financiering_traject":
            kwargs["fpk"] = fonds.pk
        response = client.get(url(naam, wereld.regio_a, **kwargs))
        assert response.status_code == 200
        assert "Xylofonia" not in response.content.decode(), naam


def test_overzicht_financier_als_pdf(client, wereld, gefinancierd, regisseur, fonds):
    client.force_login(regisseur)
    response = client.get(
        url("financiersoverzicht_pdf", wereld.regio_a, pk=gefinancierd.pk, fpk=fonds.pk)
    )
    if response["Content-Type"] != "application/pdf":
        assert not os.environ.get("CI"), "CI installeert Pango; de PDF moet er zijn"
        assert "PDF niet beschikbaar" in response.content.decode()
        return
    assert response.content.startswith(b"%PDF")


def test_overzicht_toont_lopende_rondes_met_filter_voor_alle(
    client, wereld, gefinancierd, regisseur, financier
):
    from trajecten.models import Traject, TrajectStatus

    for gebruiker in (regisseur, financier):
        client.force_login(gebruiker)
        assert gefinancierd.naam in client.get(url("financiering_overzicht", wereld.regio_a)).text
    with scope(regio=wereld.regio_a.pk):
        Traject.objects.filter(pk=gefinancierd.pk).update(status=TrajectStatus.AFGESLOTEN)
    for gebruiker in (regisseur, financier):
        client.force_login(gebruiker)
        lopend = client.get(url("financiering_overzicht", wereld.regio_a)).text
        alle = client.get(url("financiering_overzicht", wereld.regio_a, "?toon=alle")).text
        assert gefinancierd.naam not in lopend.split("<h2")[-1]
        assert gefinancierd.naam in alle


def test_businesscase_standaard_lopende_rondes_met_filter_voor_alle(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers
):
    from trajecten.models import Traject, TrajectStatus

    vul(gefinancierd, regisseur, gemeenten[0], 2)
    client.force_login(klantmanagers[0])
    assert escape(gefinancierd.naam) in client.get(url("businesscase", wereld.regio_a)).text
    with scope(regio=wereld.regio_a.pk):
        Traject.objects.filter(pk=gefinancierd.pk).update(status=TrajectStatus.AFGESLOTEN)
    werkelijk = client.get(url("businesscase", wereld.regio_a)).text.split("werkelijk-kop")[-1]
    assert escape(gefinancierd.naam) not in werkelijk
    alle = client.get(url("businesscase", wereld.regio_a, "?toon=alle")).text
    assert escape(gefinancierd.naam) in alle.split("werkelijk-kop")[-1]


def test_overzicht_toont_enkele_wachtende_vorderingen_en_verwijst_naar_de_lijst(
    client, wereld, gefinancierd, regisseur, gemeenten, klantmanagers, monkeypatch
):
    monkeypatch.setattr("financiering.views.OP_HET_OVERZICHT", 1)
    vul(gefinancierd, regisseur, gemeenten[0], 2)
    client.force_login(klantmanagers[0])
    inhoud = client.get(url("financiering_overzicht", wereld.regio_a)).text
    assert inhoud.count("Beoordelen<span") == 1
    assert "?status=ingediend" in inhoud and "Alle 3 in de lijst" in inhoud
