from django import forms
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEPLAND, DatumVeld
from organisaties.validators import normaliseer_kvk_nummer, valideer_kvk_nummer
from werving.validators import normaliseer_postcode

from .models import DocumentSoort

# Every field is optional here: the procesregisseur may save half an agreement; what is still
# missing is listed on the page and blocks sending (documenten.gegevens.VERPLICHT).


def _tekst(label, max_length=150, **kwargs):
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


class _Werkgever(forms.Form):
    werkgever_kvk = _tekst(_("KvK-nummer werkgever"), 12, validators=[valideer_kvk_nummer])
    werkgever_adres = _tekst(_("Adres werkgever (straat en huisnummer)"))
    werkgever_postcode = _tekst(_("Postcode werkgever"), 7)
    werkgever_plaats = _tekst(_("Vestigingsplaats werkgever"), 100)
    werkgever_ondertekenaar = _tekst(_("Tekent namens de werkgever (naam)"))
    werkgever_functie = _tekst(_("Functie van wie tekent namens de werkgever"))
    werkgever_email = forms.EmailField(
        label=_("E-mailadres waar de ondertekenlink naartoe gaat"), required=False
    )

    def clean_werkgever_kvk(self):
        return normaliseer_kvk_nummer(self.cleaned_data["werkgever_kvk"])

    def clean_werkgever_postcode(self):
        return normaliseer_postcode(self.cleaned_data["werkgever_postcode"])

    def als_invoer(self) -> dict:
        """JSON-safe: dates as ISO text, organisations as their id."""
        uit = {}
        for naam, waarde in self.cleaned_data.items():
            if hasattr(waarde, "isoformat"):
                waarde = waarde.isoformat()
            elif hasattr(waarde, "pk"):
                waarde = waarde.pk
            uit[naam] = waarde if waarde is not None else ""
        return uit


class InspanningsovereenkomstForm(_Werkgever):
    projectleider = _tekst(_("Projectleider bij de werkgever"))
    buddy = _tekst(
        _("Buddy op de werkvloer"),
        help_text=_(
            "Leeg laten als de buddy nog niet bekend is: de werkgever benoemt de buddy vóór de start."
        ),
    )
    regisseur_kvk = _tekst(_("KvK-nummer procesregisseur"), 12, validators=[valideer_kvk_nummer])
    regisseur_adres = _tekst(_("Adres procesregisseur (straat en huisnummer)"))
    regisseur_postcode = _tekst(_("Postcode procesregisseur"), 7)
    regisseur_plaats = _tekst(_("Vestigingsplaats procesregisseur"), 100)
    regisseur_ondertekenaar = _tekst(_("Tekent namens de procesregisseur (naam)"))
    regisseur_functie = _tekst(_("Functie van wie tekent namens de procesregisseur"))
    salarisindicatie = _tekst(
        _("Salarisindicatie"),
        200,
        help_text=_("Bijvoorbeeld: € 2.450 tot € 2.700 bruto per maand, volgens de cao."),
    )
    startdatum = DatumVeld(GEPLAND, label=_("Verwachte start van de proefperiode"), required=False)
    looptijd_tot = DatumVeld(GEPLAND, label=_("De overeenkomst loopt tot"), required=False)
    opzegtermijn_weken = forms.IntegerField(
        label=_("Opzegtermijn (weken)"), min_value=0, max_value=52, required=False
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente als partij (optioneel)"), queryset=None, required=False
    )
    fonds = forms.ModelChoiceField(
        label=_("O&O-fonds als partij (optioneel)"), queryset=None, required=False
    )
    bijzondere_afspraken = _tekst(
        _("Bijzondere afspraken"), 2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, gemeenten, fondsen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["fonds"].queryset = fondsen

    def clean_regisseur_kvk(self):
        return normaliseer_kvk_nummer(self.cleaned_data["regisseur_kvk"])

    def clean_regisseur_postcode(self):
        return normaliseer_postcode(self.cleaned_data["regisseur_postcode"])


class ProefplaatsingsovereenkomstForm(_Werkgever):
    functie = _tekst(_("Functie tijdens de proefplaatsing"))
    werklocatie = _tekst(_("Werklocatie"), 100)
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"), min_value=1, max_value=60, required=False
    )
    startdatum = DatumVeld(GEPLAND, label=_("Start van de proefplaatsing"), required=False)
    einddatum = DatumVeld(GEPLAND, label=_("Einde van de proefplaatsing"), required=False)
    buddy = _tekst(_("Buddy op de werkvloer"))
    begeleider = _tekst(_("Arbeidscoach of jobcoach"))
    gemeente_ondertekenaar = _tekst(_("Tekent namens de gemeente (naam)"))
    gemeente_functie = _tekst(_("Functie van wie tekent namens de gemeente"))
    bijzondere_afspraken = _tekst(
        _("Bijzondere afspraken"), 2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, gemeenten=None, fondsen=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        c = super().clean()
        if c.get("startdatum") and c.get("einddatum") and c["einddatum"] < c["startdatum"]:
            self.add_error("einddatum", _("Het einde ligt vóór de start."))
        return c


FORMULIEREN = {
    DocumentSoort.INSPANNINGSOVEREENKOMST: InspanningsovereenkomstForm,
    DocumentSoort.PROEFPLAATSINGSOVEREENKOMST: ProefplaatsingsovereenkomstForm,
}


class VersturenForm(forms.Form):
    email = forms.EmailField(label=_("Ondertekenlink sturen naar"))


class OndertekenForm(forms.Form):
    """The werkgever (through the link) and whoever signs in Schakel."""

    naam = forms.CharField(label=_("Uw naam"), max_length=150)
    functie = forms.CharField(label=_("Uw functie"), max_length=150)
    akkoord = forms.BooleanField(
        label=_("Ik heb de overeenkomst gelezen en ga ermee akkoord."),
        error_messages={"required": _("Vink aan dat u akkoord gaat.")},
    )

    def __init__(self, *args, akkoord_label=None, functie_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if akkoord_label:
            self.fields["akkoord"].label = akkoord_label
        if functie_label:
            self.fields["functie"].label = functie_label


class NieuwDocumentForm(forms.Form):
    soort = forms.ChoiceField(choices=DocumentSoort.choices)
    baangarantie = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    deelname = forms.IntegerField(required=False, min_value=1, max_value=2**62)
