import pytest
from django.apps import apps
from django_scopes import ScopeError, scope

from organisaties.models import Lidmaatschap

# Every model that belongs to a regio: found by its `regio` field, so a new model cannot be
# forgotten here.
REGIO_MODELLEN = [
    m
    for m in apps.get_models()
    if any(f.name == "regio" and f.is_relation for f in m._meta.get_fields())
]


def test_er_zijn_regiomodellen():
    namen = {m.__name__ for m in REGIO_MODELLEN}
    assert {
        "Lidmaatschap",
        "Traject",
        "Deelname",
        "Kandidaat",
        "Toestemming",
        "VertrouwelijkeNotitie",
    } <= namen


@pytest.mark.parametrize("model", REGIO_MODELLEN, ids=lambda m: m.__name__)
def test_query_zonder_regio_scope_faalt(db, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()
    with pytest.raises(ScopeError):
        model.objects.count()


def test_scope_toont_alleen_de_eigen_regio(wereld):
    with scope(regio=wereld.regio_a.pk):
        regios = set(Lidmaatschap.objects.values_list("regio", flat=True))
    assert regios == {wereld.regio_a.pk}
    with scope(regio=wereld.regio_b.pk):
        users = set(Lidmaatschap.objects.values_list("user", flat=True))
    assert users == {wereld.alles_in_b.pk}


def test_gerelateerde_manager_is_ook_gescoped(wereld):
    with pytest.raises(ScopeError):
        list(wereld.regio_a.lidmaatschappen.all())
