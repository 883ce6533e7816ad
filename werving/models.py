"""Both sides of recruitment: kandidaten (with consent and an encrypted BSN), their intake and
assessment; werkgevers' intake through a link, vacatures and baangaranties; and matches.

Visibility is decided in trajecten.selectors.deelnames_zichtbaar_voor and werving.selectors;
what a kandidaat shares with whom is recorded in Toestemming.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD
from organisaties.models import AlleenToevoegen, RegioGebonden, alleen_toevoegen_manager


class Taalniveau(models.TextChoices):
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


TAALNIVEAU_VOLGORDE = [n.value for n in Taalniveau]

# Upper bounds of what people type: far above any real round, well within the columns.
MAX_PLAATSEN = 100


class Inburgering(models.TextChoices):
    STATUSHOUDER = "statushouder", _("Statushouder")
    INBURGERAAR = "inburgeraar", _("Inburgeringsplichtig (geen statushouder)")
    ANDERSTALIG = "anderstalig", _("Anderstalige zonder vluchtachtergrond")


class Leerroute(models.TextChoices):
    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")
    GEEN = "geen", _("Niet van toepassing")


class Rijbewijs(models.TextChoices):
    GEEN = "geen", _("Geen")
    THEORIE = "theorie", _("Theorie gehaald")
    LESSEN = "lessen", _("Neemt lessen")
    B = "b", _("Rijbewijs B")


class Uitkering(models.TextChoices):
    BIJSTAND = "bijstand", _("Bijstand (Participatiewet)")
    WW = "ww", _("WW")
    GEEN = "geen", _("Geen uitkering")
    ANDERS = "anders", _("Anders")


class Kandidaat(RegioGebonden):
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    gemeente = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="kandidaten",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente die de kandidaat aanmeldt en de uitkering betaalt."),
    )
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klantmanager"),
    )
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    # Set when the retention period ran out: the person's data is gone, the counts remain.
    geanonimiseerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    # BSN: optional, encrypted at rest (werving/versleuteling.py); never in lists or logs.
    bsn_versleuteld = models.TextField(blank=True, editable=False)
    bsn_vingerafdruk = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    # The profile the pilots recorded (DOMAIN.md).
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    taalniveau_nl = models.CharField(
        _("taalniveau Nederlands"), max_length=2, choices=Taalniveau.choices, blank=True
    )
    taalniveau_en = models.CharField(
        _("taalniveau Engels"), max_length=2, choices=Taalniveau.choices, blank=True
    )
    inburgering = models.CharField(
        _("inburgering"), max_length=20, choices=Inburgering.choices, blank=True
    )
    pip = models.BooleanField(
        _("heeft een PIP (persoonlijk plan inburgering en participatie)"), default=False
    )
    leerroute = models.CharField(
        _("leerroute"), max_length=10, choices=Leerroute.choices, blank=True
    )
    dagen_beschikbaar = models.PositiveSmallIntegerField(
        _("dagen per week beschikbaar"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Vul 1 tot 5 dagen in.")),
            MaxValueValidator(5, _("Vul 1 tot 5 dagen in.")),
        ],
    )
    rijbewijs = models.CharField(
        _("rijbewijs"), max_length=10, choices=Rijbewijs.choices, default=Rijbewijs.GEEN
    )
    heftruckcertificaat = models.BooleanField(_("heftruckcertificaat"), default=False)
    opleiding_herkomst = models.TextField(_("opleiding in het land van herkomst"), blank=True)
    werkervaring_herkomst = models.TextField(_("werkervaring in het land van herkomst"), blank=True)
    opleiding_nl = models.TextField(_("opleiding in Nederland"), blank=True)
    werkervaring_nl = models.TextField(_("werkervaring in Nederland"), blank=True)
    uitkering = models.CharField(
        _("uitkering"), max_length=10, choices=Uitkering.choices, blank=True
    )
    # Preconditions: what still needs arranging before starting.
    vervoer_geregeld = models.BooleanField(_("vervoer geregeld (fiets, ov of auto)"), default=False)
    kinderopvang_nodig = models.BooleanField(_("kinderopvang nodig"), default=False)
    kinderopvang_geregeld = models.BooleanField(_("kinderopvang geregeld"), default=False)
    digitaal_vaardig = models.BooleanField(_("digitaal voldoende vaardig"), default=False)
    reiskosten_geregeld = models.BooleanField(_("reiskostenvergoeding geregeld"), default=False)

    class Meta:
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        ordering = ["achternaam", "voornaam"]
        constraints = [
            # One kandidaat per BSN per regio, also under parallel requests. A second gemeente
            # registering the same BSN is kept apart in MogelijkDubbel (werving/services.py).
            models.UniqueConstraint(
                fields=["regio", "bsn_vingerafdruk"],
                condition=~Q(bsn_vingerafdruk=""),
                name="kandidaat_bsn_uniek_per_regio",
            )
        ]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"

    @property
    def heeft_bsn(self) -> bool:
        return bool(self.bsn_versleuteld)

    @property
    def open_randvoorwaarden(self) -> list[str]:
        open_ = []
        if not self.vervoer_geregeld:
            open_.append(str(_("vervoer")))
        if self.kinderopvang_nodig and not self.kinderopvang_geregeld:
            open_.append(str(_("kinderopvang")))
        if not self.digitaal_vaardig:
            open_.append(str(_("digitale vaardigheden")))
        if not self.reiskosten_geregeld:
            open_.append(str(_("reiskosten")))
        return open_


class MogelijkDubbel(RegioGebonden):
    """A gemeente registered a BSN that another gemeente of the regio had already registered.

    The second gemeente is told nothing (that would reveal that this person takes part, without
    consent); its kandidaat is kept without the BSN fingerprint, and the procesregisseur, who
    sees both, resolves it. The fingerprint and gemeente stay here, so the same gemeente
    registering the same BSN again is recognised as its own duplicate."""

    kandidaat = models.OneToOneField(
        Kandidaat, on_delete=models.PROTECT, related_name="mogelijk_dubbel"
    )
    bestaande = models.ForeignKey(Kandidaat, on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    bsn_vingerafdruk = models.CharField(max_length=64, editable=False)
    gemeld_op = models.DateTimeField(default=timezone.now)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    toelichting = models.TextField(_("hoe is het opgelost"), blank=True)

    class Meta:
        verbose_name = _("mogelijk dubbele aanmelding")
        verbose_name_plural = _("mogelijk dubbele aanmeldingen")
        ordering = ["-gemeld_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "gemeente", "bsn_vingerafdruk"], name="mogelijk_dubbel_uniek"
            )
        ]

    def __str__(self):
        return f"Mogelijk dubbel: {self.kandidaat_id} en {self.bestaande_id}"


class Ontvanger(models.TextChoices):
    """With whom a kandidaat's data may be shared (the gemeente that brought them always sees)."""

    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    OPLEIDER = "opleider", _("Opleider")
    BEGELEIDER = "begeleider", _("Begeleider")
    WERKGEVER = "werkgever", _("Werkgever")


class Toestemming(RegioGebonden):
    """Consent to share: given on a date, withdrawn on a date; a withdrawal is a new fact, the
    row stays for the record."""

    kandidaat = models.ForeignKey(Kandidaat, on_delete=models.PROTECT, related_name="toestemmingen")
    ontvanger = models.CharField(_("delen met"), max_length=20, choices=Ontvanger.choices)
    gegeven_op = models.DateField(_("gegeven op"), default=timezone.localdate, validators=[GEBEURD])
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True, editable=False)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gegeven_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kandidaat", "ontvanger"],
                condition=Q(ingetrokken_op__isnull=True),
                name="toestemming_een_actieve",
            )
        ]

    def __str__(self):
        return f"{self.kandidaat} → {self.get_ontvanger_display()}"


class Intake(RegioGebonden):
    """The intake conversation (seed 002, bijlage C: levensfasebewuste intake)."""

    deelname = models.OneToOneField(
        "trajecten.Deelname", on_delete=models.PROTECT, related_name="intake"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate, validators=[GEBEURD])
    gevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tolk = models.BooleanField(_("tolk ingezet"), default=False)
    identiteit = models.TextField(_("identiteit: achtergrond en interesses"), blank=True)
    motivatie = models.TextField(_("motivatie: wat wil de kandidaat"), blank=True)
    capaciteiten = models.TextField(_("capaciteiten: wat kan de kandidaat"), blank=True)
    werkervaring = models.TextField(_("werkervaring"), blank=True)
    talenten = models.TextField(_("talenten en competenties"), blank=True)
    diplomering = models.TextField(_("diploma's en verworven vaardigheden"), blank=True)
    leerstijl = models.TextField(_("leer- en werkstijl"), blank=True)
    netwerk = models.TextField(_("sociaal netwerk"), blank=True)
    thuissituatie = models.TextField(_("thuissituatie en verplichtingen"), blank=True)
    inkomsten = models.TextField(_("inkomsten: financiële behoeften en verwachtingen"), blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self):
        return f"Intake {self.deelname}"


class AssessmentUitslag(models.TextChoices):
    GESCHIKT = "geschikt", _("Geschikt")
    TWIJFEL = "twijfel", _("Twijfel")
    NIET_GESCHIKT = "niet_geschikt", _("Niet geschikt")


class Assessment(RegioGebonden):
    deelname = models.OneToOneField(
        "trajecten.Deelname", on_delete=models.PROTECT, related_name="assessment"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate, validators=[GEBEURD])
    uitslag = models.CharField(_("uitslag"), max_length=20, choices=AssessmentUitslag.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"Assessment {self.deelname}: {self.get_uitslag_display()}"


class WerkgeverUitnodiging(RegioGebonden):
    """A signed link for one werkgever to fill the intake form without an account."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bedrijfsnaam = models.CharField(_("bedrijfsnaam"), max_length=200)
    email = models.EmailField(_("e-mailadres contactpersoon"))
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.bedrijfsnaam


class IntakeStatus(models.TextChoices):
    CONCEPT = "concept", _("Wordt ingevuld")
    INGEDIEND = "ingediend", _("Ingediend")
    AKKOORD = "akkoord", _("Akkoord")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class WerkgeverIntake(RegioGebonden):
    """What the werkgever fills in through the link; every step is saved as it is entered."""

    uitnodiging = models.OneToOneField(
        WerkgeverUitnodiging, on_delete=models.PROTECT, related_name="intake"
    )
    status = models.CharField(
        max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.CONCEPT
    )
    stap = models.PositiveSmallIntegerField(default=1)
    # Raw input per step, also when it did not validate yet, so nothing typed is lost.
    concept = models.JSONField(default=dict, blank=True)
    ingediend_op = models.DateTimeField(null=True, blank=True)
    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gesprek_datum = models.DateField(
        _("datum intakegesprek"), null=True, blank=True, validators=[GEBEURD]
    )
    gesprek_verslag = models.TextField(_("verslag intakegesprek"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    reden_afwijzing = models.TextField(_("reden"), blank=True)

    def __str__(self):
        return f"Intake {self.uitnodiging}"

    def gegevens(self, stap: str) -> dict:
        return self.concept.get(stap, {})


class VacatureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    VERVULD = "vervuld", _("Vervuld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Vacature(RegioGebonden):
    werkgever = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="vacatures"
    )
    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacatures",
    )
    intake = models.ForeignKey(
        WerkgeverIntake, on_delete=models.PROTECT, null=True, blank=True, related_name="vacatures"
    )
    functie = models.CharField(_("functie"), max_length=150)
    aantal_plaatsen = models.PositiveSmallIntegerField(
        _("aantal plaatsen"),
        default=1,
        validators=[MinValueValidator(1, _("Minstens één plek.")), MaxValueValidator(MAX_PLAATSEN)],
    )
    werklocatie = models.CharField(_("werklocatie (plaats)"), max_length=100)
    ov_bereikbaar = models.BooleanField(_("goed bereikbaar met het openbaar vervoer"), default=True)
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), default=32, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    contract_maanden = models.PositiveSmallIntegerField(
        _("contractduur (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    cao = models.CharField(_("cao"), max_length=150, blank=True)
    taaleis = models.CharField(
        _("taaleis Nederlands"), max_length=2, choices=Taalniveau.choices, default=Taalniveau.A2
    )
    rijbewijs_vereist = models.BooleanField(_("rijbewijs B vereist"), default=False)
    vca_vereist = models.BooleanField(_("VCA vereist"), default=True)
    flexibele_starttijden = models.BooleanField(_("flexibele begintijden mogelijk"), default=False)
    deeltijd_mogelijk = models.BooleanField(_("deeltijd mogelijk"), default=False)
    vrij_religieuze_feestdagen = models.BooleanField(
        _("vrij op religieuze feestdagen bespreekbaar"), default=False
    )
    buddy_beschikbaar = models.BooleanField(_("buddy op de werkvloer beschikbaar"), default=False)
    coaching_capaciteit = models.BooleanField(_("tijd en mensen voor begeleiding"), default=False)
    status = models.CharField(
        max_length=20, choices=VacatureStatus.choices, default=VacatureStatus.OPEN
    )

    class Meta:
        ordering = ["werkgever__naam", "functie"]

    def __str__(self):
        return f"{self.functie} bij {self.werkgever}"


class Baangarantie(RegioGebonden):
    """A werkgever's commitment of places in a traject (seed 000: before candidate recruitment)."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="baangaranties"
    )
    werkgever = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="+"
    )
    aantal_plaatsen = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLAATSEN)]
    )
    afgegeven_op = models.DateField(
        _("afgegeven op"), default=timezone.localdate, validators=[GEBEURD]
    )
    inspanningsovereenkomst_getekend_op = models.DateField(
        _("inspanningsovereenkomst getekend op"), null=True, blank=True, validators=[GEBEURD]
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["traject", "werkgever"], name="baangarantie_uniek")
        ]

    def __str__(self):
        return f"{self.werkgever}: {self.aantal_plaatsen} in {self.traject}"


class RaadplegingSoort(models.TextChoices):
    BEKEKEN = "bekeken", _("Bekeken")
    EXPORT = "export", _("Export")
    API = "api", _("API")
    INZAGEVERZOEK = "inzageverzoek", _("Inzageverzoek")


class Raadpleging(RegioGebonden):
    """One look at or export of a kandidaat's personal data: who, when, what, which route and
    why (the purpose of the role, and a reason where one was given). Written by
    `werving.services.leg_raadplegingen_vast` only; append-only in the model and in PostgreSQL
    (a trigger refuses UPDATE, and DELETE except by the retention clean-up, docs/avg.md)."""

    kandidaat = models.ForeignKey(Kandidaat, on_delete=models.PROTECT, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)
    soort = models.CharField(_("soort"), max_length=20, choices=RaadplegingSoort.choices)
    onderdeel = models.CharField(_("wat"), max_length=100)
    route = models.CharField(_("route"), max_length=100)
    doel = models.CharField(_("doel"), max_length=200)
    reden = models.CharField(_("reden"), max_length=300, blank=True)

    objects = alleen_toevoegen_manager()

    class Meta:
        ordering = ["-tijdstip", "-pk"]
        indexes = [
            models.Index(fields=["regio", "-tijdstip"]),
            models.Index(fields=["kandidaat", "-tijdstip"]),
            models.Index(fields=["door", "-tijdstip"]),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Het logboek van raadplegingen wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Het logboek van raadplegingen wordt niet verwijderd.")


class AvgVerzoekSoort(models.TextChoices):
    CORRECTIE = "correctie", _("Correctie (rectificatie)")
    WISSEN = "wissen", _("Wissen (vergetelheid)")


class AvgVerzoekStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class AvgVerzoek(RegioGebonden):
    """A kandidaat's request to correct or erase their data (AVG art. 16 and 17), recorded by
    their klantmanager or the procesregisseur, decided by the procesregisseur. Once decided it
    is not changed: the request with its decision is the record (werving.services)."""

    kandidaat = models.ForeignKey(Kandidaat, on_delete=models.PROTECT, related_name="avg_verzoeken")
    soort = models.CharField(_("soort verzoek"), max_length=20, choices=AvgVerzoekSoort.choices)
    ontvangen_op = models.DateField(_("ontvangen op"), validators=[GEBEURD])
    toelichting = models.TextField(
        _("wat vraagt de kandidaat"),
        max_length=2000,
        help_text=_("Bij correctie: welke gegevens en wat het moet zijn."),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=AvgVerzoekStatus.choices, default=AvgVerzoekStatus.OPEN
    )
    besluit_reden = models.TextField(_("reden van het besluit"), max_length=2000, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    besloten_op = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")
        ordering = ["-vastgelegd_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(besloten_door__isnull=False),
                name="avgverzoek_besluit_heeft_beslisser",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(besluit_reden=""),
                name="avgverzoek_afwijzing_heeft_reden",
            ),
        ]
