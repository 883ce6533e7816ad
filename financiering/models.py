"""Financing of a traject: the agreement and its lines per financier, the budget and realised
costs, the claims (Vordering) on gemeenten, and the revolving fund's ledger (Boeking).

Money is `Decimal` with two places everywhere (`BEDRAG`), never float. Balances, percentages and
totals are derived with aggregate queries (financiering/selectors.py), never stored.

Writes go only through financiering/services.py. Two tables are append-only: `Boeking` (the
ledger; also enforced by a PostgreSQL trigger, migration 0002) and `Uitgave` (realised costs).
A mistake is corrected with a new row, never by editing or deleting one.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, PERIODE
from organisaties.models import (
    AlleenToevoegen,
    RegioGebonden,
    alleen_toevoegen_manager,
)

BEDRAG = {"max_digits": 12, "decimal_places": 2}
PERCENTAGE = {"max_digits": 5, "decimal_places": 2}
NUL = Decimal("0.00")


class AfspraakSoort(models.TextChoices):
    VOOR_RESULTAAT = "voor_resultaat", _("Voor- en resultaatfinanciering")
    COFINANCIERING = "cofinanciering", _("Cofinanciering")
    SUBSIDIE = "subsidie", _("Subsidie")
    IN_NATURA = "in_natura", _("In natura")


class Financieringsafspraak(RegioGebonden):
    """How one traject is financed. One per traject; its lines say who pays what."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="financieringsafspraak"
    )
    soort = models.CharField(_("soort financiering"), max_length=20, choices=AfspraakSoort.choices)
    fonds = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revolverend fonds (O&O-fonds)"),
        help_text=_("Het O&O-fonds dat voorfinanciert en waarin de betalingen terugvloeien."),
    )
    penvoerder = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penvoerder"),
        help_text=_("Bij subsidie: de partij die aanvraagt, verantwoordt en wordt gecontroleerd."),
    )
    verantwoording = models.TextField(
        _("verantwoordings- en rapportageplicht"),
        blank=True,
        help_text=_("Wat de penvoerder aan de subsidiegever moet rapporteren."),
    )
    verantwoording_uiterlijk = models.DateField(
        _("verantwoording uiterlijk op"), null=True, blank=True, validators=[PERIODE]
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("financieringsafspraak")
        verbose_name_plural = _("financieringsafspraken")

    def __str__(self):
        return f"{self.get_soort_display()} – {self.traject}"


class Financieringsregel(RegioGebonden):
    """What one financier contributes to a traject: prefinancing, amounts per kandidaat, a share.

    A line without financier holds the default amounts for every gemeente that brings a
    kandidaat; a line for a named gemeente overrides it for that gemeente's kandidaten.
    """

    afspraak = models.ForeignKey(
        Financieringsafspraak, on_delete=models.CASCADE, related_name="regels"
    )
    financier = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financieringsregels",
        verbose_name=_("financier"),
    )
    voorfinanciering = models.DecimalField(_("voorfinanciering"), default=NUL, **BEDRAG)
    start_per_kandidaat = models.DecimalField(
        _("startfinanciering per kandidaat"), default=NUL, **BEDRAG
    )
    resultaat_1_per_kandidaat = models.DecimalField(
        _("resultaatfinanciering I per kandidaat"), default=NUL, **BEDRAG
    )
    resultaat_2_per_kandidaat = models.DecimalField(
        _("resultaatfinanciering II per kandidaat"), default=NUL, **BEDRAG
    )
    aandeel_procent = models.DecimalField(
        _("aandeel in de kosten (%)"), null=True, blank=True, **PERCENTAGE
    )
    in_natura = models.CharField(_("bijdrage in natura"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("financieringsregel")
        verbose_name_plural = _("financieringsregels")
        ordering = ["financier__naam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["afspraak", "financier"],
                nulls_distinct=False,
                name="financieringsregel_een_per_financier",
            ),
            models.CheckConstraint(
                condition=Q(voorfinanciering__gte=0)
                & Q(start_per_kandidaat__gte=0)
                & Q(resultaat_1_per_kandidaat__gte=0)
                & Q(resultaat_2_per_kandidaat__gte=0),
                name="financieringsregel_bedragen_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(aandeel_procent__isnull=True)
                | Q(aandeel_procent__gte=0, aandeel_procent__lte=100),
                name="financieringsregel_aandeel_0_100",
            ),
        ]

    def __str__(self):
        return str(self.financier or _("Elke aanbrengende gemeente"))

    def bedrag_voor(self, soort: str) -> Decimal:
        return {
            VorderingSoort.START: self.start_per_kandidaat,
            VorderingSoort.RESULTAAT_I: self.resultaat_1_per_kandidaat,
            VorderingSoort.RESULTAAT_II: self.resultaat_2_per_kandidaat,
        }[soort]


class KostenCategorie(models.TextChoices):
    """What a cost is for: the blocks of seed 000 §2.2/§4.2, split as financiers split them
    (an O&O-fonds pays the assessment and vakopleiding, a WSP the procesregie and the other
    modules, a gemeente the travel costs). `werving_begeleiding` is the bundle a dienstverlener
    invoices as one (and what costs were booked as before the split); `ontwikkeling` is left out
    of the price per deelnemer."""

    PROCESREGIE = "procesregie", _("Procesregie")
    WERVING = "werving", _("Werving en selectie")
    ASSESSMENT = "assessment", _("Praktijkassessment")
    VOORSCHAKELTRAJECT = "voorschakeltraject", _("Voorschakeltraject en modules")
    VCA = "vca", _("VCA")
    VAKOPLEIDING = "vakopleiding", _("Vakopleiding")
    BEGELEIDING = "begeleiding", _("Begeleiding en nazorg")
    REISKOSTEN = "reiskosten", _("Reiskosten")
    OVERIG = "overig", _("Overig")
    WERVING_BEGELEIDING = (
        "werving_begeleiding",
        _("Werving, voorschakeltraject en begeleiding (samen)"),
    )
    ONTWIKKELING = "ontwikkeling", _("Ontwikkel- en opstartkosten")


# Bands per deelnemer from seed 000 (the per-person price excludes development and start-up).
BAND_PER_DEELNEMER = (Decimal("6500"), Decimal("11000"))
CATEGORIE_BANDEN = {
    KostenCategorie.WERVING_BEGELEIDING: (Decimal("3500"), Decimal("5500")),
    KostenCategorie.VAKOPLEIDING: (Decimal("2000"), Decimal("3500")),
    KostenCategorie.VCA: (Decimal("500"), Decimal("500")),
    KostenCategorie.PROCESREGIE: (Decimal("850"), Decimal("2000")),
}
OPSTARTKOSTEN_EERSTE_START = Decimal("16000")


class Dekkingsregel(RegioGebonden):
    """Which costs one financier covers: a cost category, with a percentage of every cost in it,
    a maximum over the round, or both (a percentage up to a maximum; a maximum alone is 100% up
    to it). `in_natura`: the financier gives this part itself instead of paying for it; such a
    rule is its promise (what is agreed), the value given is booked as a cost in kind.

    The attribution of every cost to its financiers follows these rules
    (financiering/toerekening.py, docs/adr/0010-toerekening-en-afronding.md)."""

    afspraak = models.ForeignKey(
        Financieringsafspraak, on_delete=models.CASCADE, related_name="dekkingsregels"
    )
    financier = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="dekkingsregels",
        verbose_name=_("financier"),
    )
    categorie = models.CharField(_("kosten"), max_length=30, choices=KostenCategorie.choices)
    procent = models.DecimalField(_("percentage"), null=True, blank=True, **PERCENTAGE)
    maximum = models.DecimalField(_("maximum voor de ronde"), null=True, blank=True, **BEDRAG)
    in_natura = models.BooleanField(_("in natura"), default=False)

    class Meta:
        verbose_name = _("dekkingsregel")
        verbose_name_plural = _("dekkingsregels")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["afspraak", "financier", "categorie", "in_natura"],
                name="dekkingsregel_een_per_financier_en_categorie",
            ),
            models.CheckConstraint(
                condition=Q(procent__isnull=False) | Q(maximum__isnull=False),
                name="dekkingsregel_procent_of_maximum",
            ),
            models.CheckConstraint(
                condition=Q(procent__isnull=True) | Q(procent__gt=0, procent__lte=100),
                name="dekkingsregel_procent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gt=0),
                name="dekkingsregel_maximum_positief",
            ),
        ]

    def __str__(self):
        return f"{self.financier}: {self.get_categorie_display()}"

    @property
    def aandeel(self) -> Decimal:
        """The percentage this rule takes of each cost (a maximum alone: 100%)."""
        return self.procent if self.procent is not None else Decimal(100)


class Begrotingspost(RegioGebonden):
    """The planned amount of one cost category for a traject (a plan, so it may be changed)."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="begrotingsposten"
    )
    categorie = models.CharField(max_length=30, choices=KostenCategorie.choices)
    bedrag = models.DecimalField(_("begroot"), **BEDRAG)

    class Meta:
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        constraints = [
            models.UniqueConstraint(fields=["traject", "categorie"], name="begrotingspost_uniek"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="begrotingspost_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.get_categorie_display()}: {self.bedrag}"


class Uitgave(RegioGebonden):
    """A realised cost of a traject. Append-only: a correction is a new row that points at the
    cost it corrects (`corrigeert`) and holds the difference, so the cost's amount is its own
    plus its corrections'. (Older corrections are negative rows without a pointer.)

    A cost `in_natura_door` a financier was not paid in money: the financier gave it (its own
    opleider gave the vakopleiding) and the amount is its value. It counts in the round's cost
    and coverage, is attributed to that financier as in kind, and never touches a fund."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="uitgaven"
    )
    categorie = models.CharField(_("categorie"), max_length=30, choices=KostenCategorie.choices)
    datum = models.DateField(_("datum"), validators=[GEBEURD])
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    corrigeert = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correcties",
        verbose_name=_("correctie van"),
    )
    in_natura_door = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in natura geleverd door"),
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    geboekt_op = models.DateTimeField(default=timezone.now)

    objects = alleen_toevoegen_manager()

    class Meta:
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(bedrag=0), name="uitgave_niet_nul"),
        ]

    def __str__(self):
        return f"{self.omschrijving}: {self.bedrag}"

    @property
    def nummer(self) -> str:
        return f"U{self.pk:06d}" if self.pk else "U–"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Uitgaven worden niet gewijzigd: boek een correctie.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Uitgaven worden niet verwijderd: boek een correctie.")


class VorderingSoort(models.TextChoices):
    START = "start", _("Startfinanciering")
    RESULTAAT_I = "resultaat_1", _("Resultaatfinanciering I (vakopleiding afgerond)")
    RESULTAAT_II = "resultaat_2", _("Resultaatfinanciering II (contract van 6 maanden of langer)")


class VorderingStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Wacht op akkoord gemeente")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd, wacht op betaling")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BETAALD = "betaald", _("Betaald")
    # The transition that earned it was undone: its bookings are reversed, the row stays.
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# Claims that count as money owed (not rejected, not withdrawn).
GELDIG = [
    VorderingStatus.INGEDIEND,
    VorderingStatus.GOEDGEKEURD,
    VorderingStatus.BETAALD,
]


class Vordering(RegioGebonden):
    """A claim on the gemeente that brought the kandidaat, earned by one event of a deelname.

    Exactly one per (deelname, soort): the unique constraint is the last word, the claim service
    also locks the deelname. The amount is a snapshot of the agreement at the time it was earned.
    """

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="vorderingen"
    )
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.PROTECT, related_name="vorderingen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=VorderingSoort.choices)
    gemeente = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="vorderingen",
        verbose_name=_("gemeente"),
    )
    fonds = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fonds"),
    )
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VorderingStatus.choices,
        default=VorderingStatus.INGEDIEND,
    )
    verdiend_op = models.DateField(_("verdiend op"), editable=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    afwijzingsreden = models.TextField(_("reden van afwijzen"), blank=True)
    intrekkingsreden = models.TextField(_("reden van intrekken"), blank=True)
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True, validators=[GEBEURD])
    betalingskenmerk = models.CharField(_("betalingskenmerk"), max_length=100, blank=True)
    betaling_geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vordering")
        verbose_name_plural = _("vorderingen")
        ordering = ["-verdiend_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deelname", "soort"],
                name="vordering_eenmaal_per_deelname_en_soort",
                violation_error_message=_("Deze vordering bestaat al."),
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="vordering_bedrag_positief"),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(afwijzingsreden=""),
                name="vordering_afwijzing_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status="betaald") | Q(betaald_op__isnull=False),
                name="vordering_betaald_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(status="ingetrokken") | ~Q(intrekkingsreden=""),
                name="vordering_intrekking_met_reden",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "status"]),
            models.Index(fields=["traject", "soort"]),
            # The claims list page by page, newest first (docs/performance.md).
            models.Index(fields=["regio", "verdiend_op", "id"], name="vordering_regio_verdiend"),
        ]

    def __str__(self):
        return f"{self.nummer} {self.get_soort_display()}"

    @property
    def nummer(self) -> str:
        return f"V{self.pk:06d}" if self.pk else "V–"


class Rekening(models.TextChoices):
    """The accounts of one revolving fund. Debit-normal: kas, uitgezet, te_ontvangen;
    credit-normal: inleg, opbrengst."""

    KAS = "kas", _("Beschikbaar in het fonds")
    UITGEZET = "uitgezet", _("Voorgefinancierd aan trajecten")
    TE_ONTVANGEN = "te_ontvangen", _("Te ontvangen van gemeenten")
    INLEG = "inleg", _("Inleg van het O&O-fonds")
    OPBRENGST = "opbrengst", _("Start- en resultaatfinanciering")


class BoekingSoort(models.TextChoices):
    INLEG = "inleg", _("Inleg in het fonds")
    VOORFINANCIERING = "voorfinanciering", _("Voorfinanciering aan een traject")
    OVERDRACHT = "overdracht", _("Overdracht naar de volgende ronde")
    VORDERING = "vordering", _("Vordering goedgekeurd")
    ONTVANGST = "ontvangst", _("Betaling ontvangen")
    CORRECTIE = "correctie", _("Correctie (tegenboeking)")


# (debet, credit) of each kind of booking; a correction swaps those of the booking it reverses.
BOEKINGSSCHEMA: dict[str, tuple[str, str]] = {
    BoekingSoort.INLEG: (Rekening.KAS, Rekening.INLEG),
    BoekingSoort.VOORFINANCIERING: (Rekening.UITGEZET, Rekening.KAS),
    BoekingSoort.OVERDRACHT: (Rekening.UITGEZET, Rekening.KAS),
    BoekingSoort.VORDERING: (Rekening.TE_ONTVANGEN, Rekening.OPBRENGST),
    BoekingSoort.ONTVANGST: (Rekening.KAS, Rekening.TE_ONTVANGEN),
}


class Boeking(RegioGebonden):
    """One line of the revolving fund's double-entry ledger: `bedrag` (always > 0) moves from
    the `credit` account to the `debet` account of fund `fonds` in `regio`.

    Each row is a complete double entry (one debit, one credit of the same amount), so the sum
    over all accounts is zero by construction and every balance is Σ debet − Σ credit of that
    account (selectors.py). Which accounts a kind of booking touches is fixed in
    `BOEKINGSSCHEMA`. The row says what caused it: the traject, the claim (`vordering`), the
    previous round (`bron_traject`, for a transfer) or the booking it reverses (`corrigeert`).
    Append-only: the model and queryset refuse update and delete, and a PostgreSQL trigger
    (migration 0002) refuses them in the database. See docs/adr/0005-grootboek.md.
    """

    fonds = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="boekingen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BoekingSoort.choices)
    debet = models.CharField(max_length=20, choices=Rekening.choices)
    credit = models.CharField(max_length=20, choices=Rekening.choices)
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    datum = models.DateField(_("datum"), validators=[GEBEURD])
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="boekingen",
    )
    bron_traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overdrachten",
        help_text=_("Bij een overdracht: de ronde waarvan de opbrengst wordt doorgegeven."),
    )
    vordering = models.ForeignKey(
        Vordering, on_delete=models.PROTECT, null=True, blank=True, related_name="boekingen"
    )
    # The n-th payment of a claim (after n reversed ones): with the unique constraint below a
    # claim is approved once and paid once at a time, even if two requests race.
    volgnummer = models.PositiveSmallIntegerField(default=0)
    corrigeert = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correctie"
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geboekt_op = models.DateTimeField(default=timezone.now)

    objects = alleen_toevoegen_manager()

    class Meta:
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="boeking_bedrag_positief"),
            models.CheckConstraint(condition=~Q(debet=F("credit")), name="boeking_twee_rekeningen"),
            models.CheckConstraint(
                condition=Q(soort="correctie", corrigeert__isnull=False)
                | (~Q(soort="correctie") & Q(corrigeert__isnull=True)),
                name="boeking_correctie_verwijst",
            ),
            models.CheckConstraint(
                condition=~Q(soort__in=["voorfinanciering", "overdracht", "vordering", "ontvangst"])
                | Q(traject__isnull=False),
                name="boeking_traject_verplicht",
            ),
            models.UniqueConstraint(
                fields=["vordering", "soort", "volgnummer"],
                condition=Q(vordering__isnull=False),
                name="boeking_vordering_eenmaal",
            ),
        ]
        indexes = [
            models.Index(fields=["fonds", "traject"]),
            # The fund's bookings page by page, newest first (docs/performance.md).
            models.Index(fields=["regio", "fonds", "datum", "id"], name="boeking_fonds_datum"),
        ]

    def __str__(self):
        return f"{self.datum} {self.get_soort_display()} {self.bedrag}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Boekingen worden niet gewijzigd: boek een correctie.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Boekingen worden niet verwijderd: boek een correctie.")


class Toerekening(RegioGebonden):
    """One attribution booking: part of a cost (`uitgave`, the original cost line) borne by one
    financier, following the agreement's coverage rules. Written only by
    financiering/toerekening.py, automatically, whenever a cost, its correction or the rules
    change.

    Versioned and append-only like the ledger: the n-th attribution of a cost is `versie` n,
    once per (cost, financier, versie) (unique constraint). When a correction or a new rule
    changes what a cost's financiers bear, each open booking of the current version is reversed
    by a booking with the opposite amount (`tegenboeking_van`, at most once) and the next version
    is booked; nothing is updated or deleted (model, queryset and the PostgreSQL trigger of
    migration 0004). The sum over a financier's bookings is what it bears today."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="toerekeningen"
    )
    uitgave = models.ForeignKey(Uitgave, on_delete=models.PROTECT, related_name="toerekeningen")
    financier = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    categorie = models.CharField(max_length=30, choices=KostenCategorie.choices)
    in_natura = models.BooleanField(default=False)
    versie = models.PositiveIntegerField()
    bedrag = models.DecimalField(**BEDRAG)
    tegenboeking_van = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="tegenboeking"
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geboekt_op = models.DateTimeField(default=timezone.now)

    objects = alleen_toevoegen_manager()

    class Meta:
        verbose_name = _("toerekening")
        verbose_name_plural = _("toerekeningen")
        ordering = ["uitgave_id", "versie", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(bedrag=0), name="toerekening_niet_nul"),
            models.UniqueConstraint(
                fields=["uitgave", "financier", "versie"],
                condition=Q(tegenboeking_van__isnull=True),
                name="toerekening_eenmaal_per_versie",
            ),
        ]
        indexes = [models.Index(fields=["traject", "financier"])]

    def __str__(self):
        return f"{self.uitgave_id} v{self.versie} {self.financier_id}: {self.bedrag}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Toerekeningen worden niet gewijzigd: reken opnieuw toe.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Toerekeningen worden niet verwijderd: reken opnieuw toe.")


class Financiersbetaling(RegioGebonden):
    """Money a financier paid towards a round (a cofinancier's share, a subsidy tranche).
    Append-only; a negative amount corrects an earlier one. The O&O-fonds's prefinancing out of
    its revolving fund is in the ledger (Boeking) and counts as paid without a row here."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="financiersbetalingen"
    )
    financier = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    bedrag = models.DecimalField(_("bedrag"), **BEDRAG)
    datum = models.DateField(_("betaald op"), validators=[GEBEURD])
    omschrijving = models.CharField(_("omschrijving of kenmerk"), max_length=200, blank=True)
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    geboekt_op = models.DateTimeField(default=timezone.now)

    objects = alleen_toevoegen_manager()

    class Meta:
        verbose_name = _("betaling van een financier")
        verbose_name_plural = _("betalingen van financiers")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(bedrag=0), name="financiersbetaling_niet_nul"),
        ]
        indexes = [models.Index(fields=["traject", "financier"])]

    def __str__(self):
        return f"{self.datum} {self.financier_id}: {self.bedrag}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Betalingen worden niet gewijzigd: boek een correctie.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Betalingen worden niet verwijderd: boek een correctie.")
