"""Every rule on its own: no signaal the day before its threshold, a signaal for exactly the
right people on the day itself and the day after (once, not twice), and gone by itself once the
situation is resolved. One case per rule; a rule without a case fails the last test."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count, cycle

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django_scopes import scope

from begeleiding import services as begeleiding_services
from financiering.models import Vordering
from organisaties import services as organisatie_services
from organisaties.models import Rol
from signalen.models import SignaalStatus
from signalen.regels import PER_CODE, REGELS
from tests.factories import OrganisatieFactory, ga_naar, meld_aan
from trajecten import services as traject_services
from trajecten.models import ChecklistStap, Deelname, Mijlpaal, StapStatus
from trajecten.models import DeelnameStatus as S
from trajecten.models import MijlpaalSoort as M
from werving import services as werving_services
from werving.models import IntakeStatus, WerkgeverIntake

from .conftest import BASIS, op

P, B, K, O, H = (Rol.PROCESREGISSEUR, Rol.BEGELEIDER, Rol.KLANTMANAGER, Rol.OPLEIDER,  # noqa: E741
                 Rol.BEHEERDER)  # fmt: skip


@dataclass
class Geval:
    regel: str
    sleutel: str
    vervaldatum: date
    eerste: date  # the first day the signaal must be there
    ontvangers: set[str]  # roles of the wereld
    los_op: Callable[[], None]
    maak: Callable[[], None] | None = None  # for rules without a threshold: what triggers it


def _in(o, functie, *args, **kwargs):
    with scope(regio=o.regio.pk):
        return functie(*args, **kwargs)


def _mijlpaal(o, soort, deelname=None, traject=None):
    with scope(regio=o.regio.pk):
        if deelname is not None:
            return Mijlpaal.objects.get(deelname=deelname, soort=soort)
        return Mijlpaal.objects.get(traject=traject, deelname=None, soort=soort)


def _rond_af(o, mijlpaal):
    return lambda: _in(o, traject_services.rond_mijlpaal_af, mijlpaal=mijlpaal, door=o.rol(P))


def _coach(o, deelname):
    _in(o, begeleiding_services.koppel_begeleider, deelname=deelname, door=o.rol(P),
        rol="arbeidscoach", persoon=o.rol(B))  # fmt: skip


# ---- the cases ----------------------------------------------------------------------------


def mijlpaal_binnenkort(o):
    t = o.traject(start=BASIS + timedelta(days=30))
    m = _mijlpaal(o, M.WERVING_AFGEROND, traject=t)
    return Geval("mijlpaal_binnenkort", f"mijlpaal:{m.pk}", m.vervaldatum,
                 m.vervaldatum - timedelta(days=7), {P}, _rond_af(o, m))  # fmt: skip


def mijlpaal_te_laat(o):
    t = o.traject(start=BASIS + timedelta(days=30))
    m = _mijlpaal(o, M.WERVING_AFGEROND, traject=t)
    return Geval("mijlpaal_te_laat", f"mijlpaal:{m.pk}", m.vervaldatum,
                 m.vervaldatum + timedelta(days=1), {P}, _rond_af(o, m))  # fmt: skip


def _in_proefperiode(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.PROEFPERIODE)
    _coach(o, d)
    return d


def evaluatie(o):
    d = _in_proefperiode(o)
    m = _mijlpaal(o, M.EVALUATIE_1, deelname=d)
    return Geval("evaluatie_proefperiode", f"mijlpaal:{m.pk}", m.vervaldatum,
                 m.vervaldatum - timedelta(days=7), {B}, _rond_af(o, m))  # fmt: skip


def _in_dienst(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.IN_DIENST, contract_start=BASIS)
    _coach(o, d)
    return d


def contract(o):
    d = _in_dienst(o)
    m = _mijlpaal(o, M.CONTRACT_6_MAANDEN, deelname=d)
    assert m.vervaldatum == BASIS + relativedelta(months=6)
    return Geval("contract_zes_maanden", f"mijlpaal:{m.pk}", m.vervaldatum,
                 m.vervaldatum - timedelta(days=14), {P, K}, _rond_af(o, m))  # fmt: skip


def nazorg(o):
    d = _in_dienst(o)
    m = _mijlpaal(o, M.NAZORG_1, deelname=d)
    return Geval("nazorg", f"mijlpaal:{m.pk}", m.vervaldatum,
                 m.vervaldatum - timedelta(days=7), {B}, _rond_af(o, m))  # fmt: skip


def _checkliststap(o, deadline):
    t = o.traject(start=BASIS + timedelta(days=90))
    with scope(regio=o.regio.pk):
        stap = ChecklistStap.objects.filter(traject=t, eigenaar_rol=P).first()
        traject_services.werk_checkliststap_bij(
            stap=stap, door=o.rol(P), status=StapStatus.OPEN, deadline=deadline
        )

    def los_op():
        _in(o, traject_services.werk_checkliststap_bij, stap=stap, door=o.rol(P),
            status=StapStatus.GEDAAN, deadline=deadline)  # fmt: skip

    return stap, los_op


def checklist_binnenkort(o):
    deadline = BASIS + timedelta(days=20)
    stap, los_op = _checkliststap(o, deadline)
    return Geval("checklist_binnenkort", f"checklist:{stap.pk}", deadline,
                 deadline - timedelta(days=7), {P}, los_op)  # fmt: skip


def checklist_te_laat(o):
    deadline = BASIS + timedelta(days=20)
    stap, los_op = _checkliststap(o, deadline)
    return Geval("checklist_te_laat", f"checklist:{stap.pk}", deadline,
                 deadline + timedelta(days=1), {P}, los_op)  # fmt: skip


def baangaranties(o):
    werving = BASIS + timedelta(days=30)
    t = o.traject(start=werving)
    werkgever = o.organisatie(Rol.WERKGEVER)

    def los_op():
        _in(o, werving_services.leg_baangarantie_vast, traject=t, werkgever=werkgever,
            aantal_plaatsen=10, door=o.rol(P))  # fmt: skip

    return Geval("baangaranties_tekort", f"traject:{t.pk}", werving,
                 werving - timedelta(days=14), {P}, los_op)  # fmt: skip


def groep_te_klein(o):
    t = o.traject(start=BASIS + timedelta(days=10))
    start = BASIS + timedelta(days=10) + relativedelta(months=2)

    def los_op():
        deelnames = meld_aan(t, o.rol(P), 8, gemeente=o.w.gemeente_a)
        _in(o, lambda: Deelname.objects.filter(pk__in=[d.pk for d in deelnames]).update(
            status=S.GESELECTEERD))  # fmt: skip

    return Geval("groep_te_klein", f"traject:{t.pk}", start, start - timedelta(days=14), {P},
                 los_op)  # fmt: skip


def werving_te_lang(o):
    t = o.traject()
    with scope(regio=o.regio.pk):
        ChecklistStap.objects.filter(traject=t).update(status=StapStatus.GEDAAN)
        traject_services.verplaats_traject(traject=t, naar="werving", door=o.rol(P))

    def los_op():
        _in(o, traject_services.verplaats_traject, traject=t, naar="voorschakeltraject",
            door=o.rol(P))  # fmt: skip

    return Geval("werving_te_lang", f"traject:{t.pk}", BASIS + timedelta(days=61),
                 BASIS + timedelta(days=61), {P}, los_op)  # fmt: skip


def selectie_te_lang(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.GESELECTEERD)
    return Geval("selectie_te_lang", f"deelname:{d.pk}", BASIS + timedelta(days=92),
                 BASIS + timedelta(days=92), {P},
                 lambda: ga_naar(d, o.rol(P), S.PROEFPERIODE))  # fmt: skip


def herbeoordeling(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.VOORSCHAKELTRAJECT)
    dag = BASIS + timedelta(days=20)
    _in(o, traject_services.verplaats_deelname, deelname=d, naar=S.GEPARKEERD, door=o.rol(P),
        gegevens={"parkeer_reden": "Ziek", "herbeoordeling_op": dag})  # fmt: skip
    return Geval("herbeoordeling", f"deelname:{d.pk}", dag, dag, {P},
                 lambda: _in(o, traject_services.verplaats_deelname, deelname=d, naar="vorige",
                             door=o.rol(P)))  # fmt: skip


def geen_coach(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.VOORSCHAKELTRAJECT)
    return Geval("geen_coach", f"deelname:{d.pk}", BASIS, BASIS, {P}, lambda: _coach(o, d))


def presentie(o):
    t = o.traject()
    d = o.deelname(t)
    ga_naar(d, o.rol(P), S.VOORSCHAKELTRAJECT)
    dag = BASIS + timedelta(days=5)
    with scope(regio=o.regio.pk):
        module = begeleiding_services.voeg_module_toe(
            traject=t, door=o.rol(P), soort="vca", aanbieder=o.organisatie(O)
        )
        sessie = begeleiding_services.plan_sessie(module=module, door=o.rol(P), datum=dag,
                                                  locatie="Oss")  # fmt: skip

    def los_op():
        _in(o, begeleiding_services.leg_presentie_vast, sessie=sessie, door=o.rol(O),
            aanwezigheid={d: "aanwezig"})  # fmt: skip

    return Geval("presentie_ontbreekt", f"sessie:{sessie.pk}", dag, dag + timedelta(days=1),
                 {O}, los_op)  # fmt: skip


def vervolgactie(o):
    t = o.traject()
    d = o.deelname(t)
    dag = BASIS + timedelta(days=10)
    cm = _in(o, begeleiding_services.leg_contactmoment_vast, deelname=d, door=o.rol(B),
             kanaal="telefoon", vervolgactie="Bellen met de werkgever", vervolg_datum=dag,
             vervolg_eigenaar=o.rol(B))  # fmt: skip
    return Geval("vervolgactie", f"contactmoment:{cm.pk}", dag, dag - timedelta(days=1), {B},
                 lambda: _in(o, begeleiding_services.rond_vervolg_af, contactmoment=cm,
                             door=o.rol(B)))  # fmt: skip


def _vordering(o):
    t = o.traject()
    d = o.deelname(t)
    with scope(regio=o.regio.pk):
        v = Vordering.objects.create(
            regio=o.regio, traject=t, deelname=d, soort="start", gemeente=o.w.gemeente_a,
            fonds=t.partners.get(rol="oo_fonds").organisatie, bedrag=1000, verdiend_op=BASIS,
        )  # fmt: skip
    return v, lambda: _in(o, lambda: Vordering.objects.filter(pk=v.pk).update(status="goedgekeurd"))


def vordering_wacht(o):
    v, los_op = _vordering(o)
    dag = BASIS + timedelta(days=14)
    return Geval("vordering_wacht", f"vordering:{v.pk}", dag, dag, {K}, los_op)


def vordering_escalatie(o):
    v, los_op = _vordering(o)
    dag = BASIS + timedelta(days=28)
    return Geval("vordering_escalatie", f"vordering:{v.pk}", dag, dag, {P}, los_op)


def werkgever_intake(o):
    with scope(regio=o.regio.pk):
        u = werving_services.nodig_werkgever_uit(
            regio=o.regio, door=o.rol(P), bedrijfsnaam="Glas BV", email="info@glas.nl"
        )
        WerkgeverIntake.objects.filter(uitnodiging=u).update(
            status=IntakeStatus.INGEDIEND, ingediend_op=timezone.now()
        )
        intake = WerkgeverIntake.objects.get(uitnodiging=u)
    dag = BASIS + timedelta(days=2)
    return Geval("werkgever_intake", f"werkgeverintake:{intake.pk}", dag, dag, {P},
                 lambda: _in(o, lambda: WerkgeverIntake.objects.filter(pk=intake.pk).update(
                     status=IntakeStatus.AKKOORD)))  # fmt: skip


def afstemming(o):
    t = o.traject(start=BASIS + timedelta(days=60))
    maandag = BASIS + timedelta(days=7)
    return Geval("afstemming_wekelijks", f"traject:{t.pk}", maandag, maandag, {P},
                 lambda: _in(o, traject_services.verplaats_traject, traject=t, naar="geannuleerd",
                             door=o.rol(P), reden="Te weinig werkgevers"))  # fmt: skip


# Each test has its own database; within one, every call gets another BSN and address.
_BSNS = cycle(["111222333", "100000630", "100000721", "100000770", "100000812", "100000861"])
_EMAILS = (f"nieuw{i}@voorbeeld.nl" for i in count())


def mogelijk_dubbel(o):
    dag = BASIS + timedelta(days=3)
    bsn = next(_BSNS)
    andere = OrganisatieFactory(soort="gemeente", kvk_nummer="")
    o.regio.organisaties.add(andere)
    uitkomst = {}

    def maak():
        kwargs = {"regio": o.regio, "door": o.rol(P), "toestemmingen": {"procesregisseur"},
                  "bsn": bsn, "achternaam": "Test"}  # fmt: skip
        with scope(regio=o.regio.pk):
            werving_services.registreer_kandidaat(gemeente=o.w.gemeente_a, voornaam="A", **kwargs)
            k = werving_services.registreer_kandidaat(gemeente=andere, voornaam="B", **kwargs)
            uitkomst["dubbel"] = k.mogelijk_dubbel

    def los_op():
        _in(o, werving_services.handel_dubbel_af, dubbel=uitkomst["dubbel"], door=o.rol(P),
            toelichting="Zelfde persoon")  # fmt: skip

    geval = Geval("mogelijk_dubbel", "", dag, dag, {P}, los_op, maak=maak)
    geval.sleutel_na = lambda: f"dubbel:{uitkomst['dubbel'].pk}"
    return geval


def goedkeuring(o):
    dag = BASIS + timedelta(days=3)
    uitkomst = {}

    def maak():
        uitkomst["u"] = _in(o, organisatie_services.nodig_uit, regio=o.regio, door=o.rol(H),
                            email=next(_EMAILS), naam="Nieuw",
                            organisatie=o.organisatie(P), rol=P)  # fmt: skip

    def los_op():
        _in(o, organisatie_services.keur_uitnodiging_goed, uitnodiging=uitkomst["u"],
            door=o.rol(P))  # fmt: skip

    geval = Geval("uitnodiging_goedkeuren", "", dag, dag, {P}, los_op, maak=maak)
    geval.sleutel_na = lambda: f"uitnodiging:{uitkomst['u'].pk}"
    return geval


def _kandidaat_met_eigen_pagina(o):
    from portaal import services as portaal_services

    d = o.deelname(o.traject())
    _in(o, portaal_services.open_portaal, kandidaat=d.kandidaat, door=o.rol(K),
        email="", contactpersoon=o.rol(K))  # fmt: skip
    return d.kandidaat


def intrekverzoek(o):
    from portaal import services as portaal_services

    dag = BASIS + timedelta(days=3)
    kandidaat = _kandidaat_met_eigen_pagina(o)
    uitkomst = {}

    def maak():
        uitkomst["v"] = _in(o, portaal_services.vraag_intrekking, kandidaat=kandidaat,
                            ontvanger="werkgever")  # fmt: skip

    def los_op():
        _in(o, portaal_services.handel_intrekking_af, verzoek=uitkomst["v"], door=o.rol(K),
            uitkomst="blijft", toelichting="Besproken: blijft delen")  # fmt: skip

    geval = Geval("intrekverzoek", "", dag, dag, {K}, los_op, maak=maak)
    geval.sleutel_na = lambda: f"intrekverzoek:{uitkomst['v'].pk}"
    return geval


def zelfprofiel(o):
    from portaal import services as portaal_services

    kandidaat = _kandidaat_met_eigen_pagina(o)
    _in(o, portaal_services.bewaar_stap, kandidaat=kandidaat, stap="talen",
        antwoorden={"talen": ["ar"], "nederlands": "beetje"})  # fmt: skip
    dag = BASIS + timedelta(days=2)
    return Geval("zelfprofiel_bekijken", f"zelfprofiel:{kandidaat.pk}", dag, dag, {K},
                 lambda: _in(o, portaal_services.bevestig_zelfprofiel, kandidaat=kandidaat,
                             door=o.rol(K)))  # fmt: skip


GEVALLEN = {
    "mijlpaal_binnenkort": mijlpaal_binnenkort,
    "mijlpaal_te_laat": mijlpaal_te_laat,
    "evaluatie_proefperiode": evaluatie,
    "contract_zes_maanden": contract,
    "nazorg": nazorg,
    "checklist_binnenkort": checklist_binnenkort,
    "checklist_te_laat": checklist_te_laat,
    "baangaranties_tekort": baangaranties,
    "groep_te_klein": groep_te_klein,
    "werving_te_lang": werving_te_lang,
    "selectie_te_lang": selectie_te_lang,
    "herbeoordeling": herbeoordeling,
    "geen_coach": geen_coach,
    "presentie_ontbreekt": presentie,
    "vervolgactie": vervolgactie,
    "vordering_wacht": vordering_wacht,
    "vordering_escalatie": vordering_escalatie,
    "werkgever_intake": werkgever_intake,
    "afstemming_wekelijks": afstemming,
    "mogelijk_dubbel": mogelijk_dubbel,
    "uitnodiging_goedkeuren": goedkeuring,
    "intrekverzoek": intrekverzoek,
    "zelfprofiel_bekijken": zelfprofiel,
}


def _namen(o) -> set[str]:
    from werving.models import Kandidaat

    with scope(regio=o.regio.pk):
        return {f"{v} {a}" for v, a in Kandidaat.objects.values_list("voornaam", "achternaam")}


@pytest.mark.parametrize("code", list(GEVALLEN))
def test_regel_voor_op_en_na_de_drempel_en_vanzelf_weg(omgeving, code):
    o = omgeving
    with op(BASIS):
        geval = GEVALLEN[code](o)
    assert geval.regel == code
    regel = PER_CODE[code]
    dag_ervoor, dag_erna = geval.eerste - timedelta(days=1), geval.eerste + timedelta(days=1)

    def signalen():
        return o.signalen(regel=regel.code, sleutel=geval.sleutel, vervaldatum=geval.vervaldatum)

    o.scan(dag_ervoor, regels=[regel])
    if geval.maak is not None:  # without a threshold: there is nothing until it happens
        with op(geval.eerste):
            geval.maak()
        geval.sleutel = geval.sleutel_na()
    assert signalen() == [], "al een signaal vóór de drempel"

    o.scan(geval.eerste, regels=[regel])
    op_de_dag = signalen()
    verwacht = {o.rol(r).pk for r in geval.ontvangers}
    assert {s.ontvanger_id for s in op_de_dag} == verwacht
    assert all(s.status == SignaalStatus.OPEN for s in op_de_dag)
    assert all(s.link.startswith(f"/r/{o.regio.slug}/") for s in op_de_dag)
    assert not any(naam in s.tekst for s in op_de_dag for naam in _namen(o)), "een naam"

    o.scan(dag_erna, regels=[regel])
    assert [s.pk for s in signalen()] == [s.pk for s in op_de_dag], "dubbel of verdwenen"
    assert all(s.status == SignaalStatus.OPEN for s in signalen())

    with op(dag_erna):
        geval.los_op()
    o.scan(dag_erna, regels=[regel])
    na = signalen()
    assert na and all(s.status == SignaalStatus.GEDAAN and s.vanzelf_gesloten for s in na)


def test_elke_regel_heeft_een_geval_en_staat_in_de_documentatie():
    from pathlib import Path

    assert set(GEVALLEN) == {r.code for r in REGELS}
    assert len(PER_CODE) == len(REGELS), "twee regels met dezelfde code"
    docs = (Path(__file__).resolve().parents[2] / "docs" / "signalen.md").read_text()
    assert [r.code for r in REGELS if f"`{r.code}`" not in docs] == []


def test_het_schema_in_de_documentatie_is_dat_van_beat(settings):
    """docs/signalen.md names the times at which beat runs the scan and the daily overview."""
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "signalen.md").read_text()
    for naam in ("signalen-scan", "signalen-dagoverzicht"):
        schema = settings.CELERY_BEAT_SCHEDULE[naam]["schedule"]
        [uur], [minuut] = schema.hour, schema.minute
        assert f"({uur:02d}:{minuut:02d}" in docs, naam
