"""Signalen: what needs someone's action, found by the rules of signalen/regels.py.

A Signaal is one rule's finding for one recipient: "mijlpaal X of traject Y is over 3 dagen", for
each procesregisseur, or for the deelnemer's own begeleider. It exists once per (rule, object,
due date, recipient) — the unique constraint is what makes a scan safe to run twice, or twice at
the same time. It is open, seen, done (by the recipient, or by itself when the condition is gone)
or put off until a date; each change is a SignaalStap. Delivery by e-mail goes through a
Bezorging, which is sent at most once (signalen/services.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEPLAND
from organisaties.models import RegioGebonden


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEZIEN = "gezien", _("Gezien")
    GEDAAN = "gedaan", _("Afgehandeld")


class Modus(models.TextChoices):
    """How a user wants a rule's signalen by e-mail (in Schakel itself they always appear)."""

    DIRECT = "direct", _("Meteen per e-mail")
    DAGELIJKS = "dagelijks", _("In het dagoverzicht van 07:00")
    UIT = "uit", _("Geen e-mail")


class BezorgStatus(models.TextChoices):
    KLAAR = "klaar", _("Klaar om te versturen")
    VERZENDEN = "verzenden", _("Wordt verstuurd")
    VERSTUURD = "verstuurd", _("Verstuurd")
    MISLUKT = "mislukt", _("Mislukt")


class Bezorging(RegioGebonden):
    """One e-mail to one person with one or more signalen. Sent at most once: the task that sends
    it first moves it from klaar to verzenden, and only then sends."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    modus = models.CharField(max_length=10, choices=Modus.choices)
    status = models.CharField(
        max_length=10, choices=BezorgStatus.choices, default=BezorgStatus.KLAAR
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.get_modus_display()} aan {self.ontvanger} ({self.get_status_display()})"


class Signaal(RegioGebonden):
    regel = models.CharField(_("regel"), max_length=40)
    sleutel = models.CharField(max_length=80, editable=False)
    vervaldatum = models.DateField(_("datum"), editable=False)
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signalen"
    )
    # Never a name: the page puts a consent-aware label next to it, an e-mail leaves it out.
    tekst = models.CharField(max_length=300)
    link = models.CharField(max_length=300)
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    deelname = models.ForeignKey(
        "trajecten.Deelname", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=SignaalStatus.choices, default=SignaalStatus.OPEN
    )
    uitgesteld_tot = models.DateField(
        _("uitstellen tot"), null=True, blank=True, validators=[GEPLAND]
    )
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    vanzelf_gesloten = models.BooleanField(default=False)
    bezorging = models.ForeignKey(
        Bezorging, on_delete=models.PROTECT, null=True, blank=True, related_name="signalen"
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["vervaldatum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["regel", "sleutel", "vervaldatum", "ontvanger"], name="signaal_eenmaal"
            ),
        ]
        indexes = [
            models.Index(fields=["ontvanger", "regio", "status"]),
            models.Index(fields=["regio", "regel", "status"]),
            models.Index(
                fields=["regio", "ontvanger"],
                condition=Q(bezorging__isnull=True) & ~Q(status="gedaan"),
                name="signaal_te_bezorgen",
            ),
        ]

    def __str__(self):
        return self.tekst

    @property
    def is_uitgesteld(self) -> bool:
        return self.uitgesteld_tot is not None and self.uitgesteld_tot > timezone.localdate()

    @property
    def te_laat(self) -> bool:
        return self.status != SignaalStatus.GEDAAN and self.vervaldatum < timezone.localdate()


class StapSoort(models.TextChoices):
    GEZIEN = "gezien", _("Gezien")
    UITGESTELD = "uitgesteld", _("Uitgesteld")
    GEDAAN = "gedaan", _("Afgehandeld")
    HEROPEND = "heropend", _("Heropend")
    VANZELF_GESLOTEN = "vanzelf_gesloten", _("Vanzelf gesloten: de situatie is opgelost")
    VANZELF_HEROPEND = "vanzelf_heropend", _("Vanzelf heropend: de situatie is er weer")
    GEMAILD = "gemaild", _("Per e-mail verstuurd")


class SignaalStap(RegioGebonden):
    """The history of a signaal (its own timeline)."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="stappen")
    soort = models.CharField(max_length=20, choices=StapSoort.choices)
    op = models.DateTimeField(default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tot = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["op", "pk"]

    def __str__(self):
        return self.get_soort_display()


class Regelinstelling(RegioGebonden):
    """A regio's own threshold for a rule (otherwise the rule's default)."""

    regel = models.CharField(max_length=40)
    drempel = models.PositiveSmallIntegerField(
        _("drempel (dagen)"), validators=[MaxValueValidator(365)]
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regio", "regel"], name="regelinstelling_uniek")
        ]

    def __str__(self):
        return f"{self.regel}: {self.drempel}"


class Voorkeur(models.Model):
    """A user's choice how to get a rule's signalen by e-mail (the same in every regio)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signaalvoorkeuren"
    )
    regel = models.CharField(max_length=40)
    modus = models.CharField(max_length=10, choices=Modus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "regel"], name="voorkeur_uniek")]

    def __str__(self):
        return f"{self.user}: {self.regel} {self.modus}"
