"""The support around each deelnemer: modules with sessions, attendance and results; coaches;
contactmomenten with confidential notes; proefperiode evaluations; nazorg.

Who may read what is decided in begeleiding/selectors.py (confidential notes: only the
begeleiders of that deelnemer and the procesregisseur).
"""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, GEPLAND
from organisaties.models import RegioGebonden

from .validators import valideer_bewijsgrootte


class ModuleSoort(models.TextChoices):
    """The catalogue of the tested model (seed 000 §2.3)."""

    PRAKTIJKASSESSMENT = "praktijkassessment", _("Praktijkassessment")
    VCA = "vca", _("VCA")
    BASISVAKOPLEIDING = "basisvakopleiding", _("Basisvakopleiding")
    VAKTAAL = "vaktaal", _("Vaktaal")
    WERKNEMERSVAARDIGHEDEN = "werknemersvaardigheden", _("Werknemersvaardigheden")
    BEDRIJFSBEZOEK = "bedrijfsbezoek", _("Bedrijfsbezoek")
    CULTUUR_OP_DE_WERKVLOER = "cultuur_op_de_werkvloer", _("Cultuur op de werkvloer (werkgevers)")
    HARRIE_HELPT = "harrie_helpt", _("Harrie Helpt (werkgevers)")


# Modules for werkgevers have no deelnemer attendance; their sessions are for company staff.
WERKGEVERSMODULES = {ModuleSoort.CULTUUR_OP_DE_WERKVLOER, ModuleSoort.HARRIE_HELPT}
# Standard length in days, as in the pilots.
STANDAARD_DAGEN = {
    ModuleSoort.PRAKTIJKASSESSMENT: 2,
    ModuleSoort.VCA: 1,
    ModuleSoort.BASISVAKOPLEIDING: 8,
    ModuleSoort.VAKTAAL: 6,
    ModuleSoort.WERKNEMERSVAARDIGHEDEN: 3,
    ModuleSoort.BEDRIJFSBEZOEK: 1,
    ModuleSoort.CULTUUR_OP_DE_WERKVLOER: 1,
    ModuleSoort.HARRIE_HELPT: 2,
}


def bewijs_pad(instance, bestandsnaam: str) -> str:
    """Evidence is stored under a generated name: the uploaded name may hold personal data and
    would collide; the download gets a name of our own (views.bewijs)."""
    extensie = Path(bestandsnaam).suffix.lower()[:5]
    return f"bewijs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extensie}"


class Module(RegioGebonden):
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="modules"
    )
    soort = models.CharField(_("module"), max_length=30, choices=ModuleSoort.choices)
    aanbieder = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="modules",
        verbose_name=_("aanbieder"),
    )
    dagen = models.DecimalField(
        _("dagen"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5"), _("Een module duurt minstens een halve dag.")),
            MaxValueValidator(Decimal("100"), _("Een module duurt hoogstens 100 dagen.")),
        ],
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_soort_display()

    @property
    def voor_werkgevers(self) -> bool:
        return self.soort in WERKGEVERSMODULES


class Sessie(RegioGebonden):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessies")
    datum = models.DateField(_("datum"), validators=[GEPLAND])
    begintijd = models.TimeField(_("begintijd"), null=True, blank=True)
    locatie = models.CharField(_("locatie"), max_length=200)

    class Meta:
        ordering = ["datum", "begintijd", "pk"]

    def __str__(self):
        return f"{self.module} {self.datum:%d-%m-%Y}"


class Aanwezigheid(models.TextChoices):
    AANWEZIG = "aanwezig", _("Aanwezig")
    AFGEMELD = "afgemeld", _("Afwezig met afmelding")
    AFWEZIG = "afwezig", _("Afwezig zonder afmelding")


class Presentie(RegioGebonden):
    sessie = models.ForeignKey(Sessie, on_delete=models.CASCADE, related_name="presenties")
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="presenties"
    )
    aanwezigheid = models.CharField(max_length=10, choices=Aanwezigheid.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sessie", "deelname"], name="presentie_uniek")
        ]

    def __str__(self):
        return f"{self.deelname}: {self.get_aanwezigheid_display()}"


class Certificaat(models.TextChoices):
    GEEN = "geen", _("Geen")
    VCA = "vca", _("VCA")
    BRANCHE = "branche", _("Branchecertificaat")
    PRAKTIJKVERKLARING = "praktijkverklaring", _("Praktijkverklaring")
    MBO_DEELCERTIFICAAT = "mbo_deelcertificaat", _("MBO-deelcertificaat")


class Resultaat(RegioGebonden):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="resultaten")
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="resultaten"
    )
    behaald = models.BooleanField(_("behaald"))
    certificaat = models.CharField(
        _("certificaat"), max_length=30, choices=Certificaat.choices, default=Certificaat.GEEN
    )
    datum = models.DateField(_("datum"), validators=[GEBEURD])
    bewijs = models.FileField(
        _("bewijs (pdf of foto)"),
        upload_to=bewijs_pad,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"]), valideer_bewijsgrootte],
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "deelname"], name="resultaat_uniek")
        ]

    def __str__(self):
        return f"{self.module} – {self.deelname}"


class CoachRol(models.TextChoices):
    TRAJECTCOORDINATOR = "trajectcoordinator", _("Trajectcoördinator")
    ARBEIDSCOACH = "arbeidscoach", _("Arbeidscoach (vrijwilliger)")
    JOBCOACH = "jobcoach", _("Gemeentelijke jobcoach")
    BUDDY = "buddy", _("Buddy bij de werkgever")


class Koppeling(RegioGebonden):
    """A coach or buddy linked to a deelnemer for a period. A buddy at the werkgever often has
    no login: then only the name is kept."""

    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="coaches"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=CoachRol.choices)
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="koppelingen",
        verbose_name=_("begeleider (met login)"),
    )
    naam = models.CharField(_("naam (zonder login)"), max_length=150, blank=True)
    start = models.DateField(_("start"), default=timezone.localdate, validators=[GEPLAND])
    eind = models.DateField(_("einde"), null=True, blank=True, validators=[GEPLAND])

    class Meta:
        ordering = ["rol", "start"]
        # A begeleider's caseload: their links that have not ended.
        indexes = [
            models.Index(
                fields=["persoon", "start"], condition=Q(eind__isnull=True), name="koppeling_lopend"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(persoon__isnull=False) | ~Q(naam=""),
                name="koppeling_persoon_of_naam",
                violation_error_message=_("Kies een begeleider met een login, of vul een naam in."),
            ),
        ]

    def __str__(self):
        return f"{self.get_rol_display()}: {self.persoon or self.naam}"

    @property
    def is_actief(self) -> bool:
        vandaag = timezone.localdate()
        return self.start <= vandaag and (self.eind is None or self.eind >= vandaag)


class Kanaal(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    PERSOONLIJK = "persoonlijk", _("Persoonlijk")


class Onderwerp(models.TextChoices):
    WERK = "werk", _("Werk en werkgever")
    OPLEIDING = "opleiding", _("Opleiding")
    TAAL = "taal", _("Taal")
    VERVOER = "vervoer", _("Vervoer")
    GELD = "geld", _("Geld en uitkering")
    WONEN = "wonen", _("Wonen")
    GEZIN = "gezin", _("Gezin en kinderopvang")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    MOTIVATIE = "motivatie", _("Motivatie")


class Contactmoment(RegioGebonden):
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="contactmomenten"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate, validators=[GEBEURD])
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    deelnemers = models.CharField(_("wie waren erbij"), max_length=300, blank=True)
    onderwerpen = models.JSONField(_("onderwerpen"), default=list, blank=True)
    samenvatting = models.TextField(
        _("samenvatting"),
        blank=True,
        help_text=_(
            "Zichtbaar voor wie de deelnemer mag zien. Vertrouwelijke zaken horen in een vertrouwelijke notitie."
        ),
    )
    vervolgactie = models.CharField(_("vervolgactie"), max_length=300, blank=True)
    vervolg_datum = models.DateField(
        _("vervolg uiterlijk op"), null=True, blank=True, validators=[GEPLAND]
    )
    vervolg_eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar vervolgactie"),
    )
    vervolg_afgerond_op = models.DateField(null=True, blank=True, editable=False)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["vervolg_eigenaar", "vervolg_datum"])]

    def __str__(self):
        return f"{self.get_kanaal_display()} {self.datum:%d-%m-%Y}"

    def get_onderwerpen_display(self) -> str:
        return ", ".join(str(Onderwerp(o).label) for o in self.onderwerpen if o in Onderwerp.values)


class VertrouwelijkeNotitie(RegioGebonden):
    """Readable only by the begeleiders of this deelnemer and the procesregisseur."""

    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="vertrouwelijke_notities"
    )
    tekst = models.TextField(_("notitie"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"Notitie {self.aangemaakt_op:%d-%m-%Y}"


class EvaluatieUitkomst(models.TextChoices):
    OP_KOERS = "op_koers", _("Op koers")
    ZORGEN = "zorgen", _("Zorgen, extra afspraken")
    NIET_OP_KOERS = "niet_op_koers", _("Niet op koers")


class Besluit(models.TextChoices):
    NOG_GEEN = "nog_geen", _("Nog geen besluit")
    IN_DIENST = "in_dienst", _("In dienst")
    VERLENGEN = "verlengen", _("Proefperiode verlengen")
    UITVAL = "uitval", _("Stoppen, met een alternatief")


class Evaluatie(RegioGebonden):
    """A proefperiode evaluation; the driegesprek is deelnemer, werkgever and coach together."""

    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="evaluaties"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate, validators=[GEBEURD])
    criteria = models.TextField(_("afgesproken criteria"))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=EvaluatieUitkomst.choices)
    driegesprek = models.BooleanField(
        _("driegesprek (deelnemer, werkgever en coach)"), default=False
    )
    aanwezigen = models.CharField(_("aanwezigen"), max_length=300, blank=True)
    besluit = models.CharField(
        _("besluit"), max_length=20, choices=Besluit.choices, default=Besluit.NOG_GEEN
    )
    verlengd_tot = models.DateField(
        _("proefperiode verlengd tot"), null=True, blank=True, validators=[GEPLAND]
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"Evaluatie {self.datum:%d-%m-%Y}"


class NazorgContact(RegioGebonden):
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, related_name="nazorgcontacten"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate, validators=[GEBEURD])
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    peilmoment = models.PositiveSmallIntegerField(
        _("peilmoment"),
        null=True,
        blank=True,
        choices=[(6, _("6 maanden na start")), (12, _("12 maanden na start"))],
        help_text=_("Leeg voor een gewoon nazorgcontact."),
    )
    nog_in_dienst = models.BooleanField(_("nog in dienst"), default=True)
    contract_verlengd_tot = models.DateField(
        _("contract verlengd tot"), null=True, blank=True, validators=[GEPLAND]
    )
    notitie = models.TextField(_("notitie"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"Nazorg {self.datum:%d-%m-%Y}"
