"""Kinds of agreement (voor- en resultaat, cofinanciering, subsidie, in natura) and the cost
overview (budget vs. realised, the band, the previous round)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from financiering import selectors, services
from financiering.services import RegelInvoer
from organisaties.models import Organisatie, Rol
from tests.factories import OrganisatieFactory, lid
from trajecten import services as traject_services
from trajecten.models import TrajectStatus

from .conftest import D, ga_naar, meld_aan

S = Organisatie.Soort


def org(regio, soort):
    o = OrganisatieFactory(soort=soort, kvk_nummer="")
    regio.organisaties.add(o)
    return o


def fouten(traject, door, **kwargs):
    with pytest.raises(ValidationError) as fout:
        services.leg_afspraak_vast(traject=traject, door=door, **kwargs)
    return fout.value.message_dict


def test_subsidie_met_penvoerder_en_in_natura(wereld, traject, regisseur, fonds, in_regio_a):
    rap = org(wereld.regio_a, S.SUBSIDIEGEVER)
    wsp = org(wereld.regio_a, S.RWC_WSP)
    regels = [
        RegelInvoer(financier=rap, aandeel_procent=D(50), voorfinanciering=D(42000)),
        RegelInvoer(financier=fonds, aandeel_procent=D(50), in_natura="Basisvakopleiding"),
    ]
    assert fouten(traject, regisseur, soort="subsidie", regels=regels) == {
        "penvoerder": ["Een subsidie heeft een penvoerder die aanvraagt en verantwoordt."]
    }
    afspraak = services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="subsidie",
        penvoerder=wsp,
        verantwoording="Eindverantwoording met accountantscontrole",
        verantwoording_uiterlijk=date(2028, 3, 1),
        regels=regels,
    )
    assert afspraak.regels.count() == 2
    # The subsidy giver now sees the traject as financier.
    subsidie_financier = lid(wereld.regio_a, Rol.FINANCIER, organisatie=rap)
    assert traject in selectors.trajecten_zichtbaar_voor(subsidie_financier, wereld.regio_a)
    # Without the subsidy giver among the financiers: refused.
    assert (
        "Voeg de subsidiegever toe als financier."
        in fouten(traject, regisseur, soort="subsidie", penvoerder=wsp, regels=regels[1:])["regels"]
    )


def test_in_natura_vraagt_een_omschrijving(traject, regisseur, fonds, in_regio_a):
    assert fouten(
        traject,
        regisseur,
        soort="in_natura",
        regels=[RegelInvoer(financier=fonds, aandeel_procent=D(100))],
    ) == {"regels": ["Beschrijf bij minstens één financier de bijdrage in natura."]}


def test_cofinanciering_in_aandelen(wereld, traject, regisseur, fonds, in_regio_a):
    dienstverlener = org(wereld.regio_a, S.DIENSTVERLENER)
    regels = [
        RegelInvoer(financier=fonds, aandeel_procent=D(40), voorfinanciering=D(30000)),
        RegelInvoer(financier=dienstverlener, aandeel_procent=D("60.00")),
    ]
    afspraak = services.leg_afspraak_vast(
        traject=traject, door=regisseur, soort="cofinanciering", regels=regels
    )
    assert afspraak.fonds is None  # no amounts per kandidaat: no fund needed, no claims


def test_dubbele_financier_en_organisatie_van_buiten_de_regio(
    wereld, traject, regisseur, fonds, in_regio_a
):
    buiten = OrganisatieFactory(soort=S.OO_FONDS, kvk_nummer="")
    assert fouten(
        traject,
        regisseur,
        soort="voor_resultaat",
        fonds=buiten,
        regels=[
            RegelInvoer(financier=None, start_per_kandidaat=D(1000)),
            RegelInvoer(financier=None, start_per_kandidaat=D(900)),
            RegelInvoer(financier=buiten, voorfinanciering=D(1)),
        ],
    ) == {
        "regels.1.financier": ["Deze financier staat al in de afspraak."],
        "regels.2.financier": ["Deze organisatie doet niet mee in deze regio."],
        "fonds": ["Kies een O&O-fonds dat in deze regio meedoet."],
    }


def test_kosten_tijdens_en_na_de_ronde_en_de_vorige_ronde(wereld, traject, regisseur, in_regio_a):
    begroting = {
        "werving_begeleiding": D(45000),
        "vakopleiding": D(27500),
        "vca": D(5000),
        "procesregie": D(12500),
        "ontwikkeling": D(16000),
    }
    services.zet_begroting(traject=traject, door=regisseur, bedragen=begroting)
    for categorie, bedrag in [("werving_begeleiding", 50000), ("vakopleiding", 30000)]:
        services.boek_uitgave(
            traject=traject,
            door=regisseur,
            categorie=categorie,
            datum=date(2026, 3, 1),
            omschrijving="Factuur",
            bedrag=D(bedrag),
        )
    deelnames = meld_aan(traject, regisseur, 8)
    for d in deelnames:
        ga_naar(d, regisseur, "voorschakeltraject")
    k = selectors.kosten(traject=traject)
    assert (k.gestart, k.deelnemers) == (8, 8)
    assert k.begroot_per_deelnemer == D(9000)  # ÷ 10 planned
    assert k.gerealiseerd_per_deelnemer == D(10000)  # 80,000 ÷ 8 started
    assert k.per_deelnemer == D(9000)  # while the round runs: the budget
    assert k.band_status == "binnen"
    rij = next(r for r in k.rijen if r.categorie == "werving_begeleiding")
    assert (rij.begroot_per_deelnemer, rij.gerealiseerd_per_deelnemer) == (D(4500), D(6250))

    # Closed: the realised costs count.
    for status in ["werving", "voorschakeltraject", "proefperiode", "nazorg", "afgesloten"]:
        if status == "werving":
            for stap in traject.checklist.all():
                traject_services.werk_checkliststap_bij(stap=stap, door=regisseur, status="gedaan")
        traject_services.verplaats_traject(traject=traject, naar=status, door=regisseur)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.AFGESLOTEN
    k = selectors.kosten(traject=traject)
    assert k.per_deelnemer == D(10000)

    # Round 2 planned 15% cheaper than round 1 cost.
    ronde2 = traject_services.start_nieuwe_ronde(
        traject=traject, door=regisseur, start=date(2027, 9, 1)
    )
    services.zet_begroting(
        traject=ronde2,
        door=regisseur,
        bedragen={"werving_begeleiding": D(42500), "vakopleiding": D(42500)},
    )
    k2 = selectors.kosten(traject=ronde2)
    assert k2.vorige_per_deelnemer == D(10000)
    assert k2.per_deelnemer == D(8500)
    assert k2.verschil_vorige == D("-15.0")


def test_begroting_weigert_negatief(traject, regisseur, in_regio_a):
    with pytest.raises(ValidationError) as fout:
        services.zet_begroting(traject=traject, door=regisseur, bedragen={"vca": D(-1)})
    assert fout.value.message_dict == {"vca": ["Een begroot bedrag kan niet negatief zijn."]}
