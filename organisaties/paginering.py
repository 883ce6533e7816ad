"""The one way a list is cut into pages: every page view and the API use it, so a list's cost
stays flat however long its history grows (docs/performance.md).

    pagina = pagineer(selectors.vorderingen(...), request)
    {% include "_paginering.html" %}

The page asked for comes from ``?pagina=`` (nonsense or out of range gives the nearest page,
never an error); the total comes from the database (one ``COUNT(*)``), and only the rows of the
page are fetched. Totals over the whole list (sums, balances) are SQL aggregates over the
queryset, never sums of the rows shown.
"""

from django.core.paginator import Page, Paginator

PER_PAGINA = 25
PARAMETER = "pagina"


def pagineer(rijen, request, *, per_pagina: int | None = None) -> Page:
    """The page of ``rijen`` (an ordered queryset, or a list) that ``request`` asks for."""
    return Paginator(rijen, per_pagina or PER_PAGINA).get_page(request.GET.get(PARAMETER))
