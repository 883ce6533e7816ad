"""Dates, decided in one place.

1. **A relation that runs** (a coach's link, a membership, a consent) has a start and an end and
   grants something only while it runs: `loopt(...)` is the one rule, as a query.
2. **A date someone types** has a sensible range for its meaning. Every date field of a form or
   a model names one of the ranges below (`GEBEURD`, `GEPLAND`, `PERIODE`); the range is a
   validator, so it works the same in forms, model validation and services, and a test walks
   every form and model to see that no date field is without one.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


def loopt(start: str = "start", eind: str = "eind", op: date | None = None) -> Q:
    """True for a row whose period includes `op` (default today): started on or before it, and
    not ended before it. `start`/`eind` are lookups, e.g. "coaches__start"."""
    op = op or timezone.localdate()
    return Q(**{f"{start}__lte": op}) & (Q(**{f"{eind}__isnull": True}) | Q(**{f"{eind}__gte": op}))


def _datum(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@deconstructible
@dataclass
class Datumbereik:
    """The range a typed date may have, relative to today (so it never goes stale)."""

    naam: str
    jaren_terug: int
    jaren_vooruit: int

    def grenzen(self, vandaag: date | None = None) -> tuple[date, date]:
        vandaag = vandaag or timezone.localdate()
        return (
            vandaag - relativedelta(years=self.jaren_terug),
            vandaag + relativedelta(years=self.jaren_vooruit),
        )

    def __call__(self, waarde) -> None:
        if not isinstance(waarde, date):
            return
        laagst, hoogst = self.grenzen()
        if waarde > hoogst:
            if self.jaren_vooruit == 0:
                raise ValidationError(
                    _("Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde."),
                    code="datum_toekomst",
                )
            raise ValidationError(
                _("Deze datum ligt te ver in de toekomst. Kies een datum tot %(hoogst)s.")
                % {"hoogst": _datum(hoogst)},
                code="datum_te_laat",
            )
        if waarde < laagst:
            raise ValidationError(
                _("Deze datum ligt te ver in het verleden. Kies een datum vanaf %(laagst)s.")
                % {"laagst": _datum(laagst)},
                code="datum_te_vroeg",
            )


# Something that happened: a result, a contact, an intake, a payment. Not in the future.
GEBEURD = Datumbereik("gebeurd", jaren_terug=10, jaren_vooruit=0)
# A plan or a deadline: a session, a phase, a contract start, a review date.
GEPLAND = Datumbereik("gepland", jaren_terug=3, jaren_vooruit=5)
# A period to look at (filters, reports) or an agreement's horizon.
PERIODE = Datumbereik("periode", jaren_terug=25, jaren_vooruit=10)

BEREIKEN = (GEBEURD, GEPLAND, PERIODE)


def bereik_van(validators) -> Datumbereik | None:
    return next((v for v in validators if isinstance(v, Datumbereik)), None)


class DatumInput(forms.DateInput):
    """The browser's date picker, ISO formatted; min and max follow the field's range."""

    input_type = "date"

    def __init__(self, *, bereik: Datumbereik | None = None, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
        self.bereik = bereik

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.bereik is not None:
            laagst, hoogst = self.bereik.grenzen()
            context["widget"]["attrs"].setdefault("min", laagst.isoformat())
            context["widget"]["attrs"].setdefault("max", hoogst.isoformat())
        return context


class DatumVeld(forms.DateField):
    """A form's date field with its range: `DatumVeld(GEBEURD, label=...)`."""

    def __init__(self, bereik: Datumbereik, **kwargs):
        kwargs.setdefault("widget", DatumInput(bereik=bereik))
        super().__init__(**kwargs)
        if bereik not in self.validators:
            self.validators.append(bereik)
        self.bereik = bereik


def modelformveld(model_field, **kwargs):
    """`formfield_callback` for ModelForms and `fields_for_model`: a model date field becomes a
    DatumVeld with the model's range, and every field keeps the model's validators (ranges of
    numbers included), so a plain form built from a model refuses what the model refuses."""
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        bereik = bereik_van(model_field.validators)
        if bereik is not None:
            kwargs.setdefault("widget", DatumInput(bereik=bereik))
            kwargs["form_class"] = DatumVeld
            kwargs["bereik"] = bereik
    veld = model_field.formfield(**kwargs)
    if veld is not None and not model_field.choices:  # a choice field checks its choices
        veld.validators.extend(v for v in model_field.validators if v not in veld.validators)
    return veld


def controleer(**velden: tuple[Datumbereik, date | None]) -> None:
    """For services that take dates from elsewhere than a form (the API, a signal): raises a
    ValidationError per field whose date is outside its range."""
    fouten = {}
    for veld, (bereik, waarde) in velden.items():
        try:
            bereik(waarde)
        except ValidationError as fout:
            fouten[veld] = fout.messages
    if fouten:
        raise ValidationError(fouten)
