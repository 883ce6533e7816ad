"""The kandidaat's own entrance (issue 18): their page, their appointments, their own words.

A kandidaat has no account and no password. A klantmanager or procesregisseur opens a `Portaal`
for them (the kandidaat agreed) and hands them a one-time `Inloglink` by e-mail or on paper;
the link starts a short session (portaal/sessie.py). Everything here belongs to one kandidaat;
what the kandidaat writes (`ZelfprofielStap`) is kept apart from the professionals' intake and
assessment (werving.Intake, werving.Assessment), which the kandidaat never sees.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, GEPLAND
from organisaties.models import RegioGebonden
from werving.models import Ontvanger


class TweedeTaal(models.TextChoices):
    """The language shown next to the Dutch. Adding one: a catalogue in portaal/locale (see
    docs/portaal.md) and a line here."""

    GEEN = "", _("Alleen Nederlands")
    ENGELS = "en", "English"
    ARABISCH = "ar", "العربية"


RECHTS_NAAR_LINKS = {"ar"}


class Portaal(RegioGebonden):
    kandidaat = models.OneToOneField(
        "werving.Kandidaat", on_delete=models.CASCADE, related_name="portaal"
    )
    email = models.EmailField(_("e-mailadres van de kandidaat"), blank=True)
    # Who the kandidaat calls: one person they know (seed 000: one accessible contact).
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    toestemming_op = models.DateField(_("kandidaat stemde in op"), validators=[GEBEURD])
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    pin_fouten = models.PositiveSmallIntegerField(default=0, editable=False)
    tweede_taal = models.CharField(max_length=5, choices=TweedeTaal.choices, blank=True)
    gesloten_op = models.DateTimeField(null=True, blank=True, editable=False)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("eigen pagina")
        verbose_name_plural = _("eigen pagina's")

    def __str__(self):
        return f"Eigen pagina van kandidaat {self.kandidaat_id}"

    @property
    def open(self) -> bool:
        return self.gesloten_op is None

    @property
    def heeft_pin(self) -> bool:
        return bool(self.pin_hash)


class Kanaal(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PAPIER = "papier", _("Papier met QR-code")


class Inloglink(RegioGebonden):
    """One way in, once, for a short while. The token in the URL is signed (services.link_token)
    from this row's id; using it sets `gebruikt_op`, so it works exactly once."""

    portaal = models.ForeignKey(Portaal, on_delete=models.CASCADE, related_name="links")
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    # None: the kandidaat asked for it themselves (portaal_inloggen).
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geldig_tot = models.DateTimeField()
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["portaal", "aangemaakt_op"])]

    @property
    def stand(self) -> str:
        if self.gebruikt_op:
            return _("gebruikt")
        if self.ingetrokken_op:
            return _("vervangen of ingetrokken")
        if self.geldig_tot <= timezone.now():
            return _("verlopen")
        return _("nog niet gebruikt")


class AfspraakSoort(models.TextChoices):
    INTAKE = "intake", _("Intake")
    GESPREK = "gesprek", _("Gesprek")
    COACH = "coach", _("Gesprek met je coach")
    EVALUATIE = "evaluatie", _("Evaluatie")
    ANDERS = "anders", _("Afspraak")


class Afspraak(RegioGebonden):
    """An appointment the kandidaat must come to, with place and time."""

    kandidaat = models.ForeignKey(
        "werving.Kandidaat", on_delete=models.CASCADE, related_name="afspraken"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=AfspraakSoort.choices)
    datum = models.DateField(_("datum"), validators=[GEPLAND])
    tijd = models.TimeField(_("tijd"))
    plaats = models.CharField(_("plaats"), max_length=200)
    met = models.CharField(_("met wie"), max_length=150)
    meenemen = models.CharField(_("wat neemt de kandidaat mee"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    geannuleerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["datum", "tijd", "pk"]
        indexes = [models.Index(fields=["kandidaat", "datum"])]


class Taak(RegioGebonden):
    """Something the kandidaat has to do or arrange ("Neem je diploma mee", "Regel een fiets");
    the kandidaat ticks it off."""

    kandidaat = models.ForeignKey(
        "werving.Kandidaat", on_delete=models.CASCADE, related_name="taken"
    )
    tekst = models.CharField(_("wat moet de kandidaat doen"), max_length=200)
    voor = models.DateField(_("voor welke datum"), null=True, blank=True, validators=[GEPLAND])
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gedaan_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["gedaan_op", "voor", "pk"]


class ZelfprofielStap(RegioGebonden):
    """One step of the profile in the kandidaat's own words and choices (portaal/zelfprofiel.py
    holds the questions). Saved per step, so the kandidaat can stop and come back. A change after
    the klantmanager confirmed clears the confirmation: new words need a new look."""

    kandidaat = models.ForeignKey(
        "werving.Kandidaat", on_delete=models.CASCADE, related_name="zelfprofiel"
    )
    stap = models.CharField(max_length=20)
    antwoorden = models.JSONField(default=dict)
    opgeslagen_op = models.DateTimeField(default=timezone.now)
    bevestigd_op = models.DateTimeField(null=True, blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kandidaat", "stap"], name="zelfprofiel_stap_uniek")
        ]


class Intrekverzoek(RegioGebonden):
    """The kandidaat asks to stop sharing with someone. The klantmanager talks it through and
    confirms (then the consent is withdrawn) or records why it stays."""

    class Uitkomst(models.TextChoices):
        INGETROKKEN = "ingetrokken", _("Toestemming ingetrokken")
        BLIJFT = "blijft", _("Besproken: de kandidaat wil toch blijven delen")

    kandidaat = models.ForeignKey(
        "werving.Kandidaat", on_delete=models.CASCADE, related_name="intrekverzoeken"
    )
    ontvanger = models.CharField(max_length=20, choices=Ontvanger.choices)
    gevraagd_op = models.DateTimeField(default=timezone.now)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-gevraagd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["kandidaat", "ontvanger"],
                condition=Q(afgehandeld_op__isnull=True),
                name="intrekverzoek_een_open",
            )
        ]


class Contactkaart(models.Model):
    """How kandidaten reach a professional: phone and, if they like, a photo. One per person,
    the same in every regio. The photo is a small JPEG made by us (portaal.services), kept in
    the database so every web process serves the same one and no metadata of the upload
    survives."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contactkaart"
    )
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    bereikbaar = models.CharField(_("wanneer bereikbaar"), max_length=100, blank=True)
    foto = models.BinaryField(null=True, blank=True, editable=False)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Contactkaart van {self.user_id}"
