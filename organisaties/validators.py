import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban

_KVK = re.compile(r"^\d{8}$")


def normaliseer_kvk_nummer(waarde: str) -> str:
    return re.sub(r"[\s.\-]", "", waarde or "")


def valideer_kvk_nummer(waarde: str) -> None:
    """A KvK number is eight digits.

    python-stdnum has no KvK module (KvK numbers carry no check digit since 2016, so only the
    form can be checked); see docs/adr/0002-kvk-nummer.md.
    """
    if waarde and not _KVK.match(normaliseer_kvk_nummer(waarde)):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."),
            code="kvk_ongeldig",
        )


def normaliseer_iban(waarde: str) -> str:
    """Without spaces and in capitals, as it is stored: NL91ABNA0417164300."""
    return iban.compact(waarde or "")


def valideer_iban(waarde: str) -> None:
    """An IBAN with the right length and format for its country and a correct check number
    (python-stdnum: ISO 13616, mod 97), so a typing error is caught before money goes astray.
    For a model field or a form field (`validators=[valideer_iban]`, with `normaliseer_iban`
    in the form's clean)."""
    if waarde and not iban.is_valid(waarde):
        raise ValidationError(
            _(
                "Dit IBAN klopt niet. Controleer de letters en cijfers, bijvoorbeeld NL91 ABNA 0417 1643 00."
            ),
            code="iban_ongeldig",
        )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's own, with the Dutch text its translations lack for this version."""

    def get_error_message(self):
        return _("Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _("Uw wachtwoord moet minstens %(min_length)d tekens hebben.") % {
            "min_length": self.min_length
        }
