import re
from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, PERIODE, DatumVeld
from organisaties.models import FINANCIER_SOORTEN, Organisatie

from . import businesscase
from .models import AfspraakSoort, KostenCategorie, VorderingStatus
from .services import DekkingInvoer, RegelInvoer

S = Organisatie.Soort


def normaliseer_getal(tekst: str) -> str:
    """Accepts Dutch and plain notation: "1.234,56", "1234,56", "€ 1.234", "1234.56"."""
    t = re.sub(r"[€%\s\u00a0]", "", tekst)
    if "," in t:
        return t.replace(".", "").replace(",", ".")
    if t.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", t):
        return t.replace(".", "")
    return t


def als_tekst(waarde: Decimal) -> str:
    """Decimal → "1234,56" for an input field (no thousands separator: easier to edit)."""
    return f"{waarde:f}".replace(".", ",")


class BedragField(forms.DecimalField):
    """An amount in euros, typed the Dutch way. Negative only where a correction may be."""

    default_error_messages = {
        "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 1.250,00."),
        "max_digits": _("Dit bedrag is te groot."),
        "max_whole_digits": _("Dit bedrag is te groot."),
        "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
        "min_value": _("Een bedrag kan niet negatief zijn."),
    }

    def __init__(self, *, negatief: bool = False, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        if not negatief:
            kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = normaliseer_getal(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return als_tekst(value)
        return value

    def widget_attrs(self, widget):
        # No step/min/max: the field is a text input that accepts Dutch notation.
        return {}


class PercentageField(BedragField):
    default_error_messages = {
        "invalid": _("Vul een percentage in, bijvoorbeeld 40 of 12,5."),
        "max_value": _("Een percentage is hoogstens 100."),
        "min_value": _("Een percentage kan niet negatief zijn."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("max_value", Decimal(100))
        super().__init__(**kwargs)


class AfspraakForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort financiering"), choices=AfspraakSoort.choices, widget=forms.RadioSelect
    )
    fonds = forms.ModelChoiceField(
        label=_("Revolverend fonds (O&O-fonds)"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Geen fonds"),
        help_text=_(
            "Het O&O-fonds dat voorfinanciert; de start- en resultaatfinanciering vloeit hierin "
            "terug. Nodig zodra gemeenten bedragen per kandidaat betalen."
        ),
    )
    penvoerder = forms.ModelChoiceField(
        label=_("Penvoerder (bij subsidie)"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Geen penvoerder"),
    )
    verantwoording = forms.CharField(
        label=_("Verantwoordings- en rapportageplicht"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bij subsidie: wat de penvoerder wanneer aan de subsidiegever rapporteert."),
    )
    verantwoording_uiterlijk = DatumVeld(
        PERIODE, label=_("Verantwoording uiterlijk op"), required=False
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, regio, **kwargs):
        super().__init__(*args, **kwargs)
        organisaties = regio.organisaties.order_by("naam")
        self.fields["fonds"].queryset = organisaties.filter(soort=S.OO_FONDS)
        self.fields["penvoerder"].queryset = organisaties


class RegelForm(forms.Form):
    financier = forms.ModelChoiceField(
        label=_("Financier"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Elke gemeente die een kandidaat aanbrengt"),
    )
    voorfinanciering = BedragField(label=_("Voorfinanciering"), required=False)
    start_per_kandidaat = BedragField(label=_("Start per kandidaat"), required=False)
    resultaat_1_per_kandidaat = BedragField(
        label=_("Resultaat I per kandidaat"),
        required=False,
        help_text=_("Bij het afronden van de vakopleiding."),
    )
    resultaat_2_per_kandidaat = BedragField(
        label=_("Resultaat II per kandidaat"),
        required=False,
        help_text=_("Bij een contract van 6 maanden of langer."),
    )
    aandeel_procent = PercentageField(label=_("Aandeel in de kosten (%)"), required=False)
    in_natura = forms.CharField(
        label=_("Bijdrage in natura"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: de basisvakopleiding."),
    )

    def __init__(self, *args, regio=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regio is not None:
            self.fields["financier"].queryset = regio.organisaties.filter(
                soort__in=FINANCIER_SOORTEN
            ).order_by("soort", "naam")

    def regel(self) -> RegelInvoer:
        c = self.cleaned_data
        nul = Decimal("0")
        return RegelInvoer(
            financier=c.get("financier"),
            voorfinanciering=c.get("voorfinanciering") or nul,
            start_per_kandidaat=c.get("start_per_kandidaat") or nul,
            resultaat_1_per_kandidaat=c.get("resultaat_1_per_kandidaat") or nul,
            resultaat_2_per_kandidaat=c.get("resultaat_2_per_kandidaat") or nul,
            aandeel_procent=c.get("aandeel_procent"),
            in_natura=c.get("in_natura", ""),
        )


class BasisRegelFormSet(forms.BaseFormSet):
    def regels(self) -> list[tuple[int, RegelInvoer]]:
        """(index of the form, line) for every filled-in form not marked for deletion."""
        return [
            (i, form.regel())
            for i, form in enumerate(self.forms)
            if not self._should_delete_form(form)
            and (i < self.initial_form_count() or form.has_changed())
        ]


RegelFormSet = forms.formset_factory(
    RegelForm, formset=BasisRegelFormSet, extra=2, can_delete=True, max_num=30
)


class BegrotingForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for categorie, label in KostenCategorie.choices:
            self.fields[categorie] = BedragField(label=label, required=False)

    def bedragen(self) -> dict[str, Decimal | None]:
        return {c: self.cleaned_data.get(c) for c in KostenCategorie.values}


class UitgaveForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Categorie"), choices=KostenCategorie.choices)
    datum = DatumVeld(GEBEURD, label=_("Datum"))
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)
    bedrag = BedragField(
        label=_("Bedrag"),
        help_text=_("Bij een bijdrage in natura: de waarde ervan."),
    )
    in_natura_door = forms.ModelChoiceField(
        label=_("In natura geleverd door"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Niemand: betaald in geld"),
        help_text=_(
            "Kies de financier die dit zelf leverde in plaats van ervoor te betalen, "
            "bijvoorbeeld de vakopleiding door de eigen opleider van het O&O-fonds. "
            "Het telt mee in de kosten en de dekking, niet in het fonds."
        ),
    )

    def __init__(self, *args, financiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.fields["in_natura_door"].queryset = Organisatie.objects.filter(
            pk__in=[f.pk for f in financiers]
        ).order_by("naam")


class UitgaveCorrectieForm(forms.Form):
    bedrag = BedragField(
        label=_("Juiste bedrag"),
        help_text=_("Wat de uitgave had moeten zijn; 0 schrapt haar."),
    )
    reden = forms.CharField(label=_("Reden"), max_length=150)


class DekkingForm(forms.Form):
    financier = forms.ModelChoiceField(
        label=_("Financier"), queryset=Organisatie.objects.none(), required=False
    )
    categorie = forms.ChoiceField(
        label=_("Kosten"), choices=[("", "---------"), *KostenCategorie.choices], required=False
    )
    procent = PercentageField(
        label=_("Percentage"), required=False, help_text=_("Van elke uitgave in deze kosten.")
    )
    maximum = BedragField(
        label=_("Maximum"), required=False, help_text=_("Voor de hele ronde; leeg is geen maximum.")
    )
    in_natura = forms.BooleanField(
        label=_("In natura"),
        required=False,
        help_text=_("De financier levert dit zelf; het bedrag is de afgesproken waarde."),
    )

    def __init__(self, *args, regio=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regio is not None:
            self.fields["financier"].queryset = regio.organisaties.filter(
                soort__in=FINANCIER_SOORTEN
            ).order_by("soort", "naam")

    def clean(self):
        c = super().clean()
        if self.has_changed() and not (c.get("financier") and c.get("categorie")):
            raise forms.ValidationError(_("Kies een financier en de kosten die hij dekt."))
        return c

    def regel(self) -> DekkingInvoer:
        c = self.cleaned_data
        return DekkingInvoer(
            financier=c["financier"],
            categorie=c["categorie"],
            procent=c.get("procent"),
            maximum=c.get("maximum"),
            in_natura=bool(c.get("in_natura")),
        )


class BasisDekkingFormSet(forms.BaseFormSet):
    def regels(self) -> list[tuple[int, DekkingInvoer]]:
        """(index of the form, rule) for every filled-in form not marked for deletion."""
        return [
            (i, form.regel())
            for i, form in enumerate(self.forms)
            if not self._should_delete_form(form)
            and form.cleaned_data.get("financier")
            and form.cleaned_data.get("categorie")
        ]


DekkingFormSet = forms.formset_factory(
    DekkingForm, formset=BasisDekkingFormSet, extra=3, can_delete=True, max_num=60
)


class FinanciersbetalingForm(forms.Form):
    financier = forms.ModelChoiceField(label=_("Financier"), queryset=Organisatie.objects.none())
    bedrag = BedragField(
        label=_("Bedrag"),
        negatief=True,
        help_text=_("Een vergissing herstelt u met een negatief bedrag."),
    )
    datum = DatumVeld(GEBEURD, label=_("Betaald op"))
    omschrijving = forms.CharField(
        label=_("Omschrijving of kenmerk"), max_length=200, required=False
    )

    def __init__(self, *args, financiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.fields["financier"].queryset = Organisatie.objects.filter(
            pk__in=[f.pk for f in financiers]
        ).order_by("naam")


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("akkoord", _("Akkoord")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reden (verplicht bij afwijzen)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpnieuwIndienenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Wat is er veranderd sinds de afwijzing?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class BetalingForm(forms.Form):
    betaald_op = DatumVeld(GEBEURD, label=_("Betaald op"))
    kenmerk = forms.CharField(
        label=_("Betalingskenmerk"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld het kenmerk op het bankafschrift."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["betaald_op"].initial = timezone.localdate()


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


BOEKSOORTEN = [
    ("inleg", _("Inleg van het O&O-fonds in het revolverend fonds")),
    ("voorfinanciering", _("Voorfinanciering aan een traject (uit het fonds)")),
    ("overdracht", _("Overdracht van de opbrengst van een ronde naar de volgende ronde")),
]


class BoekingForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort boeking"), choices=BOEKSOORTEN, widget=forms.RadioSelect
    )
    traject = forms.ModelChoiceField(
        label=_("Traject"),
        queryset=None,
        required=False,
        help_text=_("Niet bij een inleg. Bij een overdracht: de volgende ronde."),
    )
    bedrag = BedragField(label=_("Bedrag"))
    datum = DatumVeld(GEBEURD, label=_("Datum"))
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)

    def __init__(self, *args, trajecten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten
        self.fields["datum"].initial = timezone.localdate()


class SpecificatieForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )
    van = DatumVeld(PERIODE, label=_("Van"), required=False)
    tot = DatumVeld(PERIODE, label=_("Tot en met"), required=False)

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten

    def clean(self):
        c = super().clean()
        vandaag = timezone.localdate()
        c["van"] = c.get("van") or date(vandaag.year, 1, 1)
        c["tot"] = c.get("tot") or date(vandaag.year, 12, 31)
        if c["tot"] < c["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return c


class BusinesscaseForm(forms.Form):
    s = businesscase.SEED_GROTE_GEMEENTE
    uitkering_per_jaar = BedragField(
        label=_("Uitkering per persoon per jaar"),
        initial=s.uitkering_per_jaar,
        help_text=_("Minimaal € 19.000 voor een samenwonende uitkeringsgerechtigde (2025)."),
    )
    maanden = forms.IntegerField(
        label=_("Maanden minder uitkering per geslaagde"),
        initial=s.maanden,
        min_value=1,
        max_value=120,
        help_text=_("Een voorzichtige raming is 1,5 jaar: 18 maanden."),
    )
    startbedrag = BedragField(label=_("Startfinanciering per starter"), initial=s.startbedrag)
    resultaatbedrag = BedragField(
        label=_("Resultaatfinanciering per geslaagde (I en II samen)"), initial=s.resultaatbedrag
    )
    starters = forms.IntegerField(
        label=_("Aantal starters"), initial=s.starters, min_value=0, max_value=100000
    )
    slagingspercentage = PercentageField(
        label=_("Slagingspercentage (contract)"), initial=s.slagingspercentage
    )
    del s

    def invoer(self) -> businesscase.Invoer:
        return businesscase.Invoer(**self.cleaned_data)


class VorderingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle")), *VorderingStatus.choices], required=False
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
