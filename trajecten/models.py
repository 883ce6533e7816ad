"""Traject (one round of a leerwerktraject), its phase plan, partners and opstart checklist;
Deelname (a kandidaat in a traject) and its states; Mijlpalen; and the history (Gebeurtenis).

State changes go only through trajecten/services.py; the allowed transitions are in
trajecten/workflow.py.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, GEPLAND
from organisaties.models import RegioGebonden, Rol


class Branche(models.TextChoices):
    GLAS = "glas", _("Glas")
    INSTALLATIETECHNIEK = "installatietechniek", _("Installatietechniek")
    ELEKTROTECHNIEK = "elektrotechniek", _("Elektrotechniek")
    ISOLATIE = "isolatie", _("Isolatie")
    BOUW = "bouw", _("Bouw")
    INFRA = "infra", _("Infra")
    SCHILDEREN = "schilderen", _("Schilderen")
    ENERGIETRANSITIE = "energietransitie", _("Energietransitie")
    OVERIG = "overig", _("Overig")


class Beroep(models.Model):
    """An entry job (instapfunctie). Seeded from the pilots; a beheerder can add more."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    branche = models.CharField(_("branche"), max_length=30, choices=Branche.choices)

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class TrajectStatus(models.TextChoices):
    OPSTART = "opstart", _("Opstart")
    WERVING = "werving", _("Werving")
    VOORSCHAKELTRAJECT = "voorschakeltraject", _("Voorschakeltraject")
    PROEFPERIODE = "proefperiode", _("Proefperiode")
    NAZORG = "nazorg", _("Nazorg")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


GROEP_MINIMUM = 8
GROEP_ADVIES = 10  # the financing model assumes 10; below it gemeenten hesitate
GROEP_MAXIMUM = 14
GROEP_GRENS = 50  # above 14 needs a reason; above this it is no longer one group


class Traject(RegioGebonden):
    naam = models.CharField(_("naam"), max_length=150)
    branche = models.CharField(_("branche"), max_length=30, choices=Branche.choices)
    beroep = models.ForeignKey(Beroep, on_delete=models.PROTECT, verbose_name=_("beroep"))
    ronde = models.PositiveSmallIntegerField(_("ronde"), default=1)
    vorige_ronde = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgende_ronde",
        verbose_name=_("vorige ronde"),
    )
    groepsgrootte = models.PositiveSmallIntegerField(
        _("geplande groepsgrootte"), default=10, validators=[MaxValueValidator(GROEP_GRENS)]
    )
    reden_groepsgrootte = models.TextField(_("reden voor een groep groter dan 14"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus.choices, default=TrajectStatus.OPSTART
    )
    annuleringsreden = models.TextField(_("reden van annuleren"), blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    # The steps of werving and selectie this round uses (part of the phase plan). A round
    # without an assessment selects straight after the intake; the state machine offers the
    # shorter route and the funnel shows no count for a step the round does not have.
    met_intake = models.BooleanField(_("intake"), default=True)
    met_assessment = models.BooleanField(_("praktijkassessment"), default=True)
    met_selectie = models.BooleanField(_("selectiebesluit"), default=True)

    # What klantmanagers see in the catalogue of open trajecten.
    omschrijving = models.TextField(_("wat houdt het traject in"), blank=True)
    doelgroep = models.TextField(_("voor wie"), blank=True)
    toelatingseisen = models.TextField(_("eisen aan de kandidaat"), blank=True)
    rooster = models.TextField(_("rooster en uren"), blank=True)
    certificaat = models.CharField(_("certificaat"), max_length=200, blank=True)
    baanperspectief = models.TextField(_("baanperspectief"), blank=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.naam

    @property
    def is_actief(self):
        return self.status not in (TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD)

    @property
    def groep_waarschuwing(self) -> str:
        if self.groepsgrootte < GROEP_ADVIES:
            return _(
                "Een groep kleiner dan 10 maakt de prijs per deelnemer hoger; gemeenten haken dan "
                "vaak af."
            )
        return ""


class Fase(models.TextChoices):
    """The blocks of the phase plan (each about two months; contract and nazorg ≥ 6)."""

    WERVING = "werving", _("Werving en selectie")
    VOORSCHAKELTRAJECT = "voorschakeltraject", _("Voorschakeltraject en vakopleiding")
    PROEFPERIODE = "proefperiode", _("Proefperiode")
    NAZORG = "nazorg", _("Contract en nazorg")


class FasePlanning(RegioGebonden):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="faseplanning")
    fase = models.CharField(max_length=20, choices=Fase.choices)
    gepland_start = models.DateField(_("geplande start"), validators=[GEPLAND])
    gepland_eind = models.DateField(_("gepland einde"), validators=[GEPLAND])

    class Meta:
        ordering = ["gepland_start"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "fase"], name="faseplanning_uniek"),
            models.CheckConstraint(
                condition=Q(gepland_eind__gte=models.F("gepland_start")),
                name="faseplanning_eind_na_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_fase_display()}: {self.gepland_start} – {self.gepland_eind}"


class PartnerRol(models.TextChoices):
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    OO_FONDS = "oo_fonds", _("O&O-fonds")
    OPLEIDER = "opleider", _("Opleider")
    DIENSTVERLENER = "dienstverlener", _("Dienstverlener")
    GEMEENTE = "gemeente", _("Gemeente")
    WERKGEVER = "werkgever", _("Werkgever")


class TrajectPartner(RegioGebonden):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="partners")
    organisatie = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="trajectpartnerschappen"
    )
    rol = models.CharField(max_length=20, choices=PartnerRol.choices)

    class Meta:
        ordering = ["rol", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "organisatie", "rol"], name="trajectpartner_uniek"
            ),
            # Exactly one party holds procesregie per traject.
            models.UniqueConstraint(
                fields=["traject"],
                condition=Q(rol="procesregisseur"),
                name="traject_een_procesregisseur",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} ({self.get_rol_display()})"


class StapStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEDAAN = "gedaan", _("Gedaan")
    NVT = "nvt", _("Niet van toepassing")


class ChecklistStap(RegioGebonden):
    """One step of the opstart checklist (seed 000 bijlage 2, seed 002 bijlage B)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="checklist")
    volgorde = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    titel = models.CharField(_("stap"), max_length=200)
    toelichting = models.TextField(blank=True)
    bron = models.CharField(max_length=100, blank=True)
    eigenaar_rol = models.CharField(_("eigenaar (rol)"), max_length=20, choices=Rol.choices)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=[GEPLAND])
    status = models.CharField(max_length=10, choices=StapStatus.choices, default=StapStatus.OPEN)
    reden_nvt = models.TextField(_("reden niet van toepassing"), blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "code"], name="checkliststap_uniek"),
            models.CheckConstraint(
                condition=~Q(status="nvt") | ~Q(reden_nvt=""),
                name="checkliststap_nvt_met_reden",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def bron_titel(self) -> str:
        """The source as the user reads it: the report's title (trajecten/opstart.py)."""
        from .opstart import bron_voor_gebruiker

        return bron_voor_gebruiker(self.bron)

    @property
    def te_laat(self) -> bool:
        return (
            self.status == StapStatus.OPEN
            and self.deadline is not None
            and self.deadline < date.today()
        )


class DeelnameStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    GESELECTEERD = "geselecteerd", _("Geselecteerd")
    VOORSCHAKELTRAJECT = "voorschakeltraject", _("Voorschakeltraject")
    VAKOPLEIDING = "vakopleiding", _("Vakopleiding")
    PROEFPERIODE = "proefperiode", _("Proefperiode")
    IN_DIENST = "in_dienst", _("In dienst")
    NAZORG = "nazorg", _("Nazorg")
    AFGEROND = "afgerond", _("Afgerond")
    NIET_GESELECTEERD = "niet_geselecteerd", _("Niet geselecteerd")
    WACHTLIJST = "wachtlijst", _("Wachtlijst volgende ronde")
    PLAN_B = "plan_b", _("Plan B")
    GEPARKEERD = "geparkeerd", _("Geparkeerd")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")


class UitvalReden(models.TextChoices):
    """Reasons for drop-out seen in the pilots (seed 000)."""

    HUISVESTING = "huisvesting", _("Huisvesting")
    SCHULDEN = "schulden", _("Schulden")
    GEZINSHERENIGING = "gezinshereniging", _("Gezinshereniging")
    NIET_ARBEIDSFIT = "niet_arbeidsfit", _("Niet arbeidsfit genoeg")
    TAAL = "taal", _("Taal")
    INKOMENSTERUGVAL = "inkomensterugval", _("Inkomensterugval (uitkering vs. loon)")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    ANDERS = "anders", _("Anders")
    # Only through stopping the round (services.annuleer_traject), never chosen by hand.
    TRAJECT_GESTOPT = "traject_gestopt", _("Traject gestopt")


class UitvalAlternatief(models.TextChoices):
    """Plan B after drop-out (seed 000 stap 10, seed 002: parkeren en doorverwijzen)."""

    ANDER_TRAJECT = "ander_traject", _("Ander traject")
    ANDERE_SECTOR = "andere_sector", _("Andere sector")
    LATERE_RONDE = "latere_ronde", _("Latere ronde")
    GEEN = "geen", _("Geen alternatief")


CONTRACT_MIN_MAANDEN = 6
CONTRACT_MIN_UREN = 28


class Deelname(RegioGebonden):
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="deelnames")
    kandidaat = models.ForeignKey(
        "werving.Kandidaat", on_delete=models.PROTECT, related_name="deelnames"
    )
    status = models.CharField(
        max_length=20, choices=DeelnameStatus.choices, default=DeelnameStatus.AANGEMELD
    )
    status_sinds = models.DateTimeField(default=timezone.now)
    # Where a geparkeerde deelname returns to.
    vorige_status = models.CharField(max_length=20, choices=DeelnameStatus.choices, blank=True)
    vorige_deelname = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgende_deelname",
        help_text=_("De deelname in een eerdere ronde (wachtlijst of herstart)."),
    )

    # Side states.
    niet_geselecteerd_reden = models.TextField(_("reden niet geselecteerd"), blank=True)
    plan_b = models.TextField(
        _("plan B"), blank=True, help_text=_("Ander traject, andere sector of later.")
    )
    parkeer_reden = models.TextField(_("reden parkeren"), blank=True)
    herbeoordeling_op = models.DateField(
        _("herbeoordelen op"), null=True, blank=True, validators=[GEPLAND]
    )
    uitval_reden = models.CharField(
        _("reden uitval"), max_length=20, choices=UitvalReden.choices, blank=True
    )
    uitval_toelichting = models.TextField(_("toelichting uitval"), blank=True)
    uitval_alternatief = models.CharField(
        _("alternatief"), max_length=20, choices=UitvalAlternatief.choices, blank=True
    )

    # Placement and contract (preconditions of proefperiode and in dienst).
    werkgever = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="geplaatste_deelnames",
        verbose_name=_("werkgever"),
    )
    vacature = models.ForeignKey(
        "werving.Vacature",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plaatsingen",
        verbose_name=_("vacature"),
    )
    contract_start = models.DateField(
        _("startdatum contract"), null=True, blank=True, validators=[GEPLAND]
    )
    contract_duur_maanden = models.PositiveSmallIntegerField(
        _("duur contract (maanden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    contract_uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    cao = models.CharField(_("cao"), max_length=150, blank=True)
    contract_afwijking_reden = models.TextField(
        _("reden voor een contract korter dan 6 maanden of minder dan 28 uur"), blank=True
    )

    # A transition that takes effect later: "in dienst" before the contract starts is planned
    # for the contract's first day and carried out by the daily scan (services).
    gepland_naar = models.CharField(
        max_length=20, choices=DeelnameStatus.choices, blank=True, editable=False
    )
    gepland_op = models.DateField(null=True, blank=True, editable=False)
    gepland_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    geplande_reden = models.TextField(blank=True, editable=False)

    # Results that feed the funnel (recorded by the opleider from issue 5 on).
    vca_behaald_op = models.DateField(
        _("VCA behaald op"), null=True, blank=True, validators=[GEBEURD]
    )
    vakopleiding_afgerond_op = models.DateField(
        _("vakopleiding afgerond op"), null=True, blank=True, validators=[GEBEURD]
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["kandidaat__achternaam", "kandidaat__voornaam"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "kandidaat"], name="deelname_uniek"),
        ]
        indexes = [models.Index(fields=["traject", "status"])]

    def __str__(self):
        return f"{self.kandidaat} in {self.traject}"


class MijlpaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Vervallen")


class MijlpaalSoort(models.TextChoices):
    # From the phase plan (traject level).
    BAANGARANTIES = "baangaranties", _("Baangaranties rond vóór de werving van kandidaten")
    WERVING_AFGEROND = "werving_afgerond", _("Werving en selectie afgerond")
    START_VOORSCHAKELTRAJECT = "start_voorschakeltraject", _("Start voorschakeltraject")
    START_PROEFPERIODES = "start_proefperiodes", _("Start proefperiodes")
    EINDE_PROEFPERIODES = "einde_proefperiodes", _("Einde proefperiodes: besluit over contract")
    NAZORG_AFGEROND = "nazorg_afgerond", _("Nazorg afgerond")
    # From transitions (deelname level).
    PROEFPERIODE_START = (
        "proefperiode_start",
        _("Proefperiode gestart (uiterlijk 3 maanden na selectie)"),
    )
    EVALUATIE_1 = "evaluatie_1", _("Evaluatie proefperiode na 1 maand")
    EVALUATIE_2 = "evaluatie_2", _("Evaluatie proefperiode na 2 maanden")
    NAZORG_1 = "nazorg_1", _("Nazorgcontact 1 maand na start contract")
    NAZORG_3 = "nazorg_3", _("Nazorgcontact 3 maanden na start contract")
    CONTRACT_6_MAANDEN = (
        "contract_6_maanden",
        _("6 maanden in dienst: verlenging en resultaatfinanciering"),
    )
    RETENTIE_12 = "retentie_12", _("12 maanden na start contract: nog in dienst?")
    EVALUATIE_VERLENGING = "evaluatie_verlenging", _("Evaluatie na verlengde proefperiode")


class Mijlpaal(RegioGebonden):
    """A dated milestone. Overdue is derived from the date, never stored; the daily scan reads
    (status, vervaldatum)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="mijlpalen")
    deelname = models.ForeignKey(
        Deelname, on_delete=models.CASCADE, null=True, blank=True, related_name="mijlpalen"
    )
    soort = models.CharField(max_length=30, choices=MijlpaalSoort.choices)
    vervaldatum = models.DateField(_("datum"), editable=False)
    eigenaar_rol = models.CharField(_("eigenaar (rol)"), max_length=20, choices=Rol.choices)
    status = models.CharField(
        max_length=10, choices=MijlpaalStatus.choices, default=MijlpaalStatus.OPEN
    )
    afgerond_op = models.DateTimeField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why it lapsed ("vervallen"): the reason of the move after which it no longer applied.
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["vervaldatum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "deelname", "soort"],
                name="mijlpaal_uniek",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["status", "vervaldatum"])]

    def __str__(self):
        return self.get_soort_display()

    @property
    def te_laat(self) -> bool:
        return self.status == MijlpaalStatus.OPEN and self.vervaldatum < timezone.localdate()


class GebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Aangemaakt")
    GEWIJZIGD = "gewijzigd", _("Gewijzigd")
    OVERGANG = "overgang", _("Statuswijziging")
    CHECKLIST = "checklist", _("Checklist")
    MIJLPAAL = "mijlpaal", _("Mijlpaal")


class Gebeurtenis(RegioGebonden):
    """The history of a traject, its deelnames and mijlpalen: who changed what, when.

    A transition of a Deelname or Traject is a Gebeurtenis of soort "overgang" with van/naar;
    the KPIs read these rows. Append-only.
    """

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="gebeurtenissen")
    deelname = models.ForeignKey(
        Deelname, on_delete=models.CASCADE, null=True, blank=True, related_name="gebeurtenissen"
    )
    mijlpaal = models.ForeignKey(
        Mijlpaal, on_delete=models.CASCADE, null=True, blank=True, related_name="gebeurtenissen"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now, db_index=True)
    soort = models.CharField(max_length=20, choices=GebeurtenisSoort.choices)
    omschrijving = models.CharField(max_length=300)
    van_status = models.CharField(max_length=20, blank=True)
    naar_status = models.CharField(max_length=20, blank=True)
    reden = models.TextField(blank=True)
    wijzigingen = models.JSONField(default=dict, blank=True)
    # What the step skipped that the round expects (Dutch texts), confirmed with `reden`.
    waarschuwingen = models.JSONField(default=list, blank=True)
    # An undo is a new transition back that points at the one it reverses; the KPIs leave both
    # out (trajecten.selectors.heeft_bereikt).
    herstelt = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="hersteld_door"
    )

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-op", "-pk"]
        indexes = [
            models.Index(fields=["traject", "soort", "naar_status"]),
            models.Index(fields=["deelname", "op"]),
            # "Has the deelname ever reached …" (heeft_bereikt, the KPIs and claims): only the
            # transitions, a small part of the history.
            models.Index(
                fields=["deelname", "naar_status", "op"],
                condition=models.Q(soort="overgang", deelname__isnull=False),
                name="gebeurtenis_overgang",
            ),
        ]

    def __str__(self):
        return self.omschrijving

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Gebeurtenissen zijn append-only: maak een nieuwe.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Gebeurtenissen zijn append-only.")
