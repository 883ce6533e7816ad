from django import forms
from django.utils.translation import gettext_lazy as _

from organisaties.datums import modelformveld
from organisaties.models import Rol, User

from .models import (
    Aanwezigheid,
    Contactmoment,
    Evaluatie,
    Koppeling,
    Module,
    NazorgContact,
    Onderwerp,
    Resultaat,
    Sessie,
)
from .validators import valideer_bewijsinhoud


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        formfield_callback = modelformveld
        fields = ["soort", "aanbieder", "dagen", "omschrijving"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"dagen": _("Leeg laten voor de standaardduur uit het model.")}

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders
        self.fields["dagen"].required = False


class SessieForm(forms.ModelForm):
    class Meta:
        model = Sessie
        formfield_callback = modelformveld
        fields = ["datum", "begintijd", "locatie"]
        widgets = {
            "begintijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class PresentieForm(forms.Form):
    """One radio group per deelnemer."""

    def __init__(self, *args, deelnames, bestaand, **kwargs):
        super().__init__(*args, **kwargs)
        self.deelnames = deelnames
        for d in deelnames:
            self.fields[f"d{d.pk}"] = forms.ChoiceField(
                label=str(d.kandidaat),
                choices=Aanwezigheid.choices,
                widget=forms.RadioSelect,
                initial=bestaand.get(d.pk),
            )

    def aanwezigheid(self) -> dict:
        return {d: self.cleaned_data[f"d{d.pk}"] for d in self.deelnames}


class ResultaatForm(forms.ModelForm):
    class Meta:
        model = Resultaat
        formfield_callback = modelformveld
        fields = ["behaald", "certificaat", "datum", "bewijs"]
        widgets = {
            "bewijs": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }

    def clean_bewijs(self):
        bewijs = self.cleaned_data.get("bewijs")
        if bewijs and hasattr(bewijs, "read") and not getattr(bewijs, "_committed", False):
            valideer_bewijsinhoud(bewijs)
        return bewijs


class KoppelingForm(forms.ModelForm):
    class Meta:
        model = Koppeling
        formfield_callback = modelformveld
        fields = ["rol", "persoon", "naam", "start", "eind"]

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = (
            User.objects.filter(
                lidmaatschappen__regio=regio,
                lidmaatschappen__rol=Rol.BEGELEIDER,
                lidmaatschappen__beeindigd_op__isnull=True,
            )
            .distinct()
            .order_by("naam")
        )


class ContactmomentForm(forms.ModelForm):
    onderwerpen = forms.MultipleChoiceField(
        label=_("Onderwerpen"),
        choices=Onderwerp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Contactmoment
        formfield_callback = modelformveld
        fields = [
            "datum",
            "kanaal",
            "deelnemers",
            "onderwerpen",
            "samenvatting",
            "vervolgactie",
            "vervolg_datum",
            "vervolg_eigenaar",
        ]
        widgets = {
            "samenvatting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vervolg_eigenaar"].queryset = (
            User.objects.filter(
                lidmaatschappen__regio=regio, lidmaatschappen__beeindigd_op__isnull=True
            )
            .distinct()
            .order_by("naam")
        )


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Vertrouwelijke notitie"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluatieForm(forms.ModelForm):
    class Meta:
        model = Evaluatie
        formfield_callback = modelformveld
        fields = [
            "datum",
            "criteria",
            "uitkomst",
            "driegesprek",
            "aanwezigen",
            "besluit",
            "verlengd_tot",
            "toelichting",
        ]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 2}),
                   "toelichting": forms.Textarea(attrs={"rows": 2})}  # fmt: skip


class NazorgForm(forms.ModelForm):
    class Meta:
        model = NazorgContact
        formfield_callback = modelformveld
        fields = [
            "datum",
            "kanaal",
            "peilmoment",
            "nog_in_dienst",
            "contract_verlengd_tot",
            "notitie",
        ]
        widgets = {
            "notitie": forms.Textarea(attrs={"rows": 2}),
        }
