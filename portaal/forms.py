from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from . import services
from .models import TweedeTaal

# ---- the kandidaat's forms (their texts are shown in two languages: templates/portaal) --------

_PIN = RegexValidator(r"^[0-9]{4,6}$", _("Een pincode is 4, 5 of 6 cijfers."))


class LinkForm(forms.Form):
    """Using the link; with a PIN on the page, the PIN too."""

    pin = forms.CharField(
        label=_("Je pincode"),
        required=False,
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, met_pin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.met_pin = met_pin
        if not met_pin:
            del self.fields["pin"]
        else:
            self.fields["pin"].required = True
            self.fields["pin"].error_messages["required"] = _("Vul je pincode in.")


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("Nieuwe pincode"),
        max_length=6,
        validators=[_PIN],
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
        error_messages={"required": _("Vul een pincode in.")},
    )
    nog_eens = forms.CharField(
        label=_("Nog een keer dezelfde pincode"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
        error_messages={"required": _("Vul de pincode nog een keer in.")},
    )

    def clean_pin(self):
        pin = self.cleaned_data["pin"]
        if services.pin_zwak(pin):
            raise forms.ValidationError(_("Deze pincode is te makkelijk. Kies andere cijfers."))
        return pin

    def clean(self):
        schoon = super().clean()
        if schoon.get("pin") and schoon.get("nog_eens") != schoon["pin"]:
            self.add_error("nog_eens", _("De twee pincodes zijn niet hetzelfde."))
        return schoon


class NieuweLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit is geen e-mailadres. Kijk of er een @ in staat."),
        },
    )


class TaalForm(forms.Form):
    tweede_taal = forms.ChoiceField(
        label=_("Welke taal wil je erbij zien?"),
        choices=TweedeTaal.choices,
        required=False,
        widget=forms.RadioSelect,
    )
