"""Filters of the API lists (django-filter). Ids are bounded integers and choices are checked,
so a filter value can only narrow what the selector already allows, never widen it or fail."""

import django_filters as filters
from django import forms

from begeleiding.models import Certificaat, ModuleSoort
from financiering.models import BoekingSoort, VorderingSoort, VorderingStatus
from signalen.models import SignaalStatus
from trajecten.models import DeelnameStatus, MijlpaalSoort, MijlpaalStatus, TrajectStatus
from werving.models import VacatureStatus

MAX_ID = 2**62


class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class TrajectFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=TrajectStatus.choices)


class DeelnameFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=DeelnameStatus.choices)
    traject = IdFilter(field_name="traject_id")
    kandidaat = IdFilter(field_name="kandidaat_id")


class KandidaatFilter(filters.FilterSet):
    gemeente = IdFilter(field_name="gemeente_id")


class VacatureFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=VacatureStatus.choices)
    traject = IdFilter(field_name="traject_id")
    werkgever = IdFilter(field_name="werkgever_id")


class BaangarantieFilter(filters.FilterSet):
    traject = IdFilter(field_name="traject_id")
    werkgever = IdFilter(field_name="werkgever_id")


class MijlpaalFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=MijlpaalStatus.choices)
    soort = filters.ChoiceFilter(choices=MijlpaalSoort.choices)
    traject = IdFilter(field_name="traject_id")
    deelname = IdFilter(field_name="deelname_id")
    vervaldatum_vanaf = filters.DateFilter(field_name="vervaldatum", lookup_expr="gte")
    vervaldatum_tot = filters.DateFilter(field_name="vervaldatum", lookup_expr="lte")


class SignaalFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=SignaalStatus.choices)
    regel = filters.CharFilter(max_length=40)
    traject = IdFilter(field_name="traject_id")


class ModuleFilter(filters.FilterSet):
    soort = filters.ChoiceFilter(choices=ModuleSoort.choices)
    traject = IdFilter(field_name="traject_id")


class ResultaatFilter(filters.FilterSet):
    module = IdFilter(field_name="module_id")
    deelname = IdFilter(field_name="deelname_id")
    certificaat = filters.ChoiceFilter(choices=Certificaat.choices)
    behaald = filters.BooleanFilter()


class VorderingFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=VorderingStatus.choices)
    soort = filters.ChoiceFilter(choices=VorderingSoort.choices)
    traject = IdFilter(field_name="traject_id")
    gemeente = IdFilter(field_name="gemeente_id")


class BoekingFilter(filters.FilterSet):
    soort = filters.ChoiceFilter(choices=BoekingSoort.choices)
    fonds = IdFilter(field_name="fonds_id")
    traject = IdFilter(field_name="traject_id")
    datum_vanaf = filters.DateFilter(field_name="datum", lookup_expr="gte")
    datum_tot = filters.DateFilter(field_name="datum", lookup_expr="lte")
