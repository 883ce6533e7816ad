"""Forms of the professionals' side of the kandidaat's page (Dutch only)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import modelformveld

from . import services
from .models import Afspraak, Intrekverzoek, Taak

# ---- the professionals' forms ---------------------------------------------------------------


class OpenPortaalForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de kandidaat"),
        required=False,
        help_text=_("Leeg laten als de kandidaat geen e-mail gebruikt: u print dan een QR-code."),
    )
    contactpersoon = forms.ModelChoiceField(label=_("Contactpersoon"), queryset=None)
    toestemming = forms.BooleanField(
        label=_(
            "De kandidaat wil een eigen pagina en weet wat daarop staat (uitgelegd in eigen taal "
            "waar nodig)."
        ),
        error_messages={"required": _("Zonder toestemming van de kandidaat geen eigen pagina.")},
    )

    def __init__(self, *args, contactpersonen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].queryset = contactpersonen
        self.fields["contactpersoon"].label_from_instance = lambda u: u.naam


class AfspraakForm(forms.ModelForm):
    class Meta:
        model = Afspraak
        formfield_callback = modelformveld
        fields = ["soort", "datum", "tijd", "plaats", "met", "meenemen"]
        widgets = {"tijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {
            "plaats": _("Adres en kamer, zo dat de kandidaat het kan vinden."),
            "meenemen": _("Kort en eenvoudig, bijvoorbeeld: je ID-kaart en je diploma."),
        }

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum < timezone.localdate():
            raise forms.ValidationError(_("Een nieuwe afspraak ligt vandaag of later."))
        return datum


class TaakForm(forms.ModelForm):
    class Meta:
        model = Taak
        formfield_callback = modelformveld
        fields = ["tekst", "voor"]
        help_texts = {"tekst": _("Kort en eenvoudig, bijvoorbeeld: koop werkschoenen.")}


class IntrekkingForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst van het gesprek"),
        choices=Intrekverzoek.Uitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er besloten is.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        schoon = super().clean()
        if schoon.get("uitkomst") == Intrekverzoek.Uitkomst.BLIJFT and not schoon.get(
            "toelichting"
        ):
            self.add_error("toelichting", _("Schrijf kort op waarom de toestemming blijft."))
        return schoon


class ContactkaartForm(forms.Form):
    telefoon = forms.CharField(
        label=_("Telefoonnummer voor kandidaten"),
        required=False,
        max_length=20,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{6,20}$",
                _("Vul een telefoonnummer in met cijfers, bijvoorbeeld 0412 123 456."),
            )
        ],
    )
    bereikbaar = forms.CharField(
        label=_("Wanneer bereikbaar"),
        required=False,
        max_length=100,
        help_text=_("Kort, bijvoorbeeld: maandag tot en met donderdag."),
    )
    foto = forms.FileField(
        label=_("Foto (mag leeg)"),
        required=False,
        help_text=_("Een foto helpt kandidaten u te herkennen. JPEG of PNG, hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    foto_weg = forms.BooleanField(label=_("Foto weghalen"), required=False)

    def clean_foto(self):
        bestand = self.cleaned_data.get("foto")
        if not bestand:
            return None
        if bestand.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Deze foto is groter dan 5 MB. Kies een kleinere."))
        try:
            return services.maak_pasfoto(bestand)
        except ValueError:
            raise forms.ValidationError(
                _("Dit bestand is geen foto. Kies een JPEG of PNG.")
            ) from None
