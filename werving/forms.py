from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, PERIODE, DatumVeld, modelformveld
from organisaties.validators import normaliseer_kvk_nummer, valideer_kvk_nummer

from .models import (
    MAX_PLAATSEN,
    Assessment,
    AvgVerzoek,
    Intake,
    Kandidaat,
    Ontvanger,
    RaadplegingSoort,
    Vacature,
)
from .services import PROFIELVELDEN
from .validators import normaliseer_bsn, normaliseer_postcode


class KandidaatForm(forms.ModelForm):
    """The aanmelding by a klantmanager: name, optional BSN, the profile and consent."""

    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_(
            "Niet verplicht. Wordt versleuteld bewaard; alleen uw gemeente en de procesregisseur kunnen het zien."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    toestemmingen = forms.MultipleChoiceField(
        label=_("De kandidaat geeft toestemming om gegevens te delen met"),
        choices=Ontvanger.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Ontvanger.PROCESREGISSEUR],
        help_text=_(
            "Delen met de procesregisseur is nodig om mee te doen. De werkgever ziet nooit intake- of begeleidingsgegevens."
        ),
    )

    class Meta:
        model = Kandidaat
        formfield_callback = modelformveld
        fields = ["voornaam", "achternaam", "gemeente", *PROFIELVELDEN]
        widgets = {
            f: forms.Textarea(attrs={"rows": 2})
            for f in [
                "opleiding_herkomst",
                "werkervaring_herkomst",
                "opleiding_nl",
                "werkervaring_nl",
            ]
        }

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        if gemeenten.count() == 1:
            self.fields["gemeente"].initial = gemeenten.first().pk
        self.fields["dagen_beschikbaar"].widget.attrs.update(min=1, max=5)

    def clean_bsn(self):
        return normaliseer_bsn(self.cleaned_data["bsn"])

    def clean_postcode(self):
        return normaliseer_postcode(self.cleaned_data["postcode"])

    def service_argumenten(self) -> dict:
        c = self.cleaned_data
        return {
            "voornaam": c["voornaam"],
            "achternaam": c["achternaam"],
            "gemeente": c["gemeente"],
            "bsn": c["bsn"],
            "toestemmingen": set(c["toestemmingen"]),
            **{veld: c[veld] for veld in PROFIELVELDEN},
        }

    # Used by the template to group the long form.
    GROEPEN = [
        (_("Kandidaat"), ["voornaam", "achternaam", "gemeente", "bsn", "woonplaats", "postcode"]),
        (
            _("Taal en inburgering"),
            ["taalniveau_nl", "taalniveau_en", "inburgering", "pip", "leerroute"],
        ),
        (
            _("Beschikbaarheid en vervoer"),
            ["dagen_beschikbaar", "rijbewijs", "heftruckcertificaat"],
        ),
        (
            _("Opleiding en werkervaring"),
            ["opleiding_herkomst", "werkervaring_herkomst", "opleiding_nl", "werkervaring_nl"],
        ),
        (
            _("Inkomen en randvoorwaarden"),
            [
                "uitkering",
                "vervoer_geregeld",
                "kinderopvang_nodig",
                "kinderopvang_geregeld",
                "digitaal_vaardig",
                "reiskosten_geregeld",
            ],
        ),
        (_("Toestemming"), ["toestemmingen"]),
    ]

    def groepen(self):
        return [(titel, [self[naam] for naam in namen]) for titel, namen in self.GROEPEN]


class ToestemmingForm(forms.Form):
    ontvanger = forms.ChoiceField(choices=Ontvanger.choices)
    actie = forms.ChoiceField(choices=[("geven", "geven"), ("intrekken", "intrekken")])


class IntakeForm(forms.ModelForm):
    class Meta:
        model = Intake
        formfield_callback = modelformveld
        fields = ["datum", "tolk", "identiteit", "motivatie", "capaciteiten", "werkervaring", "talenten",
                  "diplomering", "leerstijl", "netwerk", "thuissituatie", "inkomsten"]  # fmt: skip
        widgets = {**{f: forms.Textarea(attrs={"rows": 2}) for f in
                   ["identiteit", "motivatie", "capaciteiten", "werkervaring", "talenten", "diplomering",
                    "leerstijl", "netwerk", "thuissituatie", "inkomsten"]}}  # fmt: skip


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        formfield_callback = modelformveld
        fields = ["datum", "uitslag", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3})}


class WerkgeverUitnodigenForm(forms.Form):
    bedrijfsnaam = forms.CharField(label=_("Bedrijfsnaam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres van de contactpersoon"))
    traject = forms.ModelChoiceField(label=_("Voor traject"), queryset=None, required=False)

    def __init__(self, *args, trajecten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten


# ---- the werkgever's own form, step by step -------------------------------------------------


class BedrijfForm(forms.Form):
    """The company. Its name is the one the procesregisseur gave with the invitation and stays
    so; the werkgever may suggest a correction, which the procesregisseur sees on review."""

    naam_correctie = forms.CharField(
        label=_("Klopt de bedrijfsnaam niet? Vul de juiste naam in"),
        max_length=200,
        required=False,
        help_text=_("Laat leeg als de naam hierboven klopt. De procesregisseur past hem aan."),
    )
    kvk_nummer = forms.CharField(
        label=_("KvK-nummer"), validators=[valideer_kvk_nummer], help_text=_("Acht cijfers.")
    )
    vestigingsplaats = forms.CharField(label=_("Vestigingsplaats"), max_length=100)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    aantal_medewerkers = forms.IntegerField(
        label=_("Aantal medewerkers"), min_value=1, max_value=1_000_000, required=False
    )

    def __init__(self, *args, bedrijfsnaam: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.bedrijfsnaam = bedrijfsnaam

    def clean_kvk_nummer(self):
        return normaliseer_kvk_nummer(self.cleaned_data["kvk_nummer"])

    def clean_postcode(self):
        return normaliseer_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        cleaned["bedrijfsnaam"] = self.bedrijfsnaam
        correctie = (cleaned.get("naam_correctie") or "").strip()
        cleaned["naam_correctie"] = "" if correctie == self.bedrijfsnaam else correctie
        return cleaned


class ContactForm(forms.Form):
    contactpersoon = forms.CharField(label=_("Contactpersoon"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres contactpersoon"))
    telefoon = forms.CharField(label=_("Telefoonnummer"), max_length=20)
    projectleider = forms.CharField(
        label=_("Projectleider (aanspreekpunt voor de deelnemers)"), max_length=150
    )
    projectleider_email = forms.EmailField(label=_("E-mailadres projectleider"))
    plaatsvervanger = forms.CharField(
        label=_("Plaatsvervanger van de projectleider"), max_length=150
    )
    plaatsvervanger_email = forms.EmailField(label=_("E-mailadres plaatsvervanger"))


class VacatureForm(forms.ModelForm):
    class Meta:
        model = Vacature
        formfield_callback = modelformveld
        fields = ["functie", "aantal_plaatsen", "werklocatie", "ov_bereikbaar", "uren_per_week", "contract_maanden",
                  "cao", "taaleis", "rijbewijs_vereist", "vca_vereist", "flexibele_starttijden", "deeltijd_mogelijk",
                  "vrij_religieuze_feestdagen", "buddy_beschikbaar", "coaching_capaciteit"]  # fmt: skip
        help_texts = {
            "uren_per_week": _("Het model vraagt minstens 28 uur (of 3 dagen)."),
            "contract_maanden": _("Het model vraagt een contract van minstens 6 maanden."),
            "taaleis": _("Deelnemers hebben meestal taalniveau A1–A2."),
        }


MAX_VACATURES = 20

VacatureFormSet = forms.formset_factory(
    VacatureForm,
    extra=0,
    min_num=1,
    validate_min=True,
    can_delete=True,
    max_num=MAX_VACATURES,
    absolute_max=MAX_VACATURES,
    validate_max=True,
)

SUBSIDIES = [
    ("lks", _("Loonkostensubsidie")),
    ("no_risk", _("No-riskpolis")),
    ("proefplaatsing", _("Proefplaatsing met behoud van uitkering")),
    ("praktijkleren", _("Subsidie praktijkleren")),
    ("jobcoaching", _("Jobcoaching door de gemeente")),
]


class WensenForm(forms.Form):
    cultuur_op_de_werkvloer = forms.BooleanField(
        label=_("Interesse in de training Cultuur op de werkvloer (interculturele communicatie)"),
        required=False,
    )
    subsidie_informatie = forms.MultipleChoiceField(
        label=_("Over welke regelingen wilt u informatie?"),
        choices=SUBSIDIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opmerkingen = forms.CharField(
        label=_("Opmerkingen of vragen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---- the steps of the werkgever's form, and what they hold --------------------------------

STAPPEN = [
    ("bedrijf", _("Uw bedrijf"), BedrijfForm),
    ("contact", _("Contactpersonen"), ContactForm),
    ("vacatures", _("Vacatures"), VacatureFormSet),
    ("wensen", _("Wensen en informatie"), WensenForm),
    ("controle", _("Controleren en versturen"), None),
]


def als_querydict(ruw: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for sleutel, waarden in ruw.items():
        data.setlist(sleutel, waarden)
    return data


def stapformulier(intake, code, klasse, data=None):
    if klasse is VacatureFormSet:
        initial = [{"werklocatie": "", "uren_per_week": 32, "contract_maanden": 6}]
        return klasse(data, prefix="vacature", initial=None if data else initial)
    initial = {}
    if code == "bedrijf":
        return klasse(data, bedrijfsnaam=intake.uitnodiging.bedrijfsnaam)
    if code == "contact":
        initial = {"email": intake.uitnodiging.email}
    return klasse(data, initial=initial)


def ingevuld(intake) -> dict:
    """The werkgever's input, cleaned, per step (None for a step that does not validate): what
    the review page shows and what the inspanningsovereenkomst is filled from."""
    uit = {}
    for code, _titel, klasse in STAPPEN[:-1]:
        form = stapformulier(intake, code, klasse, als_querydict(intake.gegevens(code)))
        uit[code] = form.cleaned_data if form.is_valid() else None
    return uit


class BeoordelingForm(forms.Form):
    gesprek_datum = DatumVeld(GEBEURD, label=_("Datum intakegesprek"), required=False)
    gesprek_verslag = forms.CharField(
        label=_("Verslag intakegesprek"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("akkoord", _("Akkoord: werkgever doet mee")), ("afgewezen", _("Doet niet mee"))],
        widget=forms.RadioSelect,
    )
    reden_afwijzing = forms.CharField(
        label=_("Reden (als de werkgever niet meedoet)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    koppel_aan_bestaande = forms.BooleanField(required=False)

    def __init__(self, *args, bekende_organisatie=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bekende_organisatie is None:
            del self.fields["koppel_aan_bestaande"]
        else:
            self.fields["koppel_aan_bestaande"].label = _(
                "Deze intake hoort bij %(naam)s (KvK %(kvk)s): koppel de vacatures daaraan"
            ) % {"naam": bekende_organisatie.naam, "kvk": bekende_organisatie.kvk_nummer}


class BaangarantieForm(forms.Form):
    werkgever = forms.ModelChoiceField(label=_("Werkgever"), queryset=None)
    aantal_plaatsen = forms.IntegerField(
        label=_("Aantal gegarandeerde plaatsen"), min_value=1, max_value=MAX_PLAATSEN
    )

    def __init__(self, *args, werkgevers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkgever"].queryset = werkgevers


class DubbelAfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Hoe is het opgelost?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: dezelfde persoon, verhuisd naar Oss; de aanmelding van Den Bosch is "
            "beëindigd. Of: een tikfout in het BSN, gemeente heeft het gecorrigeerd."
        ),
    )


class RaadplegingFilterForm(forms.Form):
    """The filters of the access log (GET): kandidaat number, who, period, kind."""

    kandidaat = forms.IntegerField(
        label=_("Kandidaatnummer"), required=False, min_value=1, max_value=2_147_483_647
    )
    door = forms.ModelChoiceField(label=_("Door"), queryset=None, required=False)
    van = DatumVeld(PERIODE, label=_("Vanaf"), required=False)
    tot = DatumVeld(PERIODE, label=_("Tot en met"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle"))] + RaadplegingSoort.choices
    )

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["door"].queryset = personen

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data


class AvgVerzoekForm(forms.ModelForm):
    class Meta:
        model = AvgVerzoek
        formfield_callback = modelformveld
        fields = ["soort", "ontvangen_op", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 4})}


class AvgBesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("toewijzen", _("Toewijzen")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reden of wat er is gedaan"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen: de kandidaat krijgt de reden te horen."),
    )
