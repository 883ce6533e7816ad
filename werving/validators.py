import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_fouten
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode


def normaliseer_bsn(waarde: str) -> str:
    """Checks a BSN with the elfproef (python-stdnum); returns the 9 digits or raises."""
    if not waarde:
        return ""
    # stdnum pads short input with zeros; we accept 9 digits, or 8 with the leading zero dropped.
    ingetypt = re.sub(r"[\s.\-]", "", waarde)
    if not ingetypt.isdigit() or len(ingetypt) not in (8, 9):
        raise ValidationError(_("Een BSN heeft 9 cijfers."), code="bsn_lengte")
    try:
        return stdnum_bsn.validate(ingetypt)
    except stdnum_fouten.ValidationError:
        raise ValidationError(
            _("Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers."), code="bsn_ongeldig"
        ) from None


def normaliseer_postcode(waarde: str) -> str:
    """Dutch postcode as '1234 AB'."""
    if not waarde:
        return ""
    try:
        return stdnum_postcode.validate(waarde)
    except stdnum_fouten.ValidationError:
        raise ValidationError(
            _("Vul een Nederlandse postcode in, bijvoorbeeld 5211 AB."), code="postcode_ongeldig"
        ) from None
