"""Agreements that Schakel draws up and has signed: the inspanningsovereenkomst (werkgever and
procesregisseur, per baangarantie) and the proefplaatsingsovereenkomst (gemeente, werkgever and
deelnemer, per deelname).

A Document is the agreement; the procesregisseur's draft input lives on it. Every time it is
sent for signature a DocumentVersie freezes what it says (the data, the template version, the
PDF and its SHA-256). Ondertekeningen are appended to a version; when every party has signed,
the final PDF with its signature page is stored on the version. A signed version is never
changed or deleted (the model refuses, and so does a trigger in PostgreSQL); changing the
agreement makes a new version. Every download is a Download row.

See docs/documenten.md and docs/adr/0009-documenten-en-ondertekenen.md.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.models import RegioGebonden


class DocumentSoort(models.TextChoices):
    INSPANNINGSOVEREENKOMST = "inspanningsovereenkomst", _("Inspanningsovereenkomst")
    PROEFPLAATSINGSOVEREENKOMST = "proefplaatsingsovereenkomst", _("Proefplaatsingsovereenkomst")


class Partij(models.TextChoices):
    """Who signs (docs/documenten.md: the werkgever through a link, the others in Schakel)."""

    WERKGEVER = "werkgever", _("Werkgever")
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    DEELNEMER = "deelnemer", _("Deelnemer")
    GEMEENTE = "gemeente", _("Gemeente")


def pdf_pad(instance, bestandsnaam: str) -> str:
    """Private storage under MEDIA_ROOT, under a generated name (the company name stays out of
    file names); never served from a URL, only through documenten.views."""
    return f"documenten/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Document(RegioGebonden):
    soort = models.CharField(_("soort"), max_length=30, choices=DocumentSoort.choices)
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="documenten"
    )
    werkgever = models.ForeignKey(
        "organisaties.Organisatie", on_delete=models.PROTECT, related_name="documenten"
    )
    baangarantie = models.ForeignKey(
        "werving.Baangarantie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
    )
    deelname = models.ForeignKey(
        "trajecten.Deelname",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
    )
    # The procesregisseur's input for the next version (form data, as JSON).
    invoer = models.JSONField(default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["baangarantie"],
                condition=Q(soort="inspanningsovereenkomst"),
                name="document_een_inspanningsovereenkomst_per_baangarantie",
            ),
            models.UniqueConstraint(
                fields=["deelname"],
                condition=Q(soort="proefplaatsingsovereenkomst"),
                name="document_een_proefplaatsing_per_deelname",
            ),
            models.CheckConstraint(
                condition=(Q(soort="inspanningsovereenkomst") & Q(baangarantie__isnull=False))
                | (Q(soort="proefplaatsingsovereenkomst") & Q(deelname__isnull=False)),
                name="document_hoort_ergens_bij",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.werkgever} – {self.traject}"


class VersieStatus(models.TextChoices):
    TER_ONDERTEKENING = "ter_ondertekening", _("Ter ondertekening")
    ONDERTEKEND = "ondertekend", _("Ondertekend")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class OndertekendeVersieGewijzigd(Exception):
    """A signed version (or the content of a version that was sent) is never overwritten."""


# What a version says is fixed once it exists; only its state and the final PDF follow.
VASTE_VELDEN = ("document_id", "nummer", "sjabloon_versie", "gegevens", "pdf", "pdf_sha256")


class DocumentVersie(RegioGebonden):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveSmallIntegerField()
    sjabloon_versie = models.CharField(max_length=20)
    gegevens = models.JSONField()
    status = models.CharField(
        max_length=20, choices=VersieStatus.choices, default=VersieStatus.TER_ONDERTEKENING
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The PDF the parties review and sign, and its hash (printed on the signature page).
    pdf = models.FileField(upload_to=pdf_pad)
    pdf_sha256 = models.CharField(max_length=64)
    # Where the signing link goes, and when it was last sent.
    verstuurd_naar = models.EmailField(_("e-mailadres ondertekenaar werkgever"))
    link_verstuurd_op = models.DateTimeField(null=True, blank=True)
    # The final PDF: the agreement with its signature page.
    definitief_pdf = models.FileField(upload_to=pdf_pad, blank=True)
    definitief_sha256 = models.CharField(max_length=64, blank=True)
    ondertekend_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["document", "nummer"], name="documentversie_uniek"),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="ter_ondertekening"),
                name="documentversie_een_open_versie",
            ),
            models.CheckConstraint(
                condition=~Q(status="ondertekend")
                | (~Q(definitief_sha256="") & Q(ondertekend_op__isnull=False)),
                name="documentversie_ondertekend_met_pdf",
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.nummer}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            oud = (
                DocumentVersie.objects.filter(pk=self.pk)
                .values("status", *[v.removesuffix("_id") for v in VASTE_VELDEN])
                .first()
            )
            if oud and oud["status"] == VersieStatus.ONDERTEKEND:
                raise OndertekendeVersieGewijzigd(
                    "Een ondertekende versie wordt nooit overschreven; maak een nieuwe versie."
                )
            if oud and any(oud[v.removesuffix("_id")] != _waarde(self, v) for v in VASTE_VELDEN):
                raise OndertekendeVersieGewijzigd(
                    "De inhoud van een verstuurde versie ligt vast; maak een nieuwe versie."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise OndertekendeVersieGewijzigd("Documentversies worden bewaard, nooit verwijderd.")

    @property
    def is_ondertekend(self) -> bool:
        return self.status == VersieStatus.ONDERTEKEND


def _waarde(versie, veld):
    waarde = getattr(versie, veld)
    return waarde.name if hasattr(waarde, "name") and veld.startswith("pdf") else waarde


class Ondertekening(RegioGebonden):
    """One party's signature on one version: who, in which capacity, when, from where.
    Append-only (model and database)."""

    class Via(models.TextChoices):
        LINK = "link", _("Via een persoonlijke link")
        SCHAKEL = "schakel", _("Ingelogd in Schakel")

    versie = models.ForeignKey(
        DocumentVersie, on_delete=models.PROTECT, related_name="ondertekeningen"
    )
    partij = models.CharField(max_length=20, choices=Partij.choices)
    naam = models.CharField(_("naam"), max_length=150)
    functie = models.CharField(_("functie"), max_length=150)
    op = models.DateTimeField(default=timezone.now)
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    # Logged in: who signed (or, for a deelnemer signing on the spot, in whose presence).
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "partij"], name="ondertekening_uniek")
        ]

    def __str__(self):
        return f"{self.get_partij_display()}: {self.naam}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise OndertekendeVersieGewijzigd("Een handtekening wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise OndertekendeVersieGewijzigd("Een handtekening wordt nooit verwijderd.")


class Download(RegioGebonden):
    """Every download of a document's PDF: who, when, which version and file."""

    class Bestand(models.TextChoices):
        TER_ONDERTEKENING = "ter_ondertekening", _("Ter ondertekening")
        DEFINITIEF = "definitief", _("Definitief, met handtekeningen")

    versie = models.ForeignKey(DocumentVersie, on_delete=models.PROTECT, related_name="downloads")
    bestand = models.CharField(max_length=20, choices=Bestand.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Without an account, through the signing link: the address the link was sent to.
    via_link_naar = models.EmailField(blank=True)
    op = models.DateTimeField(default=timezone.now, db_index=True)
    ip_adres = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(door__isnull=False) | ~Q(via_link_naar=""),
                name="download_van_iemand",
            )
        ]

    def __str__(self):
        return f"{self.versie} ({self.bestand}) door {self.door or self.via_link_naar}"
