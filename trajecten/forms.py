from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.datums import GEBEURD, GEPLAND, DatumVeld, modelformveld
from organisaties.models import Organisatie

from . import services, workflow
from .models import (
    GROEP_GRENS,
    Beroep,
    Branche,
    Deelname,
    Fase,
    PartnerRol,
    StapStatus,
    UitvalReden,
)
from .opstart import vroegste_werving_start

S = Organisatie.Soort


# Which kinds of organisation may fill a partner role in a traject.
PARTNERSOORTEN = {
    PartnerRol.PROCESREGISSEUR: services.PROCESREGIE_SOORTEN,
    PartnerRol.OO_FONDS: [S.OO_FONDS, S.SUBSIDIEGEVER],
    PartnerRol.OPLEIDER: [S.OPLEIDER, S.OO_FONDS],
    PartnerRol.DIENSTVERLENER: [S.DIENSTVERLENER, S.RWC_WSP],
    PartnerRol.GEMEENTE: [S.GEMEENTE],
    PartnerRol.WERKGEVER: [S.WERKGEVER],
}
MEERVOUD = {
    PartnerRol.OO_FONDS: _("O&O-fondsen en financiers"),
    PartnerRol.OPLEIDER: _("Opleiders"),
    PartnerRol.DIENSTVERLENER: _("Dienstverleners"),
    PartnerRol.GEMEENTE: _("Gemeenten"),
    PartnerRol.WERKGEVER: _("Werkgevers"),
}


# The werving steps of the phase plan, in the order of the route.
STAPPEN = {
    "met_intake": _("Intake: een individueel gesprek met elke kandidaat"),
    "met_assessment": _("Praktijkassessment vóór de selectie"),
    "met_selectie": _("Selectiebesluit vóór de start"),
}


class TrajectForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Isolatiemonteur Rijnmond, ronde 1"),
    )
    branche = forms.ChoiceField(
        label=_("Branche"), choices=[("", _("Kies een branche")), *Branche.choices]
    )
    beroep = forms.ModelChoiceField(
        label=_("Beroep (functieprofiel)"), queryset=Beroep.objects.all(), required=False
    )
    nieuw_beroep = forms.CharField(
        label=_("Of een beroep dat nog niet in de lijst staat"), max_length=100, required=False
    )
    groepsgrootte = forms.IntegerField(
        label=_("Geplande groepsgrootte"),
        min_value=1,
        max_value=GROEP_GRENS,
        initial=10,
        help_text=_("8 tot 14 deelnemers; het financieringsmodel gaat uit van 10."),
    )
    reden_groepsgrootte = forms.CharField(
        label=_("Reden voor een groep groter dan 14"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    omschrijving = forms.CharField(
        label=_("Wat houdt het traject in"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    doelgroep = forms.CharField(
        label=_("Voor wie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: statushouders met taalniveau A1–A2, 3 tot 5 dagen beschikbaar."),
    )
    toelatingseisen = forms.CharField(
        label=_("Eisen aan de kandidaat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rooster = forms.CharField(
        label=_("Rooster en uren"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    certificaat = forms.CharField(label=_("Certificaat"), max_length=200, required=False)
    baanperspectief = forms.CharField(
        label=_("Baanperspectief"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, regio, traject=None, branche_url="", **kwargs):
        super().__init__(*args, **kwargs)
        start = vroegste_werving_start(timezone.localdate())
        planning = services.standaard_faseplanning(start)
        if traject is not None:
            planning = {
                fp.fase: (fp.gepland_start, fp.gepland_eind) for fp in traject.faseplanning.all()
            }
        for fase in services.FASEVOLGORDE:
            start, eind = planning[fase]
            label = Fase(fase).label
            self.fields[f"{fase}_start"] = DatumVeld(
                GEPLAND, label=_("%(fase)s: start") % {"fase": label}, initial=start
            )
            if fase == Fase.WERVING and traject is None:
                self.fields[f"{fase}_start"].help_text = _(
                    "Op zijn vroegst zo, dat elke stap van de opstartchecklist zijn deadline "
                    "nog kan halen."
                )
            self.fields[f"{fase}_eind"] = DatumVeld(
                GEPLAND, label=_("%(fase)s: einde") % {"fase": label}, initial=eind
            )
        for veld, label in STAPPEN.items():
            self.fields[veld] = forms.BooleanField(
                label=label, required=False, initial=getattr(traject, veld, True)
            )
        organisaties = regio.organisaties.order_by("naam")
        self.fields["procesregisseur"] = forms.ModelChoiceField(
            label=_("Procesregie"),
            queryset=organisaties.filter(soort__in=PARTNERSOORTEN[PartnerRol.PROCESREGISSEUR]),
            help_text=_("Precies één partij heeft de procesregie."),
        )
        for rol, label in MEERVOUD.items():
            self.fields[f"partners_{rol}"] = forms.ModelMultipleChoiceField(
                label=label,
                queryset=organisaties.filter(soort__in=PARTNERSOORTEN[rol]),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if traject is not None:
            bestaand = {
                "naam": traject.naam,
                "branche": traject.branche,
                "beroep": traject.beroep_id,
                "groepsgrootte": traject.groepsgrootte,
                "reden_groepsgrootte": traject.reden_groepsgrootte,
                **{veld: getattr(traject, veld) for veld in services.CATALOGUSVELDEN},
            }
            for p in traject.partners.all():
                if p.rol == PartnerRol.PROCESREGISSEUR:
                    bestaand["procesregisseur"] = p.organisatie_id
                else:
                    bestaand.setdefault(f"partners_{p.rol}", []).append(p.organisatie_id)
            self.initial = {**bestaand, **self.initial}  # a branche chosen on the page wins
        self._beroepen_van_branche(branche_url)

    def _beroepen_van_branche(self, branche_url: str) -> None:
        """Only the beroepen of the chosen branche; with htmx the list follows the branche
        choice (the page itself answers with the new list: `?branche=…`)."""
        branche = self.data.get("branche") or self.initial.get("branche")
        if branche in Branche.values:
            self.fields["beroep"].queryset = Beroep.objects.filter(branche=branche)
        if branche_url:
            self.fields["branche"].widget.attrs.update(
                {
                    "hx-get": branche_url,
                    "hx-target": "#id_beroep",
                    "hx-select": "#id_beroep",
                    "hx-swap": "outerHTML",
                }
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("beroep") and not cleaned.get("nieuw_beroep", "").strip():
            self.add_error("beroep", _("Kies een beroep, of vul een nieuw beroep in."))
        return cleaned

    def wat_velden(self):
        namen = [
            "naam",
            "branche",
            "beroep",
            "nieuw_beroep",
            "groepsgrootte",
            "reden_groepsgrootte",
        ]
        return [self[naam] for naam in namen]

    def catalogus_velden(self):
        return [self[veld] for veld in services.CATALOGUSVELDEN]

    def fase_velden(self):
        return [
            self[f"{fase}_{rand}"] for fase in services.FASEVOLGORDE for rand in ("start", "eind")
        ]

    def stap_velden(self):
        return [self[veld] for veld in STAPPEN]

    def partner_velden(self):
        return [self["procesregisseur"], *(self[f"partners_{rol}"] for rol in MEERVOUD)]

    def service_argumenten(self) -> dict:
        c = self.cleaned_data
        beroep = c["beroep"]
        if not beroep:
            beroep, _nieuw = Beroep.objects.get_or_create(
                naam=c["nieuw_beroep"].strip().capitalize(), defaults={"branche": c["branche"]}
            )
        partners = {PartnerRol.PROCESREGISSEUR: [c["procesregisseur"]]}
        for rol in MEERVOUD:
            partners[rol] = list(c[f"partners_{rol}"])
        return {
            "naam": c["naam"],
            "branche": c["branche"],
            "beroep": beroep,
            "groepsgrootte": c["groepsgrootte"],
            "reden_groepsgrootte": c["reden_groepsgrootte"],
            "planning": {f: (c[f"{f}_start"], c[f"{f}_eind"]) for f in services.FASEVOLGORDE},
            "partners": partners,
            **{veld: c[veld] for veld in STAPPEN},
            **{veld: c[veld] for veld in services.CATALOGUSVELDEN},
        }


class TrajectOvergangForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden of toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NieuweRondeForm(forms.Form):
    start = DatumVeld(
        GEPLAND,
        label=_("Start van de werving in de nieuwe ronde"),
        help_text=_(
            "De fasen schuiven mee; partners en wachtlijst gaan over naar de nieuwe ronde."
        ),
    )


class ChecklistStapForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StapStatus.choices)
    reden_nvt = forms.CharField(
        label=_("Reden als de stap niet van toepassing is"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    eigenaar = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None, required=False)
    deadline = DatumVeld(GEPLAND, label=_("Deadline"), required=False)

    def __init__(self, *args, leden, rollen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = leden
        if rollen:  # "Naam (rol bij organisatie)": whom you choose, and in which capacity
            self.fields["eigenaar"].label_from_instance = lambda u: (
                f"{u.naam} ({rollen[u.pk]})" if u.pk in rollen else u.naam
            )


class DeelnemerForm(forms.Form):
    """Quick aanmelding by the procesregisseur; klantmanagers use the full profile form."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=100)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Organisatie.objects.none())
    toestemming = forms.BooleanField(
        label=_("De kandidaat geeft toestemming om gegevens te delen met de procesregisseur"),
        error_messages={"required": _("Zonder deze toestemming kan de kandidaat niet meedoen.")},
    )

    def service_argumenten(self) -> dict:
        from werving.models import Ontvanger

        c = self.cleaned_data
        return {
            "voornaam": c["voornaam"],
            "achternaam": c["achternaam"],
            "gemeente": c["gemeente"],
            "toestemmingen": {Ontvanger.PROCESREGISSEUR},
        }

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Organisatie.objects.filter(
            trajectpartnerschappen__traject=traject, trajectpartnerschappen__rol=PartnerRol.GEMEENTE
        ).order_by("naam")


class DeelnameOvergangForm(forms.Form):
    """The data a transition needs (workflow.VELDEN). Whether it is complete is decided by the
    service (workflow.voorwaarden), so the messages come from one place. When the step skips
    something the round expects, the form shows it and the reason becomes required."""

    reden = forms.CharField(
        label=_("Toelichting (voor de tijdlijn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, deelname: Deelname, naar: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.waarschuwingen = (
            list(workflow.waarschuwingen(deelname, naar).values())
            if workflow.is_toegestaan(deelname, naar)
            else []
        )
        if self.waarschuwingen:
            self.fields["reden"].label = _("Reden om toch door te gaan (voor de tijdlijn)")
            self.fields["reden"].verplicht = True
        self.velden = workflow.VELDEN.get(naar, [])
        extra = forms.fields_for_model(
            Deelname, fields=self.velden, formfield_callback=modelformveld
        )
        for naam in self.velden:
            veld = extra[naam]
            veld.required = False
            veld.verplicht = naam in workflow.VERPLICHT
            veld.initial = getattr(deelname, naam if naam != "werkgever" else "werkgever_id")
            self.fields[naam] = veld
        if "uitval_reden" in self.fields:
            # "Traject gestopt" is set by stopping the round, not chosen for one deelnemer.
            self.fields["uitval_reden"].choices = [
                keuze
                for keuze in self.fields["uitval_reden"].choices
                if keuze[0] != UitvalReden.TRAJECT_GESTOPT
            ]
        if "werkgever" in self.fields:
            self.fields["werkgever"].queryset = Organisatie.objects.filter(
                trajectpartnerschappen__traject_id=deelname.traject_id,
                trajectpartnerschappen__rol=PartnerRol.WERKGEVER,
            ).order_by("naam")
        self.order_fields([*self.velden, "reden"])

    def gegevens(self) -> dict:
        waarden = {}
        for naam in self.velden:
            waarde = self.cleaned_data.get(naam)
            if waarde is None and isinstance(self.fields[naam], forms.CharField):
                waarde = ""
            waarden[naam] = waarde
        return waarden


class ResultaatForm(forms.Form):
    vca_behaald_op = DatumVeld(GEBEURD, label=_("VCA behaald op"), required=False)
    vakopleiding_afgerond_op = DatumVeld(
        GEBEURD, label=_("Vakopleiding afgerond op"), required=False
    )


class HerstartForm(forms.Form):
    traject = forms.ModelChoiceField(label=_("Opnieuw starten in"), queryset=None)

    def __init__(self, *args, trajecten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traject"].queryset = trajecten


class OngedaanForm(forms.Form):
    reden = forms.CharField(
        label=_("Waarom maakt u deze stap ongedaan?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden om de stap ongedaan te maken.")},
    )


STOPLABELS = {
    "uitgevallen": _("Uitval (reden: traject gestopt)"),
    "wachtlijst": _("Wachtlijst voor een volgende ronde"),
    "plan_b": _("Plan B"),
}


class AnnuleerForm(forms.Form):
    """Stopping a round: the reason, and per active deelnemer what happens to them."""

    reden = forms.CharField(
        label=_("Waarom stopt het traject?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden om het traject te stoppen.")},
    )

    def __init__(self, *args, deelnames, labels: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.deelnames = deelnames
        for d in deelnames:
            self.fields[f"keuze_{d.pk}"] = forms.ChoiceField(
                label=_("%(naam)s (nu: %(status)s)")
                % {"naam": labels.get(d.pk, d.pk), "status": d.get_status_display().lower()},
                choices=[(naar, STOPLABELS[naar]) for naar in workflow.BIJ_STOPPEN[d.status]],
                widget=forms.RadioSelect,
                required=False,  # the service says which are missing, next to each
            )
            self.fields[f"keuze_{d.pk}"].verplicht = True
            self.fields[f"plan_b_{d.pk}"] = forms.CharField(
                label=_("Plan B voor %(naam)s") % {"naam": labels.get(d.pk, d.pk)},
                help_text=_("Alleen bij plan B: ander traject, andere sector of later."),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def per_deelnemer(self):
        return [(self[f"keuze_{d.pk}"], self[f"plan_b_{d.pk}"]) for d in self.deelnames]

    def service_argumenten(self) -> dict:
        c = self.cleaned_data
        return {
            "reden": c["reden"],
            "keuzes": {d.pk: c[f"keuze_{d.pk}"] for d in self.deelnames},
            "plannen_b": {d.pk: c[f"plan_b_{d.pk}"] for d in self.deelnames},
        }


class FasebordFilter(forms.Form):
    """Narrow the fasebord: the kandidaten of one gemeente, of one coach, or who is long in a
    phase. Every choice comes from this traject."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Organisatie.objects.none(), required=False,
        empty_label=_("Alle gemeenten"),
    )  # fmt: skip
    coach = forms.ModelChoiceField(
        label=_("Coach"), queryset=None, required=False, empty_label=_("Alle coaches")
    )
    te_lang = forms.BooleanField(
        label=_("Alleen wie al twee maanden in dezelfde fase zit"), required=False
    )

    def __init__(self, *args, traject, **kwargs):
        from organisaties.models import User

        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Organisatie.objects.filter(
            trajectpartnerschappen__traject=traject, trajectpartnerschappen__rol=PartnerRol.GEMEENTE
        ).order_by("naam")
        self.fields["coach"].queryset = (
            User.objects.filter(koppelingen__deelname__traject=traject).distinct().order_by("naam")
        )

    def keuze(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        c = self.cleaned_data
        return {
            "gemeente": c.get("gemeente"),
            "coach": c.get("coach"),
            "te_lang": c.get("te_lang", False),
        }
