from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django_scopes import scope

from tests.factories import maak_traject, meld_aan
from trajecten import selectors, services, workflow
from trajecten.models import (
    Beroep,
    ChecklistStap,
    Fase,
    Gebeurtenis,
    MijlpaalStatus,
    PartnerRol,
    StapStatus,
    Traject,
)
from trajecten.models import (
    DeelnameStatus as S,
)
from trajecten.models import (
    MijlpaalSoort as M,
)
from trajecten.models import (
    TrajectStatus as T,
)
from trajecten.opstart import INRICHTINGSVRAGEN, STAPPENPLAN


def test_standaard_faseplanning_volgt_het_model():
    plan = services.standaard_faseplanning(date(2027, 1, 1))
    assert plan == {
        Fase.WERVING: (date(2027, 1, 1), date(2027, 3, 1)),
        Fase.VOORSCHAKELTRAJECT: (date(2027, 3, 1), date(2027, 5, 1)),
        Fase.PROEFPERIODE: (date(2027, 5, 1), date(2027, 7, 1)),
        Fase.NAZORG: (date(2027, 7, 1), date(2028, 1, 1)),
    }


def test_nieuw_traject_krijgt_checklist_en_mijlpalen(traject, in_regio_a):
    stappen = list(traject.checklist.all())
    assert [s.code for s in stappen] == [s.code for s in (*STAPPENPLAN, *INRICHTINGSVRAGEN)]
    assert len([s for s in stappen if s.code.startswith("a2-")]) == 10
    baangarantie = traject.checklist.get(code="a2-08-werkgevers-baangarantie")
    assert baangarantie.deadline < date(2026, 12, 1)
    soorten = set(traject.mijlpalen.values_list("soort", flat=True))
    assert soorten == {
        M.BAANGARANTIES,
        M.WERVING_AFGEROND,
        M.START_VOORSCHAKELTRAJECT,
        M.START_PROEFPERIODES,
        M.EINDE_PROEFPERIODES,
        M.NAZORG_AFGEROND,
    }
    assert traject.mijlpalen.get(soort=M.NAZORG_AFGEROND).vervaldatum == date(2027, 12, 1)
    assert Gebeurtenis.objects.filter(traject=traject, soort="aangemaakt").count() == 1


@pytest.mark.parametrize(
    ("grootte", "reden", "fout"),
    [
        (7, "", "groepsgrootte"),
        (15, "", "reden_groepsgrootte"),
        (15, "Twee werkgevers met veel plekken", None),
        (8, "", None),
        (14, "", None),
    ],
)
def test_groepsgrootte(wereld, regisseur, grootte, reden, fout):
    if fout:
        with pytest.raises(ValidationError) as e:
            maak_traject(
                wereld.regio_a, regisseur, groepsgrootte=grootte, reden_groepsgrootte=reden
            )
        assert fout in e.value.message_dict
    else:
        assert maak_traject(
            wereld.regio_a, regisseur, groepsgrootte=grootte, reden_groepsgrootte=reden
        ).pk


def test_waarschuwing_onder_tien(wereld, regisseur):
    assert (
        "kleiner dan 10"
        in maak_traject(wereld.regio_a, regisseur, groepsgrootte=9).groep_waarschuwing
    )
    assert maak_traject(wereld.regio_a, regisseur, groepsgrootte=10).groep_waarschuwing == ""


def test_fasen_in_volgorde(wereld, regisseur):
    plan = services.standaard_faseplanning(date(2027, 1, 1))
    plan[Fase.PROEFPERIODE] = (date(2027, 2, 1), date(2027, 1, 1))
    with pytest.raises(ValidationError) as e:
        maak_traject(wereld.regio_a, regisseur, planning=plan)
    assert set(e.value.message_dict) == {"proefperiode_eind"}


def test_precies_een_procesregisseur(wereld, regisseur):
    with pytest.raises(ValidationError, match="Precies één"):
        maak_traject(wereld.regio_a, regisseur, partners={PartnerRol.PROCESREGISSEUR: []})


TRAJECT_EDGES = [(van, naar) for van in T for naar in T]


@pytest.mark.parametrize(
    ("van", "naar"), TRAJECT_EDGES, ids=[f"{v}->{n}" for v, n in TRAJECT_EDGES]
)
def test_traject_overgangen(traject, regisseur, in_regio_a, van, naar):
    ChecklistStap.objects.filter(traject=traject).update(status=StapStatus.GEDAAN)
    Traject.objects.filter(pk=traject.pk).update(status=van)
    if naar in workflow.TRAJECT_OVERGANGEN[van]:
        services.verplaats_traject(
            traject=traject, naar=naar, door=regisseur, reden="Te weinig werkgevers"
        )
        traject.refresh_from_db()
        assert traject.status == naar
    else:
        with pytest.raises(ValidationError, match="kan niet naar"):
            services.verplaats_traject(traject=traject, naar=naar, door=regisseur, reden="x")
        traject.refresh_from_db()
        assert traject.status == van


def test_werving_start_pas_na_checklist(traject, regisseur, in_regio_a):
    with pytest.raises(ValidationError, match="nog 22 open"):
        services.verplaats_traject(traject=traject, naar=T.WERVING, door=regisseur)
    stappen = list(traject.checklist.all())
    for stap in stappen[:-1]:
        services.werk_checkliststap_bij(stap=stap, door=regisseur, status=StapStatus.GEDAAN)
    with pytest.raises(ValidationError) as e:
        services.werk_checkliststap_bij(stap=stappen[-1], door=regisseur, status=StapStatus.NVT)
    assert "reden_nvt" in e.value.message_dict
    services.werk_checkliststap_bij(
        stap=stappen[-1], door=regisseur, status=StapStatus.NVT, reden_nvt="Geen plaatsing via UWV"
    )
    services.verplaats_traject(traject=traject, naar=T.WERVING, door=regisseur)
    traject.refresh_from_db()
    assert traject.status == T.WERVING
    stap = ChecklistStap.objects.get(pk=stappen[0].pk)
    assert (stap.afgehandeld_door, stap.status) == (regisseur, StapStatus.GEDAAN)


def test_annuleren_vraagt_reden_en_laat_mijlpalen_vervallen(traject, regisseur, in_regio_a):
    with pytest.raises(ValidationError):
        services.verplaats_traject(traject=traject, naar=T.GEANNULEERD, door=regisseur)
    services.verplaats_traject(
        traject=traject, naar=T.GEANNULEERD, door=regisseur, reden="Geen baangaranties"
    )
    assert not traject.mijlpalen.filter(status=MijlpaalStatus.OPEN).exists()


def test_trajectovergang_rondt_mijlpalen_af(traject, regisseur, in_regio_a):
    ChecklistStap.objects.filter(traject=traject).update(status=StapStatus.GEDAAN)
    services.verplaats_traject(traject=traject, naar=T.WERVING, door=regisseur)
    services.verplaats_traject(traject=traject, naar=T.VOORSCHAKELTRAJECT, door=regisseur)
    gedaan = set(
        traject.mijlpalen.filter(status=MijlpaalStatus.GEDAAN).values_list("soort", flat=True)
    )
    assert gedaan == {M.WERVING_AFGEROND, M.START_VOORSCHAKELTRAJECT}


def test_wijzigen_legt_vast_wat_veranderde(traject, regisseur, in_regio_a):
    partners = {}
    for p in traject.partners.select_related("organisatie"):
        partners.setdefault(p.rol, []).append(p.organisatie)
    plan = {fp.fase: (fp.gepland_start, fp.gepland_eind) for fp in traject.faseplanning.all()}
    plan[Fase.NAZORG] = (plan[Fase.NAZORG][0], date(2028, 6, 1))
    partners.pop(PartnerRol.OPLEIDER)
    services.wijzig_traject(
        traject=traject,
        door=regisseur,
        planning=plan,
        partners=partners,
        naam=traject.naam,
        branche=traject.branche,
        beroep=traject.beroep,
        groepsgrootte=12,
        reden_groepsgrootte="",
    )
    log = Gebeurtenis.objects.filter(traject=traject, soort="gewijzigd").get()
    assert log.wijzigingen["groepsgrootte"] == ["10", "12"]
    assert log.wijzigingen["Contract en nazorg: eind"] == ["2027-12-01", "2028-06-01"]
    assert "Opleider" in log.wijzigingen["partners"][0]
    assert traject.mijlpalen.get(soort=M.NAZORG_AFGEROND).vervaldatum == date(2028, 6, 1)
    assert not traject.partners.filter(rol=PartnerRol.OPLEIDER).exists()


def test_nieuwe_ronde_neemt_partners_planning_en_wachtlijst_mee(traject, regisseur, in_regio_a):
    wachtend, afgewezen, gestart = meld_aan(traject, regisseur, 3)
    for d, pad in [
        (wachtend, [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.WACHTLIJST]),
        (afgewezen, [S.INTAKE]),
        (gestart, [S.INTAKE]),
    ]:
        for naar in pad:
            services.verplaats_deelname(
                deelname=d, naar=naar, door=regisseur, reden="Zonder verslag"
            )
    nieuw = services.start_nieuwe_ronde(traject=traject, door=regisseur, start=date(2027, 9, 1))
    assert (nieuw.ronde, nieuw.vorige_ronde, nieuw.naam) == (
        2,
        traject,
        "Glaszetter Noordoost-Brabant, ronde 2",
    )
    assert sorted(nieuw.partners.values_list("rol", "organisatie")) == sorted(
        traject.partners.values_list("rol", "organisatie")
    )
    assert nieuw.faseplanning.get(fase=Fase.WERVING).gepland_start == date(2027, 9, 1)
    # Every block keeps its length; the whole plan moves with the new start.
    for oud in traject.faseplanning.all():
        nieuwe = nieuw.faseplanning.get(fase=oud.fase)
        assert nieuwe.gepland_eind - nieuwe.gepland_start == oud.gepland_eind - oud.gepland_start
        assert nieuwe.gepland_start - oud.gepland_start == date(2027, 9, 1) - date(2026, 12, 1)
    overgenomen = nieuw.deelnames.get()
    assert (overgenomen.kandidaat, overgenomen.vorige_deelname, overgenomen.status) == (
        wachtend.kandidaat,
        wachtend,
        S.AANGEMELD,
    )
    assert nieuw.checklist.count() == 22
    with pytest.raises(ValidationError, match="al een volgende ronde"):
        services.start_nieuwe_ronde(traject=traject, door=regisseur, start=date(2027, 9, 1))


def test_checklist_te_laat_is_afgeleid(traject, in_regio_a):
    stap = traject.checklist.first()
    with time_machine.travel(stap.deadline):
        assert not stap.te_laat
    with time_machine.travel(date.fromordinal(stap.deadline.toordinal() + 1)):
        assert stap.te_laat


# ---- routes without assessment -----------------------------------------------------------


def test_ronde_zonder_assessment_telt_geen_assessment(wereld, regisseur, in_regio_a):
    traject = maak_traject(wereld.regio_a, regisseur, met_assessment=False)
    d, niet = meld_aan(traject, regisseur, 2)
    for naar in [S.INTAKE, S.GESELECTEERD, S.VOORSCHAKELTRAJECT]:
        services.verplaats_deelname(deelname=d, naar=naar, door=regisseur, reden="Zo gegaan")
    services.verplaats_deelname(deelname=niet, naar=S.INTAKE, door=regisseur, reden="Kort")
    with pytest.raises(ValidationError, match="kan niet van intake naar assessment"):
        services.verplaats_deelname(deelname=niet, naar=S.ASSESSMENT, door=regisseur, reden="x")
    kpi = selectors.kpi_traject(user=regisseur, regio=wereld.regio_a, traject=traject)
    funnel = {code: n for code, _label, n in kpi.funnel}
    assert (funnel["intake"], funnel["assessment"], funnel["geselecteerd"], funnel["gestart"]) == (
        2,
        None,  # no made-up count: the round has no assessment
        1,
        1,
    )
    # The regio counts assessments as soon as one round has them.
    met = maak_traject(wereld.regio_a, regisseur)
    assert selectors.kpi_regio(user=regisseur, regio=wereld.regio_a).aantal("assessment") == 0
    assert met.met_assessment


def test_werving_zonder_assessment_weigert_een_assessment(wereld, regisseur, in_regio_a):
    from werving import services as werving_services

    traject = maak_traject(wereld.regio_a, regisseur, met_assessment=False)
    [d] = meld_aan(traject, regisseur)
    werving_services.leg_intake_vast(deelname=d, door=regisseur)
    with pytest.raises(ValidationError, match="geen assessment"):
        werving_services.leg_assessment_vast(deelname=d, door=regisseur, uitslag="geschikt")


def test_nieuwe_ronde_neemt_de_stappen_mee(wereld, regisseur, in_regio_a):
    traject = maak_traject(wereld.regio_a, regisseur, met_assessment=False, met_selectie=False)
    nieuw = services.start_nieuwe_ronde(traject=traject, door=regisseur, start=date(2027, 9, 1))
    assert (nieuw.met_intake, nieuw.met_assessment, nieuw.met_selectie) == (True, False, False)


# ---- sensible defaults when a traject is created -----------------------------------------


def test_werving_start_zo_dat_de_checklist_haalbaar_is(wereld, regisseur):
    from trajecten.forms import TrajectForm
    from trajecten.opstart import vroegste_werving_start

    with time_machine.travel(date(2026, 11, 30)):
        start = vroegste_werving_start(date(2026, 11, 30))
        assert start == date(2027, 4, 1)  # 16 weeks (the earliest step) and the next 1st
        form = TrajectForm(regio=wereld.regio_a)
        assert form["werving_start"].initial == start
        traject = maak_traject(wereld.regio_a, regisseur, start=start)
        with scope(regio=wereld.regio_a.pk):
            assert min(traject.checklist.values_list("deadline", flat=True)) >= date(2026, 11, 30)


@pytest.mark.parametrize("soort", ["oo_fonds", "werkgever", "opleider", "subsidiegever"])
def test_procesregie_niet_bij_wie_haar_niet_kan_houden(wereld, regisseur, soort):
    from tests.factories import OrganisatieFactory

    org = OrganisatieFactory(soort=soort, kvk_nummer="")
    wereld.regio_a.organisaties.add(org)
    with pytest.raises(ValidationError) as fout:
        maak_traject(wereld.regio_a, regisseur, partners={PartnerRol.PROCESREGISSEUR: [org]})
    assert "procesregisseur" in fout.value.message_dict
    from trajecten.forms import TrajectForm

    keuzes = TrajectForm(regio=wereld.regio_a).fields["procesregisseur"].queryset
    assert org not in keuzes


@pytest.mark.parametrize("soort", ["rwc_wsp", "dienstverlener", "gemeente"])
def test_procesregie_bij_werkcentrum_dienstverlener_of_gemeente(wereld, regisseur, soort):
    from tests.factories import OrganisatieFactory

    org = OrganisatieFactory(soort=soort, kvk_nummer="")
    wereld.regio_a.organisaties.add(org)
    assert maak_traject(wereld.regio_a, regisseur, partners={PartnerRol.PROCESREGISSEUR: [org]})


def test_beroep_hoort_bij_de_branche(wereld, regisseur):
    from trajecten.forms import TrajectForm

    with pytest.raises(ValidationError) as fout:
        maak_traject(
            wereld.regio_a,
            regisseur,
            branche="isolatie",
            beroep=Beroep.objects.get(naam="Glaszetter"),
        )
    assert "hoort bij de branche glas" in fout.value.message_dict["beroep"][0]
    form = TrajectForm(regio=wereld.regio_a, initial={"branche": "isolatie"})
    assert set(form.fields["beroep"].queryset.values_list("branche", flat=True)) == {"isolatie"}


# ---- next round: vacatures ---------------------------------------------------------------


def test_nieuwe_ronde_laat_vacatures_met_plaatsingen_bij_hun_ronde(traject, regisseur, in_regio_a):
    from werving.models import Vacature

    werkgever = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie

    def vacature(functie):
        return Vacature.objects.create(
            regio_id=traject.regio_id,
            werkgever=werkgever,
            traject=traject,
            functie=functie,
            aantal_plaatsen=3,
            werklocatie="Oss",
        )

    met_plaatsing, open_ = vacature("Glaszetter"), vacature("Hulpmonteur")
    [d] = meld_aan(traject, regisseur)
    services.koppel_vacature(deelname=d, vacature=met_plaatsing, door=regisseur)
    nieuw = services.start_nieuwe_ronde(traject=traject, door=regisseur, start=date(2027, 9, 1))
    met_plaatsing.refresh_from_db()
    open_.refresh_from_db()
    assert (met_plaatsing.traject, open_.traject) == (traject, nieuw)
