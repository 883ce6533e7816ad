"""Form error messages that say what to do, for every form in one place.

Django's "Dit veld is vereist." or "Voer een geldige datum in." tells a user that something is
wrong, not what to type. Before a form validates, every field whose message for a missing or
unreadable value is still Django's default gets one that names the field and, for dates and
numbers, gives an example: "Vul startdatum in, bijvoorbeeld 1-3-2027." A message a form sets
itself is kept. Installed once from OrganisatiesConfig.ready() (a wrapper around
BaseForm.full_clean, so also fields a form adds in its own __init__ are covered).

The kandidaat's own pages (portaal) translate their messages themselves and are left alone.
"""

import re

from django import forms
from django.forms.utils import pretty_name
from django.utils.translation import gettext as _

VOORBEELD_DATUM = "1-3-2027"

# Forms of these modules keep Django's messages (they translate into the kandidaat's language).
UITGEZONDERD = ("portaal.",)


LANG = 45  # a longer label does not read inside a sentence: "dit veld" instead


def veldnaam(label) -> str:
    """The label as it reads inside a sentence: "Startdatum" → "startdatum", but "KvK-nummer"
    and "BSN" stay as they are; a remark in brackets is left out."""
    naam = re.sub(r"\s*\([^)]*\)", "", str(label)).strip().rstrip(":").strip()
    if not naam or len(naam) > LANG:
        return _("dit veld")
    eerste = naam.split(" ", 1)[0]
    if len(eerste) > 1 and eerste[1:] == eerste[1:].lower():
        return naam[0].lower() + naam[1:]
    return naam


def _standaard(veld, code):
    """Django's own message for ``code`` on this kind of field; None when a field class of the
    project brings its own (that one is kept)."""
    for klasse in type(veld).__mro__:
        bericht = vars(klasse).get("default_error_messages", {}).get(code)
        if bericht is not None:
            return str(bericht) if klasse.__module__.startswith("django.") else None
    return None


def meldingen_voor(veld, naam: str) -> dict[str, str]:
    """The messages for a field: what to do when it is empty or cannot be read."""
    if isinstance(veld, forms.DateField):
        return {
            "required": _("Vul %(naam)s in, bijvoorbeeld %(voorbeeld)s.")
            % {"naam": naam, "voorbeeld": VOORBEELD_DATUM},
            "invalid": _("Vul %(naam)s in als dag-maand-jaar, bijvoorbeeld %(voorbeeld)s.")
            % {"naam": naam, "voorbeeld": VOORBEELD_DATUM},
        }
    if isinstance(veld, forms.BooleanField):
        return {"required": _("Vink dit aan om verder te gaan.")}
    if isinstance(veld, forms.FileField):
        return {"required": _("Kies een bestand bij %(naam)s.") % {"naam": naam}}
    if isinstance(veld, forms.ModelChoiceField | forms.ChoiceField):
        return {
            "required": _("Kies %(naam)s.") % {"naam": naam},
            "invalid_choice": _("Kies %(naam)s uit de lijst.") % {"naam": naam},
        }
    if isinstance(veld, forms.IntegerField) and not isinstance(veld, forms.DecimalField):
        return {
            "required": _("Vul %(naam)s in, een heel getal.") % {"naam": naam},
            "invalid": _("Vul bij %(naam)s een heel getal in, bijvoorbeeld 12.") % {"naam": naam},
        }
    if isinstance(veld, forms.DecimalField | forms.FloatField):
        return {
            "required": _("Vul %(naam)s in.") % {"naam": naam},
            "invalid": _("Vul bij %(naam)s een getal in, bijvoorbeeld 1250,50.") % {"naam": naam},
        }
    if isinstance(veld, forms.EmailField):
        return {
            "required": _("Vul %(naam)s in.") % {"naam": naam},
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        }
    return {"required": _("Vul %(naam)s in.") % {"naam": naam}}


def pas_toe(form) -> None:
    if type(form).__module__.startswith(UITGEZONDERD):
        return
    for naam, veld in form.fields.items():
        label = str(veld.label if veld.label is not None else pretty_name(naam))
        if label.rstrip().endswith("?"):  # a question: "Wat is er veranderd?"
            meldingen = {"required": _("Beantwoord deze vraag.")}
            if isinstance(veld, forms.ChoiceField | forms.ModelChoiceField):
                meldingen = {"required": _("Kies een antwoord.")}
        else:
            meldingen = meldingen_voor(veld, veldnaam(label))
        for code, bericht in meldingen.items():
            huidig, standaard = veld.error_messages.get(code), _standaard(veld, code)
            if huidig is None or (standaard is not None and str(huidig) == standaard):
                veld.error_messages[code] = bericht


def installeer() -> None:
    if getattr(forms.BaseForm.full_clean, "_met_meldingen", False):
        return
    oorspronkelijk = forms.BaseForm.full_clean

    def full_clean(self):
        pas_toe(self)
        return oorspronkelijk(self)

    full_clean._met_meldingen = True
    forms.BaseForm.full_clean = full_clean
