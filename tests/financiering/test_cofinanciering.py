"""Rounds financed in each form of seed 000 §4.2, through the real services: every cost is
attributed to its financiers as append-only bookings that add up to the realised costs to the
cent; in kind counts in the cost and the coverage but never in a fund; a correction of a cost is
re-attributed with reversing and new bookings."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from financiering import selectors, services
from financiering.models import (
    AlleenToevoegen,
    Boeking,
    Rekening,
    Toerekening,
    Uitgave,
    Vordering,
)
from financiering.services import DekkingInvoer, RegelInvoer
from organisaties.models import Organisatie, Rol
from tests.factories import OrganisatieFactory, lid
from trajecten.models import DeelnameStatus as S

from .conftest import D, ga_naar, meld_aan, pilot2_afspraak

SOORT = Organisatie.Soort


def org(regio, soort, naam):
    o = OrganisatieFactory(soort=soort, naam=naam, kvk_nummer="")
    regio.organisaties.add(o)
    return o


def boek(traject, door, categorie, bedrag, dag=1, door_natura=None):
    return services.boek_uitgave(
        traject=traject,
        door=door,
        categorie=categorie,
        datum=date(2027, 1, dag),
        omschrijving=f"Factuur {categorie}",
        bedrag=D(bedrag),
        in_natura_door=door_natura,
    )


def per_financier(traject, in_natura=None) -> dict[int, Decimal]:
    qs = Toerekening.objects.filter(traject=traject)
    if in_natura is not None:
        qs = qs.filter(in_natura=in_natura)
    return {
        r["financier"]: r["s"]
        for r in qs.order_by().values("financier").annotate(s=Sum("bedrag"))
        if r["s"]
    }


def dekking(wereld, traject):
    saldi = selectors.traject_saldi(regio=wereld.regio_a, traject_ids=[traject.pk]).get(
        traject.pk, selectors.Saldi()
    )
    return selectors.dekking(traject=traject, saldi=saldi)


def kosten(traject) -> Decimal:
    return Uitgave.objects.filter(traject=traject).aggregate(s=Sum("bedrag"))["s"]


def test_proeftuin_3_veertig_zestig_en_de_gemeente_alleen_reiskosten(
    wereld, traject, regisseur, fonds, gemeenten, in_regio_a
):
    vwn = org(wereld.regio_a, SOORT.DIENSTVERLENER, "VluchtelingenWerk")
    gemeente = gemeenten[0]
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="cofinanciering",
        regels=[
            RegelInvoer(financier=fonds, aandeel_procent=D(40)),
            RegelInvoer(financier=vwn, aandeel_procent=D(60)),
        ],
    )
    services.leg_dekking_vast(
        traject=traject,
        door=regisseur,
        regels=[DekkingInvoer(financier=gemeente, categorie="reiskosten", maximum=D(2000))],
    )
    boek(traject, regisseur, "werving", "10000.01", dag=5)
    boek(traject, regisseur, "voorschakeltraject", "20000", dag=6)
    boek(traject, regisseur, "begeleiding", "15000", dag=7)
    reis = boek(traject, regisseur, "reiskosten", "1500", dag=8)
    boek(traject, regisseur, "reiskosten", "800", dag=9)

    # 45,000.01 × 40% = 18,000.004 → 18,000.00; × 60% = 27,000.006 → 27,000.01 (per cost line).
    assert per_financier(traject) == {
        fonds.pk: D("18000.00"),
        vwn.pk: D("27000.01"),
        gemeente.pk: D("2000.00"),  # its maximum: 1,500 + 500 of the 800
    }
    d = dekking(wereld, traject)
    assert d.kosten == D("47300.01")
    assert d.niet_gedekt == D(300)  # no fund in this agreement: the pages say so
    assert d.toegerekend + d.niet_gedekt == kosten(traject)

    # The travel costs were € 1,200, not € 1,500: a correction re-attributes the cost and frees
    # the gemeente's maximum for the later € 800 — reversals and new versions, no update.
    voor = set(Toerekening.objects.values_list("pk", "bedrag"))
    services.corrigeer_uitgave(uitgave=reis, door=regisseur, bedrag=D(1200), reden="Creditnota")
    assert voor <= set(Toerekening.objects.values_list("pk", "bedrag"))  # nothing changed
    rijen = list(
        Toerekening.objects.filter(uitgave=reis).values_list("versie", "bedrag", "tegenboeking_van")
    )
    eerste = Toerekening.objects.get(uitgave=reis, versie=1, tegenboeking_van=None).pk
    assert rijen == [(1, D(1500), None), (1, D(-1500), eerste), (2, D(1200), None)]
    assert per_financier(traject)[gemeente.pk] == D(2000)  # 1,200 + all of the 800
    d = dekking(wereld, traject)
    assert (d.kosten, d.niet_gedekt) == (D("47000.01"), D(0))
    assert d.toegerekend == kosten(traject)

    # Idempotent: attributing again books nothing.
    assert services.reken_toe(traject=traject) == 0


def test_toerekeningen_zijn_alleen_toevoegen(wereld, traject, regisseur, fonds, in_regio_a):
    pilot2_afspraak(traject, regisseur, fonds)
    boek(traject, regisseur, "procesregie", "1250")
    t = Toerekening.objects.get()
    with pytest.raises(AlleenToevoegen):
        t.save()
    with pytest.raises(AlleenToevoegen):
        Toerekening.objects.all().delete()
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE financiering_toerekening SET bedrag = 1 WHERE id = %s", [t.pk])
    # The same version of a cost is booked once per financier.
    with pytest.raises(IntegrityError), transaction.atomic():
        Toerekening.objects.create(
            regio=wereld.regio_a,
            traject=traject,
            uitgave=t.uitgave,
            financier=fonds,
            categorie="procesregie",
            versie=1,
            bedrag=D(1),
        )


def test_proeftuin_4_o_en_o_fonds_en_wsp_per_soort_kosten(
    wereld, traject, regisseur, fonds, in_regio_a
):
    wsp = org(wereld.regio_a, SOORT.RWC_WSP, "Werkcentrum")
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="cofinanciering",
        regels=[
            RegelInvoer(financier=fonds, aandeel_procent=D(60)),
            RegelInvoer(financier=wsp, aandeel_procent=D(40)),
        ],
    )
    regels = [
        DekkingInvoer(financier=fonds, categorie=c, procent=D(100))
        for c in ["assessment", "vakopleiding"]
    ] + [
        DekkingInvoer(financier=wsp, categorie=c, procent=D(100))
        for c in ["procesregie", "werving", "voorschakeltraject", "vca", "begeleiding"]
    ]
    services.leg_dekking_vast(traject=traject, door=regisseur, regels=regels)
    services.zet_begroting(
        traject=traject,
        door=regisseur,
        bedragen={"assessment": D(5000), "vakopleiding": D(27500), "procesregie": D(12500)},
    )
    for categorie, bedrag in [
        ("assessment", "4800"),
        ("vakopleiding", "27500"),
        ("procesregie", "12500"),
        ("vca", "5000"),
        ("werving", "9999.99"),
        ("overig", "333.33"),  # no rule of its own: 60/40
    ]:
        boek(traject, regisseur, categorie, bedrag)
    assert per_financier(traject) == {
        fonds.pk: D("32300") + D("200.00"),  # 333.33 × 60% = 199.998
        wsp.pk: D("27499.99") + D("133.33"),  # 333.33 × 40% = 133.332
    }
    assert dekking(wereld, traject).niet_gedekt == D(0)
    [stand_wsp] = [
        s
        for s in selectors.financiers_van_traject(
            user=regisseur,
            regio=wereld.regio_a,
            traject=traject,
            afspraak=selectors.afspraak_van(traject),
        )
        if s.financier == wsp
    ]
    assert stand_wsp.afgesproken == D(12500)  # its procesregie on the budget
    services.boek_financiersbetaling(
        traject=traject, door=regisseur, financier=wsp, bedrag=D(20000), datum=date(2027, 2, 1)
    )
    o = selectors.financiersoverzicht(
        user=regisseur, regio=wereld.regio_a, traject=traject, financier_pk=wsp.pk
    )
    assert (o.stand.toegerekend, o.stand.betaald, o.stand.open) == (
        D("27633.32"),
        D(20000),
        D("7633.32"),
    )
    # The coverage rules cannot cover more than 100% of a category.
    with pytest.raises(ValidationError) as fout:
        services.leg_dekking_vast(
            traject=traject,
            door=regisseur,
            regels=[*regels, DekkingInvoer(financier=fonds, categorie="vca", procent=D(10))],
        )
    assert fout.value.message_dict["regels"] == [
        "VCA: de financiers dekken samen meer dan 100% (110%)."
    ]


def test_proeftuin_5_6_subsidie_met_penvoerder_en_vakopleiding_in_natura(
    wereld, traject, regisseur, in_regio_a
):
    rap = org(wereld.regio_a, SOORT.SUBSIDIEGEVER, "Rijnmonds Arbeidsmarkt Perspectieffonds")
    ooi = org(wereld.regio_a, SOORT.OO_FONDS, "OOI")
    wsp = org(wereld.regio_a, SOORT.RWC_WSP, "WSP Rijnmond")
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="subsidie",
        penvoerder=wsp,
        regels=[
            RegelInvoer(financier=rap, aandeel_procent=D(50)),
            RegelInvoer(financier=ooi, aandeel_procent=D(50), in_natura="Basisvakopleiding"),
        ],
    )
    services.leg_dekking_vast(
        traject=traject,
        door=regisseur,
        regels=[
            *(
                DekkingInvoer(financier=rap, categorie=c, procent=D(100))
                for c in ["werving_begeleiding", "vca", "procesregie"]
            ),
            DekkingInvoer(
                financier=ooi, categorie="vakopleiding", maximum=D(27500), in_natura=True
            ),
        ],
    )
    # OOI also has a revolving fund here; the in-kind vakopleiding must not touch it.
    services.boek_inleg(
        regio=wereld.regio_a, fonds=ooi, door=regisseur, bedrag=D(5000), datum=date(2027, 1, 1)
    )
    boekingen_voor = Boeking.objects.count()
    boek(traject, regisseur, "werving_begeleiding", "45000")
    boek(traject, regisseur, "vca", "5000")
    boek(traject, regisseur, "procesregie", "12500")
    boek(traject, regisseur, "vakopleiding", "27500", door_natura=ooi)
    services.boek_financiersbetaling(
        traject=traject,
        door=regisseur,
        financier=rap,
        bedrag=D(62500),
        datum=date(2027, 3, 1),
        omschrijving="RAP-subsidie, vaststelling",
    )
    assert per_financier(traject, in_natura=False) == {rap.pk: D(62500)}
    assert per_financier(traject, in_natura=True) == {ooi.pk: D(27500)}
    d = dekking(wereld, traject)
    assert (d.kosten_geld, d.kosten_natura, d.kosten) == (D(62500), D(27500), D(90000))
    assert (d.subsidie, d.percentage, d.natura_deel, d.niet_gedekt) == (
        D(62500),
        D("69.4"),
        D("30.6"),
        D(0),
    )
    # Not in any fund: no booking, the balance as it was.
    assert Boeking.objects.count() == boekingen_voor
    assert selectors.saldo(regio=wereld.regio_a, fonds=ooi, rekening=Rekening.KAS) == D(5000)
    o = selectors.financiersoverzicht(
        user=regisseur, regio=wereld.regio_a, traject=traject, financier_pk=ooi.pk
    )
    assert (o.stand.natura, o.stand.afgesproken_natura, o.stand.toegerekend) == (
        D(27500),
        D(27500),
        D(0),
    )
    # Only a financier of the agreement can give something in kind.
    with pytest.raises(ValidationError) as fout:
        boek(traject, regisseur, "begeleiding", "100", door_natura=wsp)
    assert "in_natura_door" in fout.value.message_dict


def test_proeftuin_2_het_fonds_draagt_alles_en_dekking_is_niet_het_deel_terug(
    wereld, traject, regisseur, fonds, gemeenten, klantmanagers, in_regio_a
):
    pilot2_afspraak(traject, regisseur, fonds, voorfinanciering="80000")
    services.boek_inleg(
        regio=wereld.regio_a, fonds=fonds, door=regisseur, bedrag=D(80000), datum=date(2027, 1, 1)
    )
    services.boek_voorfinanciering(
        regio=wereld.regio_a,
        fonds=fonds,
        traject=traject,
        door=regisseur,
        bedrag=D(80000),
        datum=date(2027, 1, 1),
    )
    for categorie, bedrag in [
        ("werving_begeleiding", 45000),
        ("vakopleiding", 27500),
        ("vca", 5000),
        ("procesregie", 12500),
    ]:
        boek(traject, regisseur, categorie, bedrag)
    for d in meld_aan(traject, regisseur, 2, gemeente=gemeenten[0]):
        ga_naar(d, regisseur, S.VOORSCHAKELTRAJECT)
        services.maak_vordering(deelname=d, soort="start")
    for v in Vordering.objects.all():
        services.beoordeel_vordering(vordering=v, door=klantmanagers[0], akkoord=True)
        services.registreer_betaling(vordering=v, door=regisseur, betaald_op=date(2027, 6, 1))
    assert per_financier(traject) == {fonds.pk: D(90000)}
    d = dekking(wereld, traject)
    # Coverage: 2,000 received ÷ 90,000 cost; returned share: 2,000 ÷ 80,000 prefinanced.
    assert (d.terug, d.percentage, d.deel_terug) == (D(2000), D("2.2"), D("2.5"))
    o = selectors.financiersoverzicht(
        user=regisseur, regio=wereld.regio_a, traject=traject, financier_pk=fonds.pk
    )
    assert (o.stand.toegerekend, o.stand.betaald, o.stand.open, o.is_fonds) == (
        D(90000),
        D(80000),
        D(10000),
        True,
    )


def test_een_nieuwe_afspraak_rekent_alles_opnieuw_toe(
    wereld, traject, regisseur, fonds, in_regio_a
):
    wsp = org(wereld.regio_a, SOORT.RWC_WSP, "Werkcentrum")
    boek(traject, regisseur, "procesregie", "999.99")  # before any agreement: nobody bears it
    assert Toerekening.objects.count() == 0
    services.leg_afspraak_vast(
        traject=traject,
        door=regisseur,
        soort="cofinanciering",
        regels=[
            RegelInvoer(financier=fonds, aandeel_procent=D(50)),
            RegelInvoer(financier=wsp, aandeel_procent=D(50)),
        ],
    )
    # 499.995 each: both round up to 500.00; the cent too many comes off the first on a tie
    # (the agreement's lines are in the order of the financiers' names).
    eerste, tweede = sorted([fonds, wsp], key=lambda o: o.naam)
    assert per_financier(traject) == {eerste.pk: D("499.99"), tweede.pk: D("500.00")}
    services.leg_dekking_vast(
        traject=traject,
        door=regisseur,
        regels=[DekkingInvoer(financier=wsp, categorie="procesregie", procent=D(100))],
    )
    assert per_financier(traject) == {wsp.pk: D("999.99")}
    assert Toerekening.objects.filter(tegenboeking_van__isnull=False).count() == 2


def test_de_financiersrol_voor_elke_soort_financier(wereld):
    from organisaties.models import controleer_rol_past_bij_organisatie

    for soort in [SOORT.OO_FONDS, SOORT.RWC_WSP, SOORT.GEMEENTE, SOORT.DIENSTVERLENER]:
        controleer_rol_past_bij_organisatie(Rol.FINANCIER, Organisatie(soort=soort))
    controleer_rol_past_bij_organisatie(Rol.FINANCIER, Organisatie(soort=SOORT.SUBSIDIEGEVER))
    with pytest.raises(ValidationError):
        controleer_rol_past_bij_organisatie(Rol.FINANCIER, Organisatie(soort=SOORT.WERKGEVER))
    assert lid(wereld.regio_a, Rol.FINANCIER, organisatie=org(wereld.regio_a, SOORT.RWC_WSP, "W"))
