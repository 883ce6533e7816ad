"""The kandidaat's own profile: the topics of the intake, asked in simple words with simple
choices (seed 004: werkzoekenden fill in their own profile, so the match is better).

Each step is one small form; the answers are stored as they are (codes of the choices and the
kandidaat's own words) in ZelfprofielStap, never mixed into the professionals' intake. A step's
`pictogram` and a field's `pictogrammen` name files in static/portaal/pictogrammen.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _


def _meerkeuze(label, keuzes, *, verplicht=True, fout=None, pictogrammen=None):
    veld = forms.MultipleChoiceField(
        label=label,
        choices=keuzes,
        required=verplicht,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": fout or _("Kies minstens één.")},
    )
    veld.pictogrammen = pictogrammen or {}
    return veld


def _een_keuze(label, keuzes, *, verplicht=True, fout=None, pictogrammen=None):
    veld = forms.ChoiceField(
        label=label,
        choices=keuzes,
        required=verplicht,
        widget=forms.RadioSelect,
        error_messages={"required": fout or _("Kies er één.")},
    )
    veld.pictogrammen = pictogrammen or {}
    return veld


def _eigen_woorden(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Dat is te lang. Schrijf het korter.")},
    )


JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]

WERK = [
    ("bouw", _("Bouw")),
    ("techniek", _("Techniek")),
    ("zorg", _("Zorg")),
    ("schoonmaak", _("Schoonmaak")),
    ("keuken", _("Keuken of restaurant")),
    ("winkel", _("Winkel")),
    ("magazijn", _("Magazijn")),
    ("chauffeur", _("Chauffeur")),
    ("groen", _("Tuin of land")),
    ("anders", _("Ander werk")),
]
WERK_PICTOGRAMMEN = {
    "bouw": "hard-hat",
    "techniek": "wrench",
    "zorg": "heart-pulse",
    "schoonmaak": "spray-can",
    "keuken": "chef-hat",
    "winkel": "store",
    "magazijn": "package",
    "chauffeur": "truck",
    "groen": "sprout",
    "anders": "briefcase",
}


class TalenForm(forms.Form):
    talen = _meerkeuze(
        _("Welke talen spreek je?"),
        [
            ("nl", _("Nederlands")),
            ("en", _("Engels")),
            ("ar", _("Arabisch")),
            ("ti", _("Tigrinya")),
            ("fa", _("Farsi of Dari")),
            ("tr", _("Turks")),
            ("uk", _("Oekraïens")),
            ("ru", _("Russisch")),
            ("so", _("Somalisch")),
            ("fr", _("Frans")),
        ],
        fout=_("Kies minstens één taal."),
    )
    andere_taal = forms.CharField(
        label=_("Een andere taal (mag leeg)"), required=False, max_length=100
    )
    nederlands = _een_keuze(
        _("Hoe goed spreek je Nederlands?"),
        [
            ("beetje", _("Een beetje")),
            ("gesprek", _("Genoeg voor een gesprek")),
            ("goed", _("Goed")),
        ],
    )


class DiplomaForm(forms.Form):
    diploma = _een_keuze(
        _("Heb je een diploma?"),
        [
            ("geen", _("Nee")),
            ("school", _("Ja, van school")),
            ("vak", _("Ja, voor een vak")),
            ("hoger", _("Ja, van hogeschool of universiteit")),
        ],
        pictogrammen={"school": "school", "vak": "wrench", "hoger": "graduation-cap"},
    )
    land = _een_keuze(
        _("Waar haalde je het diploma?"),
        [("nl", _("In Nederland")), ("ander", _("In een ander land")), ("beide", _("Allebei"))],
        verplicht=False,
    )
    welk = forms.CharField(label=_("Welk diploma? (mag leeg)"), required=False, max_length=200)

    def clean(self):
        schoon = super().clean()
        if schoon.get("diploma") not in (None, "", "geen") and not schoon.get("land"):
            self.add_error("land", _("Kies waar je het diploma haalde."))
        return schoon


class WerkForm(forms.Form):
    gewerkt = _een_keuze(_("Heb je al eens gewerkt?"), JA_NEE)
    soorten = _meerkeuze(_("Wat voor werk?"), WERK, verplicht=False, pictogrammen=WERK_PICTOGRAMMEN)
    jaren = _een_keuze(
        _("Hoe lang?"),
        [
            ("kort", _("Minder dan 1 jaar")),
            ("midden", _("1 tot 5 jaar")),
            ("lang", _("Meer dan 5 jaar")),
        ],
        verplicht=False,
    )

    def clean(self):
        schoon = super().clean()
        if schoon.get("gewerkt") == "ja" and not schoon.get("soorten"):
            self.add_error("soorten", _("Kies wat voor werk je deed."))
        if schoon.get("gewerkt") == "nee":
            schoon["soorten"], schoon["jaren"] = [], ""
        return schoon


class RijbewijsForm(forms.Form):
    rijbewijs = _een_keuze(
        _("Heb je een rijbewijs?"),
        [
            ("geen", _("Nee")),
            ("b", _("Ja, voor de auto (B)")),
            ("c", _("Ja, voor de vrachtwagen (C)")),
            ("buitenland", _("Ja, uit een ander land")),
        ],
        pictogrammen={"b": "car", "c": "truck", "buitenland": "globe"},
    )
    heftruck = _een_keuze(
        _("Mag je op een heftruck rijden?"),
        [("ja", _("Ja, ik heb een certificaat")), ("nee", _("Nee"))],
        verplicht=False,
        pictogrammen={"ja": "forklift"},
    )


class TijdForm(forms.Form):
    dagen = _meerkeuze(
        _("Op welke dagen kun je werken?"),
        [
            ("ma", _("maandag")),
            ("di", _("dinsdag")),
            ("wo", _("woensdag")),
            ("do", _("donderdag")),
            ("vr", _("vrijdag")),
            ("za", _("zaterdag")),
            ("zo", _("zondag")),
        ],
        fout=_("Kies minstens één dag."),
    )
    dagdelen = _meerkeuze(
        _("Hoe laat kun je werken?"),
        [
            ("ochtend", _("In de ochtend")),
            ("middag", _("In de middag")),
            ("avond", _("In de avond")),
            ("nacht", _("In de nacht")),
        ],
    )
    vanaf = _een_keuze(
        _("Wanneer kun je beginnen?"),
        [("nu", _("Nu")), ("maand", _("Over een maand")), ("later", _("Later"))],
    )


class ReizenForm(forms.Form):
    vervoer = _meerkeuze(
        _("Hoe kom je naar je werk?"),
        [
            ("lopen", _("Lopen")),
            ("fiets", _("Fiets")),
            ("ov", _("Bus of trein")),
            ("auto", _("Auto")),
            ("scooter", _("Scooter")),
        ],
        pictogrammen={
            "lopen": "footprints",
            "fiets": "bike",
            "ov": "bus",
            "auto": "car",
            "scooter": "scooter",
        },
    )
    reistijd = _een_keuze(
        _("Hoe lang mag de reis duren?"),
        [("15", _("Tot 15 minuten")), ("30", _("Tot 30 minuten")), ("60", _("Tot een uur"))],
        pictogrammen={"15": "clock", "30": "clock", "60": "clock"},
    )


class LerenForm(forms.Form):
    wil_leren = _meerkeuze(
        _("Wat wil je leren?"),
        [("taal", _("Beter Nederlands")), *WERK[:-1]],
        pictogrammen={"taal": "languages", **WERK_PICTOGRAMMEN},
    )
    eigen_woorden = _eigen_woorden(_("Vertel het in je eigen woorden (mag leeg)"))


@dataclass(frozen=True)
class Stap:
    code: str
    titel: str
    pictogram: str
    formulier: type[forms.Form]


STAPPEN = [
    Stap("talen", _("Talen"), "languages", TalenForm),
    Stap("diplomas", _("Diploma's"), "graduation-cap", DiplomaForm),
    Stap("werk", _("Werk"), "briefcase", WerkForm),
    Stap("rijbewijs", _("Rijbewijs"), "car", RijbewijsForm),
    Stap("tijd", _("Wanneer kun je werken?"), "clock", TijdForm),
    Stap("reizen", _("Reizen"), "bike", ReizenForm),
    Stap("leren", _("Leren"), "book-open", LerenForm),
]
PER_CODE = {s.code: s for s in STAPPEN}


def volgende(code: str) -> Stap | None:
    codes = [s.code for s in STAPPEN]
    i = codes.index(code) + 1
    return STAPPEN[i] if i < len(STAPPEN) else None


def leesbaar(stap: Stap, antwoorden: dict) -> list[tuple[str, str]]:
    """(question, answer) in words, for the klantmanager: codes become the labels the kandidaat
    saw; own words stay as written."""
    form = stap.formulier()
    regels = []
    for naam, veld in form.fields.items():
        waarde = antwoorden.get(naam)
        if waarde in (None, "", []):
            continue
        keuzes = dict(getattr(veld, "choices", []))
        if isinstance(waarde, list):
            tekst = ", ".join(str(keuzes.get(w, w)) for w in waarde)
        else:
            tekst = str(keuzes.get(waarde, waarde))
        regels.append((str(veld.label), tekst))
    return regels
