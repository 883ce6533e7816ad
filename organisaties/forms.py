from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import TOKEN_MAX_DAGEN, TOKEN_ROLLEN, Organisatie, Rol
from .validators import normaliseer_kvk_nummer, valideer_kvk_nummer


def fouten_naar_formulier(form, fout: ValidationError) -> None:
    """Puts a service's ValidationError next to the right field (or at the top of the form)."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


def verwerk(form, doe) -> bool:
    """Validates the form and calls `doe(cleaned_data)`; a service's ValidationError goes next to
    the fields. True when it worked."""
    if not form.is_valid():
        return False
    try:
        doe(form.cleaned_data)
    except ValidationError as fout:
        fouten_naar_formulier(form, fout)
        return False
    return True


class InlogForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van e-mailadres en wachtwoord kennen we niet. Let op hoofdletters."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zes cijfers uit uw authenticator-app, of een herstelcode."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


class UitnodigenForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none()
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties


class OrganisatieForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    soort = forms.ChoiceField(label=_("Soort organisatie"), choices=Organisatie.Soort.choices)
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"),
        required=False,
        help_text=_("Acht cijfers. Niet verplicht voor gemeenten."),
        validators=[valideer_kvk_nummer],
    )

    bestaande_bevestigd = forms.BooleanField(
        label=_("Ja, voeg deze bestaande organisatie toe aan de regio"),
        required=False,
        help_text=_("Alleen nodig als het KvK-nummer al in Schakel bekend is."),
    )

    def clean_kvk_nummer(self):
        return normaliseer_kvk_nummer(self.cleaned_data["kvk_nummer"])


class AccountAanmakenForm(forms.Form):
    naam = forms.CharField(label=_("Uw naam"), max_length=150)
    wachtwoord1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens; geen veelgebruikt wachtwoord."),
    )
    wachtwoord2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        w1, w2 = cleaned.get("wachtwoord1"), cleaned.get("wachtwoord2")
        if w1 and w2 and w1 != w2:
            self.add_error("wachtwoord2", _("De twee wachtwoorden zijn niet gelijk."))
        elif w1:
            from .models import User

            kandidaat = User(email=self.email, naam=cleaned.get("naam", ""))
            try:
                password_validation.validate_password(w1, kandidaat)
            except forms.ValidationError as fout:
                self.add_error("wachtwoord1", fout)
        return cleaned


class ApiTokenForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam"), max_length=100, help_text=_("Waarvoor, of voor welk systeem.")
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none()
    )
    rol = forms.ChoiceField(
        label=_("Rol"), choices=[(r, Rol(r).label) for r in Rol.values if r in TOKEN_ROLLEN]
    )
    geldig_dagen = forms.IntegerField(
        label=_("Geldig (dagen)"), min_value=1, max_value=TOKEN_MAX_DAGEN, initial=90
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties
