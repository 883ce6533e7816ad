import pytest
from django_scopes import ScopeError, scope

from organisaties.models import Lidmaatschap, Uitnodiging


@pytest.mark.parametrize("model", [Lidmaatschap, Uitnodiging])
def test_query_zonder_regio_scope_faalt(wereld, model):
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
