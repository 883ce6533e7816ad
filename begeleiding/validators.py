from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BEWIJS_MB = 5


def valideer_bewijsgrootte(bestand) -> None:
    if bestand and bestand.size > MAX_BEWIJS_MB * 1024 * 1024:
        raise ValidationError(_("Het bestand is groter dan %(mb)d MB.") % {"mb": MAX_BEWIJS_MB})


def valideer_bewijsinhoud(bestand) -> None:
    """The extension is not enough: check the first bytes (PDF, JPEG or PNG)."""
    if not bestand:
        return
    begin = bestand.read(8)
    bestand.seek(0)
    if not (
        begin.startswith(b"%PDF")
        or begin.startswith(b"\xff\xd8\xff")
        or begin.startswith(b"\x89PNG")
    ):
        raise ValidationError(_("Upload een pdf, jpg of png; dit bestand is geen van die drie."))
