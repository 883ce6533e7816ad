"""Every write on financing: the agreement and its coverage rules, budget and costs (with their
attribution to the financiers), financiers' payments, claims (create, approve, reject, resubmit,
pay, reverse a payment) and the fund's ledger. Keyword-only, typed, transactional.

Logging: ids, kinds and amounts only, never a name or other personal data.
"""

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.datums import GEBEURD, controleer
from organisaties.models import FINANCIER_SOORTEN, Lidmaatschap, Organisatie, Regio, Rol, User
from trajecten import selectors as traject_selectors
from trajecten.models import (
    CONTRACT_MIN_MAANDEN,
    Deelname,
    DeelnameStatus,
    Traject,
    TrajectStatus,
)

from . import selectors
from .models import (
    BOEKINGSSCHEMA,
    GELDIG,
    NUL,
    AfspraakSoort,
    Begrotingspost,
    Boeking,
    BoekingSoort,
    Dekkingsregel,
    Financieringsafspraak,
    Financieringsregel,
    Financiersbetaling,
    KostenCategorie,
    Rekening,
    Toerekening,
    Uitgave,
    Vordering,
    VorderingSoort,
    VorderingStatus,
)
from .templatetags.geld import euro_tekst

logger = logging.getLogger(__name__)

HONDERD = Decimal("100")
Soort = Organisatie.Soort


# ---- The agreement ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegelInvoer:
    """One line of an agreement as the form delivers it. financier None = default amounts for
    every gemeente that brings a kandidaat."""

    financier: Organisatie | None
    voorfinanciering: Decimal = NUL
    start_per_kandidaat: Decimal = NUL
    resultaat_1_per_kandidaat: Decimal = NUL
    resultaat_2_per_kandidaat: Decimal = NUL
    aandeel_procent: Decimal | None = None
    in_natura: str = ""

    @property
    def per_kandidaat(self) -> bool:
        return any(
            (
                self.start_per_kandidaat,
                self.resultaat_1_per_kandidaat,
                self.resultaat_2_per_kandidaat,
            )
        )


def _controleer_afspraak(*, regio, soort, fonds, penvoerder, regels) -> None:
    """Raises ValidationError with keys of the agreement form, or "regels.<i>.<veld>" for a
    line (the view puts those next to the field of that line)."""
    fouten: dict[str, list[str]] = {}

    def fout(sleutel, tekst):
        fouten.setdefault(sleutel, []).append(tekst)

    regio_orgs = set(regio.organisaties.values_list("pk", flat=True))
    if soort not in AfspraakSoort.values:
        fout("soort", _("Kies een soort financiering."))
    if not regels:
        fout("regels", _("Voeg minstens één financier toe."))
    gezien = set()
    for i, regel in enumerate(regels):
        sleutel = regel.financier.pk if regel.financier else None
        if sleutel in gezien:
            fout(f"regels.{i}.financier", _("Deze financier staat al in de afspraak."))
        gezien.add(sleutel)
        if regel.financier and regel.financier.pk not in regio_orgs:
            fout(f"regels.{i}.financier", _("Deze organisatie doet niet mee in deze regio."))
        if regel.per_kandidaat and regel.financier and regel.financier.soort != Soort.GEMEENTE:
            fout(
                f"regels.{i}.start_per_kandidaat",
                _(
                    "Bedragen per kandidaat betaalt de gemeente die de kandidaat aanbrengt. Kies "
                    "een gemeente, of laat de financier leeg voor elke aanbrengende gemeente."
                ),
            )
        if not regel.financier and not regel.per_kandidaat:
            fout(
                f"regels.{i}.financier",
                _("Kies een financier, of vul bedragen per kandidaat in voor elke gemeente."),
            )
        if any(
            bedrag < 0
            for bedrag in (
                regel.voorfinanciering,
                regel.start_per_kandidaat,
                regel.resultaat_1_per_kandidaat,
                regel.resultaat_2_per_kandidaat,
            )
        ):
            fout(f"regels.{i}.voorfinanciering", _("Een bedrag kan niet negatief zijn."))
        if regel.aandeel_procent is not None and not 0 <= regel.aandeel_procent <= HONDERD:
            fout(f"regels.{i}.aandeel_procent", _("Een aandeel ligt tussen 0 en 100%."))

    if fonds is not None and (fonds.soort != Soort.OO_FONDS or fonds.pk not in regio_orgs):
        fout("fonds", _("Kies een O&O-fonds dat in deze regio meedoet."))
    if fonds is None and any(r.per_kandidaat for r in regels):
        fout(
            "fonds",
            _("Kies het O&O-fonds waarin de start- en resultaatfinanciering terugvloeit."),
        )
    if soort == AfspraakSoort.VOOR_RESULTAAT and not any(r.per_kandidaat for r in regels):
        fout(
            "regels",
            _(
                "Bij voor- en resultaatfinanciering betalen gemeenten bedragen per kandidaat: "
                "vul start- of resultaatbedragen in."
            ),
        )
    aandelen = [r.aandeel_procent for r in regels if r.aandeel_procent is not None]
    totaal = sum(aandelen, Decimal(0))
    if soort in (AfspraakSoort.COFINANCIERING, AfspraakSoort.SUBSIDIE):
        if totaal != HONDERD:
            fout(
                "regels",
                _("De aandelen van de financiers moeten samen 100%% zijn (nu %(n)s%%).")
                % {"n": f"{totaal.normalize():f}".replace(".", ",")},
            )
    elif totaal > HONDERD:
        fout("regels", _("De aandelen zijn samen meer dan 100%."))
    if soort == AfspraakSoort.SUBSIDIE:
        if penvoerder is None:
            fout(
                "penvoerder", _("Een subsidie heeft een penvoerder die aanvraagt en verantwoordt.")
            )
        if not any(r.financier and r.financier.soort == Soort.SUBSIDIEGEVER for r in regels):
            fout("regels", _("Voeg de subsidiegever toe als financier."))
    if penvoerder is not None and penvoerder.pk not in regio_orgs:
        fout("penvoerder", _("De penvoerder moet in deze regio meedoen."))
    if soort == AfspraakSoort.IN_NATURA and not any(r.in_natura.strip() for r in regels):
        fout("regels", _("Beschrijf bij minstens één financier de bijdrage in natura."))
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def leg_afspraak_vast(
    *,
    traject: Traject,
    door: User,
    soort: str,
    regels: list[RegelInvoer],
    fonds: Organisatie | None = None,
    penvoerder: Organisatie | None = None,
    verantwoording: str = "",
    verantwoording_uiterlijk: date | None = None,
    toelichting: str = "",
) -> Financieringsafspraak:
    """Creates or replaces the traject's agreement and its lines. Claims already made keep
    their amounts; claims earned before there was an agreement are made now (after commit)."""
    traject = Traject.objects.select_for_update().select_related("regio").get(pk=traject.pk)
    _controleer_afspraak(
        regio=traject.regio, soort=soort, fonds=fonds, penvoerder=penvoerder, regels=regels
    )
    afspraak, _nieuw = Financieringsafspraak.objects.update_or_create(
        traject=traject,
        defaults={
            "regio_id": traject.regio_id,
            "soort": soort,
            "fonds": fonds,
            "penvoerder": penvoerder,
            "verantwoording": verantwoording.strip(),
            "verantwoording_uiterlijk": verantwoording_uiterlijk,
            "toelichting": toelichting.strip(),
            "vastgelegd_door": door,
            "vastgelegd_op": timezone.now(),
        },
    )
    afspraak.regels.all().delete()
    Financieringsregel.objects.bulk_create(
        Financieringsregel(
            regio_id=traject.regio_id,
            afspraak=afspraak,
            financier=r.financier,
            voorfinanciering=r.voorfinanciering,
            start_per_kandidaat=r.start_per_kandidaat,
            resultaat_1_per_kandidaat=r.resultaat_1_per_kandidaat,
            resultaat_2_per_kandidaat=r.resultaat_2_per_kandidaat,
            aandeel_procent=r.aandeel_procent,
            in_natura=r.in_natura.strip(),
        )
        for r in regels
    )
    logger.info("financieringsafspraak %s vastgelegd voor traject %s", afspraak.pk, traject.pk)
    # The fund and the lines' shares decide who bears the costs without a rule of their own.
    reken_toe(traject=traject, door=door)
    from . import tasks

    transaction.on_commit(lambda: tasks.maak_vorderingen_voor_traject.delay(traject.pk))
    return afspraak


# ---- Budget and realised costs -------------------------------------------------------------


@transaction.atomic
def zet_begroting(*, traject: Traject, door: User, bedragen: dict[str, Decimal | None]) -> None:
    """The planned amount per cost category; None removes the category from the budget."""
    fouten = {}
    for categorie, bedrag in bedragen.items():
        if categorie not in KostenCategorie.values:
            raise ValueError(f"unknown cost category {categorie!r}")
        if bedrag is not None and bedrag < 0:
            fouten[categorie] = _("Een begroot bedrag kan niet negatief zijn.")
    if fouten:
        raise ValidationError(fouten)
    for categorie, bedrag in bedragen.items():
        if bedrag is None:
            Begrotingspost.objects.filter(traject=traject, categorie=categorie).delete()
        else:
            Begrotingspost.objects.update_or_create(
                traject=traject,
                categorie=categorie,
                defaults={"regio_id": traject.regio_id, "bedrag": bedrag},
            )


def _controleer_financier_van(traject: Traject, organisatie: Organisatie, veld: str) -> None:
    if organisatie.pk not in selectors.financier_ids_van(traject):
        raise ValidationError(
            {veld: _("Deze organisatie is geen financier in de afspraak van dit traject.")}
        )


@transaction.atomic
def boek_uitgave(
    *,
    traject: Traject,
    door: User,
    categorie: str,
    datum: date,
    omschrijving: str,
    bedrag: Decimal,
    in_natura_door: Organisatie | None = None,
) -> Uitgave:
    """A realised cost, attributed to its financiers at once. `in_natura_door`: a financier gave
    it instead of paying for it, `bedrag` is its value. A mistake is corrected with
    `corrigeer_uitgave` (rows are never changed)."""
    fouten = {}
    if categorie not in KostenCategorie.values:
        fouten["categorie"] = _("Kies een categorie.")
    if not omschrijving.strip():
        fouten["omschrijving"] = _("Beschrijf de uitgave.")
    if bedrag == 0:
        fouten["bedrag"] = _("Een uitgave van € 0 hoeft u niet te boeken.")
    elif bedrag < 0:
        fouten["bedrag"] = _(
            "Een uitgave is een positief bedrag. Een eerdere uitgave herstelt u met "
            "‘Corrigeren’ bij die uitgave."
        )
    try:
        GEBEURD(datum)
    except ValidationError as fout:
        fouten["datum"] = fout.messages
    if fouten:
        raise ValidationError(fouten)
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if in_natura_door is not None:
        _controleer_financier_van(traject, in_natura_door, "in_natura_door")
    uitgave = Uitgave.objects.create(
        regio_id=traject.regio_id,
        traject=traject,
        categorie=categorie,
        datum=datum,
        omschrijving=omschrijving.strip(),
        bedrag=bedrag,
        in_natura_door=in_natura_door,
        geboekt_door=door,
    )
    logger.info("uitgave %s geboekt op traject %s: %s", uitgave.pk, traject.pk, bedrag)
    reken_toe(traject=traject, door=door)
    return uitgave


@transaction.atomic
def corrigeer_uitgave(*, uitgave: Uitgave, door: User, bedrag: Decimal, reden: str) -> Uitgave:
    """Sets a cost to the right amount (0 cancels it) with a new row holding the difference,
    pointing at the cost; its attribution is reversed and booked again."""
    traject = Traject.objects.select_for_update().get(pk=uitgave.traject_id)
    kost = uitgave.corrigeert or uitgave
    fouten = {}
    if not reden.strip():
        fouten["reden"] = _("Geef de reden van de correctie.")
    if bedrag < 0:
        fouten["bedrag"] = _("Vul het juiste bedrag in: 0 of meer (0 schrapt de uitgave).")
    if fouten:
        raise ValidationError(fouten)
    huidig = selectors.bedrag_van_uitgave(kost)
    verschil = bedrag - huidig
    if not verschil:
        raise ValidationError(
            {"bedrag": _("De uitgave staat al op %(b)s.") % {"b": euro_tekst(huidig)}}
        )
    correctie = Uitgave.objects.create(
        regio_id=kost.regio_id,
        traject=traject,
        categorie=kost.categorie,
        datum=timezone.localdate(),
        omschrijving=(_("Correctie van %(n)s: %(r)s") % {"n": kost.nummer, "r": reden.strip()})[
            :200
        ],
        bedrag=verschil,
        corrigeert=kost,
        in_natura_door=kost.in_natura_door,
        geboekt_door=door,
    )
    logger.info("uitgave %s gecorrigeerd met %s (%s)", kost.pk, correctie.pk, verschil)
    reken_toe(traject=traject, door=door)
    return correctie


# ---- Coverage rules and the attribution of costs (docs/adr/0010) ---------------------------


@dataclass(frozen=True)
class DekkingInvoer:
    """One coverage rule as the form delivers it."""

    financier: Organisatie
    categorie: str
    procent: Decimal | None = None
    maximum: Decimal | None = None
    in_natura: bool = False


def _controleer_dekking(*, regio: Regio, regels: list[DekkingInvoer]) -> None:
    fouten: dict[str, list[str]] = {}

    def fout(sleutel, tekst):
        fouten.setdefault(sleutel, []).append(tekst)

    regio_orgs = set(regio.organisaties.values_list("pk", flat=True))
    gezien = set()
    per_categorie: dict[str, Decimal] = {}
    for i, r in enumerate(regels):
        if r.financier.pk not in regio_orgs:
            fout(f"regels.{i}.financier", _("Deze organisatie doet niet mee in deze regio."))
        elif r.financier.soort not in FINANCIER_SOORTEN:
            fout(
                f"regels.{i}.financier",
                _(
                    "Een financier is een O&O-fonds, WSP, gemeente, dienstverlener of subsidiegever."
                ),
            )
        if r.categorie not in KostenCategorie.values:
            fout(f"regels.{i}.categorie", _("Kies een categorie."))
        sleutel = (r.financier.pk, r.categorie, r.in_natura)
        if sleutel in gezien:
            fout(f"regels.{i}.categorie", _("Deze financier heeft al een regel voor deze kosten."))
        gezien.add(sleutel)
        if r.procent is None and r.maximum is None:
            fout(f"regels.{i}.procent", _("Vul een percentage, een maximum of allebei in."))
        if r.procent is not None and not 0 < r.procent <= HONDERD:
            fout(f"regels.{i}.procent", _("Een percentage ligt boven 0 en is hoogstens 100."))
        if r.maximum is not None and r.maximum <= 0:
            fout(f"regels.{i}.maximum", _("Een maximum is meer dan € 0."))
        if not r.in_natura:
            aandeel = r.procent if r.procent is not None else HONDERD
            per_categorie[r.categorie] = per_categorie.get(r.categorie, NUL) + aandeel
    for categorie, totaal in per_categorie.items():
        if totaal > HONDERD and categorie in KostenCategorie.values:
            fout(
                "regels",
                _("%(c)s: de financiers dekken samen meer dan 100%% (%(n)s%%).")
                % {
                    "c": KostenCategorie(categorie).label,
                    "n": f"{totaal.normalize():f}".replace(".", ","),
                },
            )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def leg_dekking_vast(
    *, traject: Traject, door: User, regels: list[DekkingInvoer]
) -> list[Dekkingsregel]:
    """Replaces the agreement's coverage rules (who covers which costs) and attributes every
    cost of the round again: what changes is reversed and booked anew."""
    traject = Traject.objects.select_for_update().select_related("regio").get(pk=traject.pk)
    afspraak = Financieringsafspraak.objects.filter(traject=traject).first()
    if afspraak is None:
        raise ValidationError(_("Leg eerst de financieringsafspraak vast."))
    _controleer_dekking(regio=traject.regio, regels=regels)
    afspraak.dekkingsregels.all().delete()
    nieuw = Dekkingsregel.objects.bulk_create(
        Dekkingsregel(
            regio_id=traject.regio_id,
            afspraak=afspraak,
            financier=r.financier,
            categorie=r.categorie,
            procent=r.procent,
            maximum=r.maximum,
            in_natura=r.in_natura,
        )
        for r in regels
    )
    logger.info("%s dekkingsregels vastgelegd voor traject %s", len(nieuw), traject.pk)
    reken_toe(traject=traject, door=door)
    return nieuw


def reken_toe(*, traject: Traject, door: User | None = None) -> int:
    """Brings the attribution bookings of the traject's costs in line with the rules: for each
    cost whose financiers' amounts differ from its current version, the open bookings are
    reversed and the next version is booked. Idempotent (a second call books nothing); callers
    hold the traject row lock. Returns the number of bookings made."""
    kosten, doel = selectors.doel_toerekening(traject)
    huidig: dict[int, dict[int, Toerekening]] = {}
    versies: dict[int, int] = {}
    for t in Toerekening.objects.filter(traject=traject).annotate(
        is_teruggeboekt=Exists(Toerekening.objects.filter(tegenboeking_van=OuterRef("pk")))
    ):
        versies[t.uitgave_id] = max(versies.get(t.uitgave_id, 0), t.versie)
        if t.tegenboeking_van_id is None and not t.is_teruggeboekt:
            huidig.setdefault(t.uitgave_id, {})[t.financier_id] = t
    tegenboekingen, nieuw = [], []
    for k in kosten:
        kost, categorie = k.id, k.categorie
        gewenst = doel.get(kost, {})
        open_ = huidig.get(kost, {})
        if {f: (t.bedrag, t.in_natura) for f, t in open_.items()} == gewenst:
            continue
        for t in open_.values():
            tegenboekingen.append(
                Toerekening(
                    regio_id=t.regio_id,
                    traject_id=t.traject_id,
                    uitgave_id=kost,
                    financier_id=t.financier_id,
                    categorie=t.categorie,
                    in_natura=t.in_natura,
                    versie=t.versie,
                    bedrag=-t.bedrag,
                    tegenboeking_van=t,
                    geboekt_door=door,
                )
            )
        versie = versies.get(kost, 0) + 1
        for financier_id, (bedrag, in_natura) in gewenst.items():
            nieuw.append(
                Toerekening(
                    regio_id=traject.regio_id,
                    traject_id=traject.pk,
                    uitgave_id=kost,
                    financier_id=financier_id,
                    categorie=categorie,
                    in_natura=in_natura,
                    versie=versie,
                    bedrag=bedrag,
                    geboekt_door=door,
                )
            )
    Toerekening.objects.bulk_create(tegenboekingen + nieuw)
    if tegenboekingen or nieuw:
        logger.info(
            "toerekening traject %s: %s tegenboekingen, %s nieuw",
            traject.pk,
            len(tegenboekingen),
            len(nieuw),
        )
    return len(tegenboekingen) + len(nieuw)


@transaction.atomic
def boek_financiersbetaling(
    *,
    traject: Traject,
    door: User,
    financier: Organisatie | None,
    bedrag: Decimal,
    datum: date,
    omschrijving: str = "",
) -> Financiersbetaling:
    """Money a financier paid towards the round (a negative amount corrects an earlier one).
    A subsidy paid this way counts in the round's coverage."""
    fouten = {}
    if financier is None:
        fouten["financier"] = _("Kies de financier.")
    if bedrag == 0:
        fouten["bedrag"] = _("Een betaling van € 0 hoeft u niet te boeken.")
    try:
        GEBEURD(datum)
    except ValidationError as fout:
        fouten["datum"] = fout.messages
    if fouten:
        raise ValidationError(fouten)
    _controleer_financier_van(traject, financier, "financier")
    betaling = Financiersbetaling.objects.create(
        regio_id=traject.regio_id,
        traject=traject,
        financier=financier,
        bedrag=bedrag,
        datum=datum,
        omschrijving=omschrijving.strip(),
        geboekt_door=door,
    )
    logger.info(
        "betaling %s van financier %s op traject %s: %s",
        betaling.pk,
        financier.pk,
        traject.pk,
        bedrag,
    )
    return betaling


# ---- Claims -------------------------------------------------------------------------------


def _eerste_overgang(deelname: Deelname, naar: str) -> date | None:
    eerste = traject_selectors.eerste_overgang(deelname, naar)
    return timezone.localdate(eerste) if eerste else None


def verdiend_op(deelname: Deelname, soort: str) -> date | None:
    """When the deelname earned a claim of this kind, or None if it has not (yet).

    START: entered the voorschakeltraject; RESULTAAT_I: vakopleiding completed; RESULTAAT_II:
    entered in dienst with a contract of at least 6 months (seed 000 §2.2). A transition that
    was undone earned nothing (trajecten.selectors.eerste_overgang leaves it out)."""
    if soort == VorderingSoort.START:
        if _start_al_gevorderd(deelname):
            return None
        return _eerste_overgang(deelname, DeelnameStatus.VOORSCHAKELTRAJECT)
    if soort == VorderingSoort.RESULTAAT_I:
        return deelname.vakopleiding_afgerond_op
    if soort == VorderingSoort.RESULTAAT_II:
        if (deelname.contract_duur_maanden or 0) < CONTRACT_MIN_MAANDEN:
            return None
        in_dienst = _eerste_overgang(deelname, DeelnameStatus.IN_DIENST)
        if in_dienst is None:
            return None
        return deelname.contract_start or in_dienst
    raise ValueError(f"unknown claim kind {soort!r}")


def _start_al_gevorderd(deelname: Deelname) -> bool:
    """A kandidaat placed again after the round was stopped (trajecten.annuleer_traject) does
    not start anew for the gemeente: the start financing was claimed in the stopped round."""
    vorige = deelname.vorige_deelname
    while vorige is not None and vorige.traject.status == TrajectStatus.GEANNULEERD:
        if Vordering.objects.filter(
            deelname=vorige, soort=VorderingSoort.START, status__in=GELDIG
        ).exists():
            return True
        vorige = vorige.vorige_deelname
    return False


@transaction.atomic
def maak_vordering(*, deelname: Deelname, soort: str) -> Vordering | None:
    """Creates the claim a deelname has earned, exactly once. Returns the (existing) claim, or
    None when nothing is owed: not earned, no agreement or fund, or no amount for the gemeente.

    The deelname row is locked so concurrent callers run one after the other; the unique
    constraint on (deelname, soort), reached through get_or_create, is the last word.
    """
    d = (
        Deelname.objects.select_for_update(of=("self",))
        .select_related("kandidaat", "traject")
        .get(pk=deelname.pk)
    )
    bestaand = Vordering.objects.filter(deelname=d, soort=soort).first()
    if bestaand is not None and bestaand.status != VorderingStatus.INGETROKKEN:
        return bestaand
    datum = verdiend_op(d, soort)
    if datum is None:
        return None
    afspraak = (
        Financieringsafspraak.objects.filter(traject_id=d.traject_id)
        .prefetch_related("regels")
        .first()
    )
    if afspraak is None or afspraak.fonds_id is None:
        return None
    regel = selectors.regel_voor_gemeente(afspraak, d.kandidaat.gemeente_id)
    bedrag = regel.bedrag_voor(soort) if regel else NUL
    if not bedrag:
        return None
    if bestaand is not None:
        # Withdrawn after an undo and earned again: the same claim (once per deelname and
        # kind) is submitted anew, with today's agreement.
        bestaand.status = VorderingStatus.INGEDIEND
        bestaand.bedrag, bestaand.verdiend_op, bestaand.fonds_id = bedrag, datum, afspraak.fonds_id
        bestaand.intrekkingsreden = ""
        bestaand.beoordeeld_door = bestaand.beoordeeld_op = None
        bestaand.save()
        logger.info("vordering %s opnieuw verdiend door deelname %s", bestaand.pk, d.pk)
        return bestaand
    vordering, nieuw = Vordering.objects.get_or_create(
        deelname=d,
        soort=soort,
        defaults={
            "regio_id": d.regio_id,
            "traject_id": d.traject_id,
            "gemeente_id": d.kandidaat.gemeente_id,
            "fonds_id": afspraak.fonds_id,
            "bedrag": bedrag,
            "verdiend_op": datum,
        },
    )
    if nieuw:
        logger.info(
            "vordering %s (%s, %s) aangemaakt voor deelname %s", vordering.pk, soort, bedrag, d.pk
        )
    return vordering


@transaction.atomic
def maak_verdiende_vorderingen(*, traject: Traject) -> list[Vordering]:
    """Every claim the traject's deelnames have earned so far (idempotent). Used when an
    agreement is made after results were recorded, and by the task that re-checks."""
    vorderingen = []
    for deelname in Deelname.objects.filter(traject=traject).order_by("pk"):
        for soort in VorderingSoort.values:
            vordering = maak_vordering(deelname=deelname, soort=soort)
            if vordering is not None:
                vorderingen.append(vordering)
    return vorderingen


def _is_klantmanager_van(user: User, vordering: Vordering) -> bool:
    return Lidmaatschap.objects.filter(
        regio_id=vordering.regio_id,
        user=user,
        organisatie_id=vordering.gemeente_id,
        rol=Rol.KLANTMANAGER,
        beeindigd_op__isnull=True,
    ).exists()


def _is_procesregisseur(user: User, regio_id: int) -> bool:
    return Lidmaatschap.objects.filter(
        regio_id=regio_id, user=user, rol=Rol.PROCESREGISSEUR, beeindigd_op__isnull=True
    ).exists()


@transaction.atomic
def beoordeel_vordering(
    *, vordering: Vordering, door: User, akkoord: bool, reden: str = ""
) -> Vordering:
    """The gemeente's decision. Approval books the claim as receivable in the fund (once: the
    claim row is locked, and the ledger's unique constraint backs it up)."""
    v = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if not _is_klantmanager_van(door, v):
        raise PermissionDenied("Only a klantmanager of the claim's gemeente decides on it.")
    if v.status != VorderingStatus.INGEDIEND:
        raise ValidationError(
            _("Deze vordering is al beoordeeld: %(s)s.") % {"s": v.get_status_display().lower()}
        )
    if not akkoord and not reden.strip():
        raise ValidationError(
            {"reden": _("Geef de reden van afwijzen; de procesregisseur ziet die.")}
        )
    v.status = VorderingStatus.GOEDGEKEURD if akkoord else VorderingStatus.AFGEWEZEN
    v.afwijzingsreden = "" if akkoord else reden.strip()
    v.beoordeeld_door = door
    v.beoordeeld_op = timezone.now()
    v.save(update_fields=["status", "afwijzingsreden", "beoordeeld_door", "beoordeeld_op"])
    if akkoord:
        _boek(
            regio_id=v.regio_id,
            fonds_id=v.fonds_id,
            soort=BoekingSoort.VORDERING,
            bedrag=v.bedrag,
            datum=timezone.localdate(),
            door=door,
            traject_id=v.traject_id,
            vordering=v,
            # The n-th approval after n withdrawals (each reversed by a correction).
            volgnummer=Boeking.objects.filter(vordering=v, soort=BoekingSoort.VORDERING).count(),
            omschrijving=f"{v.nummer} {v.get_soort_display()}",
        )
    logger.info("vordering %s: %s", v.pk, v.status)
    return v


@transaction.atomic
def dien_opnieuw_in(*, vordering: Vordering, door: User, toelichting: str) -> Vordering:
    """After a rejection the procesregisseur may submit the claim again, with an explanation."""
    v = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if v.status != VorderingStatus.AFGEWEZEN:
        raise ValidationError(_("Alleen een afgewezen vordering kan opnieuw worden ingediend."))
    if not toelichting.strip():
        raise ValidationError(
            {"toelichting": _("Licht toe wat er veranderd is sinds de afwijzing.")}
        )
    v.status = VorderingStatus.INGEDIEND
    v.afwijzingsreden = ""
    v.beoordeeld_door = None
    v.beoordeeld_op = None
    v.save(update_fields=["status", "afwijzingsreden", "beoordeeld_door", "beoordeeld_op"])
    logger.info("vordering %s opnieuw ingediend", v.pk)
    return v


@transaction.atomic
def registreer_betaling(
    *, vordering: Vordering, door: User, betaald_op: date, kenmerk: str = ""
) -> Vordering:
    """The procesregisseur records that the gemeente paid: the money enters the fund."""
    v = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if not _is_procesregisseur(door, v.regio_id):
        raise PermissionDenied("Only the procesregisseur records payments.")
    if v.status != VorderingStatus.GOEDGEKEURD:
        raise ValidationError(
            _("Alleen een goedgekeurde vordering kan als betaald worden geregistreerd (nu: %(s)s).")
            % {"s": v.get_status_display().lower()}
        )
    controleer(betaald_op=(GEBEURD, betaald_op))
    eerdere = Boeking.objects.filter(vordering=v, soort=BoekingSoort.ONTVANGST).count()
    _boek(
        regio_id=v.regio_id,
        fonds_id=v.fonds_id,
        soort=BoekingSoort.ONTVANGST,
        bedrag=v.bedrag,
        datum=betaald_op,
        door=door,
        traject_id=v.traject_id,
        vordering=v,
        volgnummer=eerdere,
        omschrijving=f"{v.nummer} {kenmerk.strip()}".strip()[:200],
    )
    v.status = VorderingStatus.BETAALD
    v.betaald_op = betaald_op
    v.betalingskenmerk = kenmerk.strip()
    v.betaling_geregistreerd_door = door
    v.save(
        update_fields=["status", "betaald_op", "betalingskenmerk", "betaling_geregistreerd_door"]
    )
    logger.info("vordering %s betaald", v.pk)
    return v


@transaction.atomic
def draai_betaling_terug(*, vordering: Vordering, door: User, reden: str) -> Vordering:
    """A payment recorded by mistake: a reversing booking, and the claim waits for payment
    again. The original booking stays."""
    v = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if not _is_procesregisseur(door, v.regio_id):
        raise PermissionDenied("Only the procesregisseur reverses payments.")
    if v.status != VorderingStatus.BETAALD:
        raise ValidationError(_("Deze vordering is niet als betaald geregistreerd."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden om de betaling terug te draaien.")})
    betaling = (
        Boeking.objects.filter(vordering=v, soort=BoekingSoort.ONTVANGST, correctie__isnull=True)
        .order_by("-volgnummer")
        .first()
    )
    _storneer(betaling, door=door, reden=reden, datum=timezone.localdate())
    v.status = VorderingStatus.GOEDGEKEURD
    v.betaald_op = None
    v.betalingskenmerk = ""
    v.betaling_geregistreerd_door = None
    v.save(
        update_fields=["status", "betaald_op", "betalingskenmerk", "betaling_geregistreerd_door"]
    )
    logger.info("betaling van vordering %s teruggedraaid", v.pk)
    return v


def _laatste_ongecorrigeerd(v: Vordering, soort: str) -> Boeking | None:
    return (
        Boeking.objects.filter(vordering=v, soort=soort, correctie__isnull=True)
        .order_by("-volgnummer")
        .first()
    )


@transaction.atomic
def trek_vordering_in(*, vordering: Vordering, door: User | None, reden: str) -> Vordering:
    """The event that earned the claim was undone: the claim is withdrawn, never deleted. What
    the ledger holds of it is reversed by corrections (the payment, then the approval)."""
    v = Vordering.objects.select_for_update().get(pk=vordering.pk)
    if v.status == VorderingStatus.INGETROKKEN:
        return v
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden om de vordering in te trekken.")})
    vandaag = timezone.localdate()
    for soort in (BoekingSoort.ONTVANGST, BoekingSoort.VORDERING):
        boeking = _laatste_ongecorrigeerd(v, soort)
        if boeking is not None:
            _storneer(boeking, door=door, reden=reden, datum=vandaag)
    v.status = VorderingStatus.INGETROKKEN
    v.intrekkingsreden = reden.strip()
    v.betaald_op = None
    v.betalingskenmerk = ""
    v.save(update_fields=["status", "intrekkingsreden", "betaald_op", "betalingskenmerk"])
    logger.info("vordering %s ingetrokken", v.pk)
    return v


@transaction.atomic
def trek_onverdiende_vorderingen_in(*, deelname: Deelname, door: User | None) -> list[Vordering]:
    """After an undone transition: each claim of the deelname that is no longer earned is
    withdrawn. One that cannot be reversed (the paid money has left the fund) stays, logged,
    for the procesregisseur to settle."""
    ingetrokken = []
    for v in Vordering.objects.filter(deelname=deelname).exclude(
        status=VorderingStatus.INGETROKKEN
    ):
        if verdiend_op(deelname, v.soort) is not None:
            continue
        try:
            with transaction.atomic():
                ingetrokken.append(
                    trek_vordering_in(
                        vordering=v,
                        door=door,
                        reden=_("De stap die deze vordering verdiende is ongedaan gemaakt."),
                    )
                )
        except ValidationError:
            logger.warning("vordering %s kon niet worden ingetrokken", v.pk)
    return ingetrokken


# ---- The ledger ---------------------------------------------------------------------------


def _vergrendel_fonds(regio_id: int, fonds_id: int) -> None:
    """Serialises bookings that depend on a fund's balance (until the transaction ends)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [regio_id, fonds_id])


def _boek(
    *,
    regio_id: int,
    fonds_id: int,
    soort: str,
    bedrag: Decimal,
    datum: date,
    door: User | None,
    traject_id: int | None = None,
    bron_traject_id: int | None = None,
    vordering: Vordering | None = None,
    volgnummer: int = 0,
    omschrijving: str = "",
    corrigeert: Boeking | None = None,
) -> Boeking:
    if corrigeert is not None:
        debet, credit = corrigeert.credit, corrigeert.debet
    else:
        debet, credit = BOEKINGSSCHEMA[soort]
    boeking = Boeking.objects.create(
        regio_id=regio_id,
        fonds_id=fonds_id,
        soort=soort,
        debet=debet,
        credit=credit,
        bedrag=bedrag,
        datum=datum,
        omschrijving=omschrijving.strip()[:200],
        traject_id=traject_id,
        bron_traject_id=bron_traject_id,
        vordering=vordering,
        volgnummer=volgnummer,
        corrigeert=corrigeert,
        geboekt_door=door,
    )
    logger.info(
        "boeking %s: %s %s (fonds %s, traject %s)", boeking.pk, soort, bedrag, fonds_id, traject_id
    )
    return boeking


def _controleer_fonds(regio: Regio, fonds: Organisatie) -> None:
    if fonds.soort != Soort.OO_FONDS or not regio.organisaties.filter(pk=fonds.pk).exists():
        raise ValidationError(_("Alleen een O&O-fonds in deze regio heeft een revolverend fonds."))


def _controleer_boeking(*, bedrag: Decimal, datum: date) -> None:
    fouten = {}
    if bedrag <= 0:
        fouten["bedrag"] = _("Boek een bedrag groter dan € 0.")
    try:
        GEBEURD(datum)
    except ValidationError as fout:
        fouten["datum"] = fout.messages
    if fouten:
        raise ValidationError(fouten)


def _controleer_traject(regio: Regio, traject: Traject | None) -> Traject:
    if traject is None:
        raise ValidationError({"traject": _("Kies het traject.")})
    if traject.regio_id != regio.pk:
        raise ValidationError({"traject": _("Dit traject hoort niet bij deze regio.")})
    return traject


@transaction.atomic
def boek_inleg(
    *,
    regio: Regio,
    fonds: Organisatie,
    door: User,
    bedrag: Decimal,
    datum: date,
    omschrijving: str = "",
) -> Boeking:
    """The O&O-fonds puts its own money into the revolving fund of this regio."""
    _controleer_fonds(regio, fonds)
    _controleer_boeking(bedrag=bedrag, datum=datum)
    return _boek(
        regio_id=regio.pk,
        fonds_id=fonds.pk,
        soort=BoekingSoort.INLEG,
        bedrag=bedrag,
        datum=datum,
        door=door,
        omschrijving=omschrijving,
    )


def _niet_meer_dan_beschikbaar(regio: Regio, fonds: Organisatie, bedrag: Decimal) -> None:
    beschikbaar = selectors.saldo(regio=regio, fonds=fonds, rekening=Rekening.KAS)
    if bedrag > beschikbaar:
        raise ValidationError(
            {
                "bedrag": _(
                    "Het fonds heeft %(b)s beschikbaar. Boek eerst een inleg van het O&O-fonds."
                )
                % {"b": euro_tekst(beschikbaar)}
            }
        )


@transaction.atomic
def boek_voorfinanciering(
    *,
    regio: Regio,
    fonds: Organisatie,
    traject: Traject | None,
    door: User,
    bedrag: Decimal,
    datum: date,
    omschrijving: str = "",
) -> Boeking:
    """Money out of the fund into a traject, at the fund's risk. Never more than it holds."""
    _controleer_fonds(regio, fonds)
    traject = _controleer_traject(regio, traject)
    _controleer_boeking(bedrag=bedrag, datum=datum)
    _vergrendel_fonds(regio.pk, fonds.pk)
    _niet_meer_dan_beschikbaar(regio, fonds, bedrag)
    return _boek(
        regio_id=regio.pk,
        fonds_id=fonds.pk,
        soort=BoekingSoort.VOORFINANCIERING,
        bedrag=bedrag,
        datum=datum,
        door=door,
        traject_id=traject.pk,
        omschrijving=omschrijving,
    )


@transaction.atomic
def boek_overdracht(
    *,
    regio: Regio,
    fonds: Organisatie,
    traject: Traject | None,
    door: User,
    bedrag: Decimal,
    datum: date,
    omschrijving: str = "",
) -> Boeking:
    """The returns of the previous round prefinance the next round (`traject`). At most what
    the previous round brought back and has not passed on yet."""
    _controleer_fonds(regio, fonds)
    traject = _controleer_traject(regio, traject)
    _controleer_boeking(bedrag=bedrag, datum=datum)
    if traject.vorige_ronde_id is None:
        raise ValidationError(
            {"traject": _("Een overdracht gaat naar een volgende ronde; kies een latere ronde.")}
        )
    _vergrendel_fonds(regio.pk, fonds.pk)
    stand = selectors.traject_saldi(regio=regio, fonds=fonds, traject_ids=[traject.vorige_ronde_id])
    vorige = stand.get(traject.vorige_ronde_id)
    over = vorige.beschikbaar_voor_volgende_ronde if vorige else NUL
    if bedrag > over:
        raise ValidationError(
            {
                "bedrag": _(
                    "De vorige ronde heeft %(b)s ontvangen dat nog niet is doorgegeven; meer kan "
                    "niet worden overgedragen."
                )
                % {"b": euro_tekst(over)}
            }
        )
    _niet_meer_dan_beschikbaar(regio, fonds, bedrag)
    return _boek(
        regio_id=regio.pk,
        fonds_id=fonds.pk,
        soort=BoekingSoort.OVERDRACHT,
        bedrag=bedrag,
        datum=datum,
        door=door,
        traject_id=traject.pk,
        bron_traject_id=traject.vorige_ronde_id,
        omschrijving=omschrijving,
    )


def _storneer(boeking: Boeking, *, door: User, reden: str, datum: date) -> Boeking:
    if boeking.soort == BoekingSoort.CORRECTIE:
        raise ValidationError(_("Een tegenboeking wordt niet teruggedraaid; boek opnieuw."))
    if Boeking.objects.filter(corrigeert=boeking).exists():
        raise ValidationError(_("Deze boeking is al gecorrigeerd."))
    _vergrendel_fonds(boeking.regio_id, boeking.fonds_id)
    if boeking.debet == Rekening.KAS:
        # Reversing money that came in: the fund must still hold it.
        beschikbaar = selectors.saldo(
            regio=boeking.regio, fonds=boeking.fonds, rekening=Rekening.KAS
        )
        if boeking.bedrag > beschikbaar:
            raise ValidationError(
                _("Het fonds heeft maar %(b)s beschikbaar; deze boeking kan niet terug.")
                % {"b": euro_tekst(beschikbaar)}
            )
    return _boek(
        regio_id=boeking.regio_id,
        fonds_id=boeking.fonds_id,
        soort=BoekingSoort.CORRECTIE,
        bedrag=boeking.bedrag,
        datum=datum,
        door=door,
        traject_id=boeking.traject_id,
        bron_traject_id=boeking.bron_traject_id,
        vordering=boeking.vordering,
        # A claim's corrections are numbered among themselves (a claim may see a reversed
        # payment and a withdrawal).
        volgnummer=Boeking.objects.filter(
            vordering=boeking.vordering, soort=BoekingSoort.CORRECTIE
        ).count()
        if boeking.vordering_id
        else 0,
        omschrijving=_("Correctie van %(b)s: %(r)s") % {"b": boeking.pk, "r": reden.strip()},
        corrigeert=boeking,
    )


@transaction.atomic
def corrigeer_boeking(*, boeking: Boeking, door: User, reden: str) -> Boeking:
    """A reversing booking (storno) for a manual booking; claim bookings are corrected through
    the claim (draai_betaling_terug)."""
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de correctie.")})
    if boeking.vordering_id is not None:
        raise ValidationError(
            _("Deze boeking hoort bij een vordering; corrigeer haar via de vordering.")
        )
    return _storneer(boeking, door=door, reden=reden, datum=timezone.localdate())
