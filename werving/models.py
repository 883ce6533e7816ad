"""Kandidaten and (later) werkgever intake, vacatures and matching.

Issue 3 needs a Kandidaat to place in a traject; issue 4 adds the profile of DOMAIN.md,
consent, the BSN and the klantmanager portal.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Kandidaat(models.Model):
    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="+")
    voornaam = models.CharField(_("voornaam"), max_length=100)
    achternaam = models.CharField(_("achternaam"), max_length=150)
    gemeente = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="kandidaten",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente die de kandidaat aanmeldt en de uitkering betaalt."),
    )
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(regio="regio")

    class Meta:
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        ordering = ["achternaam", "voornaam"]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"
