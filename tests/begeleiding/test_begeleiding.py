from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from begeleiding import selectors, services
from begeleiding.models import Presentie, Resultaat
from organisaties.models import Rol
from tests.factories import OrganisatieFactory, meld_aan
from trajecten import selectors as traject_selectors
from trajecten.models import Deelname, Mijlpaal, MijlpaalStatus
from trajecten.models import MijlpaalSoort as M

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def url(naam, regio, **kwargs):
    return reverse(naam, kwargs={"regio_slug": regio.slug, **kwargs})


def test_opleider_legt_resultaat_vast_en_de_trechter_telt_mee(
    client, wereld, traject, deelname, module, regisseur
):
    opleider = wereld.per_rol[Rol.OPLEIDER]
    client.force_login(opleider)
    pagina = client.get(url("module", wereld.regio_a, mpk=module.pk)).content.decode()
    assert str(deelname.kandidaat) in pagina
    doel = url("resultaat", wereld.regio_a, mpk=module.pk, dpk=deelname.pk)
    bewijs = SimpleUploadedFile("vca.pdf", PDF, content_type="application/pdf")
    r = client.post(
        doel, {"behaald": "on", "certificaat": "vca", "datum": "2026-11-20", "bewijs": bewijs}
    )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        res = Resultaat.objects.get(module=module, deelname=deelname)
        assert res.behaald and res.bewijs.name.endswith(".pdf")
        kpi = traject_selectors.kpi_traject(user=regisseur, regio=wereld.regio_a, traject=traject)
        assert kpi.aantal("vca") == 1
        assert Deelname.objects.get(pk=deelname.pk).vca_behaald_op == date(2026, 11, 20)
    client.force_login(regisseur)
    detail = client.get(url("traject_detail", wereld.regio_a, pk=traject.pk)).content.decode()
    assert '<td data-kpi="vca">1</td>' in detail


def test_basisvakopleiding_telt_als_vakopleiding_afgerond(
    wereld, traject, deelname, regisseur, opleider_org, in_regio_a
):
    m = services.voeg_module_toe(
        traject=traject, door=regisseur, soort="basisvakopleiding", aanbieder=opleider_org
    )
    services.leg_resultaat_vast(
        module=m,
        deelname=deelname,
        door=regisseur,
        behaald=True,
        certificaat="branche",
        datum=date(2026, 11, 1),
    )
    assert (
        traject_selectors.kpi_traject(user=regisseur, regio=wereld.regio_a, traject=traject).aantal(
            "vakopleiding"
        )
        == 1
    )
    # Niet behaald: does not count.
    services.leg_resultaat_vast(
        module=m,
        deelname=deelname,
        door=regisseur,
        behaald=False,
        certificaat="geen",
        datum=date(2026, 11, 2),
    )
    assert Resultaat.objects.get(module=m).behaald is False


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("vca.exe", b"MZ...", "niet toegestaan"),
        ("vca.pdf", b"MZ nep pdf", "geen van die drie"),
        ("groot.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024 + 1), "groter dan 5 MB"),
    ],
)
def test_bewijs_wordt_gecontroleerd(client, wereld, deelname, module, naam, inhoud, melding):
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    r = client.post(
        url("resultaat", wereld.regio_a, mpk=module.pk, dpk=deelname.pk),
        {
            "behaald": "on",
            "certificaat": "vca",
            "datum": "2026-11-20",
            "bewijs": SimpleUploadedFile(naam, inhoud),
        },
    )
    assert melding in r.content.decode()
    with scope(regio=wereld.regio_a.pk):
        assert not Resultaat.objects.exists()


def test_opleider_ziet_alleen_eigen_modules(client, wereld, traject, deelname, module, regisseur):
    ander = OrganisatieFactory(soort="opleider")
    wereld.regio_a.organisaties.add(ander)
    with scope(regio=wereld.regio_a.pk):
        vreemde = services.voeg_module_toe(
            traject=traject, door=regisseur, soort="vaktaal", aanbieder=ander
        )
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    assert client.get(url("module", wereld.regio_a, mpk=vreemde.pk)).status_code == 404
    assert (
        client.get(url("resultaat", wereld.regio_a, mpk=vreemde.pk, dpk=deelname.pk)).status_code
        == 404
    )


def test_presentie(client, wereld, deelname, module, regisseur):
    with scope(regio=wereld.regio_a.pk):
        gisteren = services.plan_sessie(
            module=module,
            door=regisseur,
            datum=date.today() - timedelta(days=1),
            locatie="Vakwijs, Oss",
        )
        morgen = services.plan_sessie(
            module=module,
            door=regisseur,
            datum=date.today() + timedelta(days=1),
            locatie="Vakwijs, Oss",
        )
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    home = client.get(url("sessies", wereld.regio_a)).content.decode()
    assert url("presentie", wereld.regio_a, spk=gisteren.pk) in home  # to record
    veld = f"d{deelname.pk}"
    assert (
        client.post(
            url("presentie", wereld.regio_a, spk=gisteren.pk), {veld: "aanwezig"}
        ).status_code
        == 302
    )
    r = client.post(url("presentie", wereld.regio_a, spk=morgen.pk), {veld: "aanwezig"})
    assert "pas op of na de dag van de sessie" in r.content.decode()
    with scope(regio=wereld.regio_a.pk):
        assert list(Presentie.objects.values_list("sessie", "aanwezigheid")) == [
            (gisteren.pk, "aanwezig")
        ]
    assert (
        url("presentie", wereld.regio_a, spk=gisteren.pk)
        not in client.get(url("sessies", wereld.regio_a)).content.decode()
    )


def test_waarschuwing_zonder_coach_of_buddy(client, wereld, traject, regisseur, in_regio_a):
    from trajecten import services as traject_services

    d = meld_aan(traject, regisseur)[0]
    for naar in ["intake", "assessment", "geselecteerd", "voorschakeltraject"]:
        traject_services.verplaats_deelname(
            deelname=d, naar=naar, door=regisseur, reden="Coach volgt"
        )
    assert selectors.zonder_begeleiding(traject=traject) == {d.pk}
    client.force_login(regisseur)
    assert (
        "Geen coach of buddy"
        in client.get(url("fasebord", wereld.regio_a, pk=traject.pk)).content.decode()
    )
    services.koppel_begeleider(deelname=d, door=regisseur, rol="buddy", naam="Kees (werkvloer)")
    assert selectors.zonder_begeleiding(traject=traject) == set()


def test_coach_moet_begeleider_zijn(client, wereld, deelname, regisseur):
    client.force_login(regisseur)
    r = client.post(
        url("coach", wereld.regio_a, dpk=deelname.pk),
        {"rol": "arbeidscoach", "persoon": wereld.per_rol[Rol.WERKGEVER].pk, "start": "2026-11-01"},
    )
    assert r.status_code == 200  # not a choice: the werkgever has no begeleider role
    r = client.post(
        url("coach", wereld.regio_a, dpk=deelname.pk),
        {"rol": "buddy", "naam": "", "start": "2026-11-01"},
    )
    assert "Kies een begeleider met een login, of vul een naam in." in r.content.decode()


def test_contactmoment_en_vervolgactie_op_de_caseload(client, wereld, deelname):
    begeleider = wereld.per_rol[Rol.BEGELEIDER]
    client.force_login(begeleider)
    doel = url("contactmoment", wereld.regio_a, dpk=deelname.pk)
    r = client.post(
        doel,
        {
            "datum": "2026-11-20",
            "kanaal": "whatsapp",
            "onderwerpen": ["wonen", "vervoer"],
            "vervolgactie": "Fiets regelen",
        },
    )
    assert (
        "Geef aan wanneer de vervolgactie klaar moet zijn." in r.content.decode()
        and 'value="Fiets regelen"' in r.content.decode()
    )
    r = client.post(doel, {"datum": "2026-11-20", "kanaal": "whatsapp", "onderwerpen": ["wonen", "vervoer"], "vervolgactie": "Fiets regelen",
                           "vervolg_datum": "2026-11-27", "vervolg_eigenaar": begeleider.pk})  # fmt: skip
    assert r.status_code == 302
    caseload = client.get(url("caseload", wereld.regio_a)).content.decode()
    assert "Fiets regelen" in caseload and str(deelname.kandidaat) in caseload
    dossier = client.get(url("dossier", wereld.regio_a, dpk=deelname.pk)).content.decode()
    assert "Wonen, Vervoer" in dossier
    with scope(regio=wereld.regio_a.pk):
        cm = deelname.contactmomenten.get()
    client.post(url("vervolg_afronden", wereld.regio_a, cpk=cm.pk), {"terug": "caseload"})
    assert "Fiets regelen" not in client.get(url("caseload", wereld.regio_a)).content.decode()


def test_begeleider_home_laadt_caseload(client, wereld, deelname):
    client.force_login(wereld.per_rol[Rol.BEGELEIDER])
    home = client.get(url("regio_home", wereld.regio_a)).content.decode()
    assert f'hx-get="{url("paneel_begeleider", wereld.regio_a)}"' in home
    paneel = client.get(url("paneel_begeleider", wereld.regio_a)).content.decode()
    assert str(deelname.kandidaat) in paneel and "Laatste contact" in paneel


def _naar_proefperiode(deelname, regisseur):
    from trajecten import services as traject_services

    traject_services.verplaats_deelname(
        deelname=deelname, naar="vakopleiding", door=regisseur, reden="Zonder resultaten"
    )
    traject_services.verplaats_deelname(
        deelname=deelname,
        naar="proefperiode",
        door=regisseur,
        gegevens={"werkgever": deelname.werkgever},
        reden="VCA bij de werkgever",
    )


@time_machine.travel(date(2026, 12, 1))
def test_evaluatie_rondt_mijlpaal_af_en_verlenging_plant_een_nieuwe(
    wereld, deelname, regisseur, in_regio_a
):
    _naar_proefperiode(deelname, regisseur)
    services.leg_evaluatie_vast(
        deelname=deelname,
        door=regisseur,
        criteria="Op tijd, veilig werken",
        uitkomst="zorgen",
        driegesprek=True,
        aanwezigen="deelnemer, werkgever, coach",
    )
    assert (
        Mijlpaal.objects.get(deelname=deelname, soort=M.EVALUATIE_1).status == MijlpaalStatus.GEDAAN
    )
    with pytest.raises(Exception, match="verlengd"):
        services.leg_evaluatie_vast(
            deelname=deelname,
            door=regisseur,
            criteria="x",
            uitkomst="zorgen",
            besluit="verlengen",
            verlengd_tot=None,
        )
    services.leg_evaluatie_vast(
        deelname=deelname,
        door=regisseur,
        criteria="x",
        uitkomst="zorgen",
        besluit="verlengen",
        verlengd_tot=date(2027, 3, 1),
    )
    assert (
        Mijlpaal.objects.get(deelname=deelname, soort=M.EVALUATIE_2).status == MijlpaalStatus.GEDAAN
    )
    verlenging = Mijlpaal.objects.get(deelname=deelname, soort=M.EVALUATIE_VERLENGING)
    assert (verlenging.vervaldatum, verlenging.status) == (date(2027, 3, 1), MijlpaalStatus.OPEN)


@time_machine.travel(date(2026, 12, 1))
def test_besluit_in_dienst_leidt_naar_het_contract(client, wereld, deelname, regisseur):
    with scope(regio=wereld.regio_a.pk):
        _naar_proefperiode(deelname, regisseur)
    client.force_login(regisseur)
    client.post(
        url("evaluatie", wereld.regio_a, dpk=deelname.pk),
        {
            "datum": "2026-12-01",
            "criteria": "Zelfstandig werken",
            "uitkomst": "op_koers",
            "besluit": "in_dienst",
        },
    )
    dossier = client.get(url("dossier", wereld.regio_a, dpk=deelname.pk)).content.decode()
    assert (
        url(
            "deelname_overgang",
            wereld.regio_a,
            pk=deelname.traject_id,
            dpk=deelname.pk,
            naar="in_dienst",
        )
        in dossier
    )


@time_machine.travel(date(2027, 2, 1))
def test_nazorgcontacten_en_peilmoment(wereld, deelname, regisseur, in_regio_a):
    from trajecten import services as traject_services

    _naar_proefperiode(deelname, regisseur)
    contract = {
        "contract_start": date(2027, 2, 1),
        "contract_duur_maanden": 12,
        "contract_uren_per_week": 36,
        "cao": "Cao Bouw",
        "contract_afwijking_reden": "",
    }
    traject_services.verplaats_deelname(
        deelname=deelname,
        naar="in_dienst",
        door=regisseur,
        gegevens=contract,
        reden="Evaluaties mondeling gedaan",
    )
    services.leg_nazorgcontact_vast(
        deelname=deelname, door=regisseur, kanaal="telefoon", nog_in_dienst=True
    )
    services.leg_nazorgcontact_vast(
        deelname=deelname, door=regisseur, kanaal="persoonlijk", nog_in_dienst=True
    )
    status = dict(Mijlpaal.objects.filter(deelname=deelname).values_list("soort", "status"))
    assert status[M.NAZORG_1] == status[M.NAZORG_3] == MijlpaalStatus.GEDAAN
    assert status[M.RETENTIE_12] == MijlpaalStatus.OPEN
    services.leg_nazorgcontact_vast(
        deelname=deelname,
        door=regisseur,
        kanaal="telefoon",
        nog_in_dienst=True,
        peilmoment=6,
        contract_verlengd_tot=date(2028, 2, 1),
    )
    assert (
        Mijlpaal.objects.get(deelname=deelname, soort=M.CONTRACT_6_MAANDEN).status
        == MijlpaalStatus.GEDAAN
    )


def test_uitval_met_alternatief_en_herstart_in_een_latere_ronde(
    client, wereld, traject, deelname, regisseur
):
    from tests.factories import maak_traject

    client.force_login(regisseur)
    r = client.post(url("deelname_overgang", wereld.regio_a, pk=traject.pk, dpk=deelname.pk, naar="uitgevallen"),
                    {"uitval_reden": "gezinshereniging", "uitval_alternatief": "latere_ronde", "uitval_toelichting": "Gezin komt in maart"})  # fmt: skip
    assert r.status_code == 302
    volgende = maak_traject(wereld.regio_a, regisseur, naam="Glaszetter ronde 2")
    r = client.post(
        url("herstart", wereld.regio_a, pk=traject.pk, dpk=deelname.pk), {"traject": volgende.pk}
    )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        nieuw = Deelname.objects.get(traject=volgende)
    assert (nieuw.kandidaat_id, nieuw.vorige_deelname_id, nieuw.status) == (
        deelname.kandidaat_id,
        deelname.pk,
        "aangemeld",
    )
    detail = client.get(
        url("deelname_detail", wereld.regio_a, pk=volgende.pk, dpk=nieuw.pk)
    ).content.decode()
    assert (
        "Glaszetter Noordoost-Brabant, ronde 1 (uitgevallen)" in detail
    )  # the earlier round stays visible
    # Only once.
    assert (
        client.post(
            url("herstart", wereld.regio_a, pk=traject.pk, dpk=deelname.pk),
            {"traject": volgende.pk},
        ).status_code
        == 200
    )


@pytest.mark.parametrize("pagina", ["caseload", "module", "dossier", "presentie"])
def test_aantal_queries_constant(
    client, wereld, traject, deelname, module, regisseur, pagina, django_assert_max_num_queries
):
    begeleider = wereld.per_rol[Rol.BEGELEIDER]

    def meer(n):
        with scope(regio=wereld.regio_a.pk):
            from trajecten import services as traject_services

            for d in meld_aan(traject, regisseur, n):
                for naar in ["intake", "assessment", "geselecteerd", "voorschakeltraject"]:
                    traject_services.verplaats_deelname(
                        deelname=d, naar=naar, door=regisseur, reden="Zonder verslag"
                    )
                services.koppel_begeleider(
                    deelname=d, door=regisseur, rol="arbeidscoach", persoon=begeleider
                )
            for _ in range(n):
                services.leg_contactmoment_vast(
                    deelname=deelname,
                    door=regisseur,
                    kanaal="telefoon",
                    vervolgactie="Bellen",
                    vervolg_datum=date(2026, 12, 1),
                    vervolg_eigenaar=begeleider,
                )

    with scope(regio=wereld.regio_a.pk):
        sessie = services.plan_sessie(
            module=module, door=regisseur, datum=date.today(), locatie="Oss"
        )
    kwargs = {
        "caseload": {},
        "module": {"mpk": module.pk},
        "dossier": {"dpk": deelname.pk},
        "presentie": {"spk": sessie.pk},
    }[pagina]
    client.force_login(regisseur if pagina in ("module", "presentie") else begeleider)
    doel = url(pagina, wereld.regio_a, **kwargs)
    meer(1)
    client.get(doel)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(doel).status_code == 200
    meer(5)
    with django_assert_max_num_queries(len(weinig)):
        assert client.get(doel).status_code == 200


def test_bewijs_alleen_via_de_toegangscontrole(client, wereld, deelname, module):
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    client.post(
        url("resultaat", wereld.regio_a, mpk=module.pk, dpk=deelname.pk),
        {
            "behaald": "on",
            "certificaat": "vca",
            "datum": "2026-11-20",
            "bewijs": SimpleUploadedFile("vca.pdf", PDF),
        },
    )
    with scope(regio=wereld.regio_a.pk):
        r = Resultaat.objects.get()
    doel = url("bewijs", wereld.regio_a, rpk=r.pk)
    assert doel in client.get(url("module", wereld.regio_a, mpk=module.pk)).content.decode()
    download = client.get(doel)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    client.force_login(wereld.per_rol[Rol.WERKGEVER])
    assert client.get(doel).status_code == 403


def test_presentie_alleen_voor_wie_actief_is_in_de_module(
    client, wereld, traject, deelname, module, regisseur
):
    from trajecten import services as traject_services

    in_werving, uitgevallen = meld_aan(traject, regisseur, 2)
    with scope(regio=wereld.regio_a.pk):
        traject_services.verplaats_deelname(
            deelname=uitgevallen,
            naar="uitgevallen",
            door=regisseur,
            gegevens={"uitval_reden": "taal", "uitval_toelichting": ""},
        )
        gisteren = services.plan_sessie(
            module=module, door=regisseur, datum=date.today() - timedelta(days=1), locatie="Oss"
        )
        morgen = services.plan_sessie(
            module=module, door=regisseur, datum=date.today() + timedelta(days=1), locatie="Oss"
        )
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    pagina = client.get(url("presentie", wereld.regio_a, spk=gisteren.pk)).content.decode()
    assert f'name="d{deelname.pk}"' in pagina
    assert f'name="d{in_werving.pk}"' not in pagina and f'name="d{uitgevallen.pk}"' not in pagina
    with (
        scope(regio=wereld.regio_a.pk),
        pytest.raises(ValidationError, match="niet \\(meer\\) mee"),
    ):
        services.leg_presentie_vast(
            sessie=gisteren, door=regisseur, aanwezigheid={uitgevallen: "aanwezig"}
        )
    # A session still to come has no attendance form at all.
    pagina = client.get(url("presentie", wereld.regio_a, spk=morgen.pk)).content.decode()
    assert "nog niet geweest" in pagina and f'name="d{deelname.pk}"' not in pagina
    module_pagina = client.get(url("module", wereld.regio_a, mpk=module.pk)).content.decode()
    assert url("presentie", wereld.regio_a, spk=gisteren.pk) in module_pagina
    assert url("presentie", wereld.regio_a, spk=morgen.pk) not in module_pagina
    # Recorded before someone moved on: stays on the list, can still be corrected.
    with scope(regio=wereld.regio_a.pk):
        services.leg_presentie_vast(
            sessie=gisteren, door=regisseur, aanwezigheid={deelname: "aanwezig"}
        )
        traject_services.verplaats_deelname(
            deelname=deelname,
            naar="uitgevallen",
            door=regisseur,
            gegevens={"uitval_reden": "taal", "uitval_toelichting": ""},
        )
    pagina = client.get(url("presentie", wereld.regio_a, spk=gisteren.pk)).content.decode()
    assert f'name="d{deelname.pk}"' in pagina
