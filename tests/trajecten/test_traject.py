from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import maak_traject, meld_aan
from trajecten import services, workflow
from trajecten.models import (
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
            services.verplaats_deelname(deelname=d, naar=naar, door=regisseur)
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
