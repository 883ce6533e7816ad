from django import forms
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEPLAND, DatumVeld

from .models import Modus
from .regels import REGELS


class UitstellenForm(forms.Form):
    tot = DatumVeld(GEPLAND, label=_("Uitstellen tot"))


class DrempelsForm(forms.Form):
    """One number per rule that has a threshold; empty means the rule's default."""

    def __init__(self, *args, huidig: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for regel in REGELS:
            if regel.drempel is None:
                continue
            self.fields[regel.code] = forms.IntegerField(
                label=regel.titel,
                min_value=0,
                max_value=365,
                required=False,
                initial=huidig.get(regel.code, regel.drempel),
                help_text=_("%(uitleg)s; standaard %(n)d. %(wat)s")
                % {"uitleg": regel.drempel_uitleg, "n": regel.drempel, "wat": regel.wat},
            )


class VoorkeurenForm(forms.Form):
    def __init__(self, *args, huidig: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for regel in REGELS:
            self.fields[regel.code] = forms.ChoiceField(
                label=regel.titel,
                choices=Modus.choices,
                initial=huidig[regel.code],
                help_text=regel.wat,
            )
