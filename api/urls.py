"""API v1, mounted at /api/v1/. Every route of a regio carries its own access declaration
(`regio_view`), written here next to the route, as the pages do in their views; the access
matrix (tests/test_toegangsmatrix.py) walks each one."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from organisaties.access import ALLE_ROLLEN, publiek, regio_view
from organisaties.models import Rol

from . import views

P, K, F = Rol.PROCESREGISSEUR, Rol.KLANTMANAGER, Rol.FINANCIER
O, B, W = Rol.OPLEIDER, Rol.BEGELEIDER, Rol.WERKGEVER  # noqa: E741
LIJST, OBJECT = {"get": "list"}, {"get": "retrieve"}


def route(pad, viewset, acties, naam, *rollen):
    return path(
        f"r/<slug:regio_slug>/{pad}", regio_view(*rollen)(viewset.as_view(acties)), name=naam
    )


urlpatterns = [
    path("schema/", publiek(SpectacularAPIView.as_view()), name="api_schema"),
    path("docs/", views.documentatie, name="api_docs"),
    route("trajecten/", views.TrajectViewSet, LIJST, "api_trajecten", P, K, W),
    route("trajecten/<int:pk>/", views.TrajectViewSet, OBJECT, "api_traject", P, K, W),
    route("deelnames/", views.DeelnameViewSet, LIJST, "api_deelnames", P, K, O, B, W),
    route("deelnames/<int:pk>/", views.DeelnameViewSet, OBJECT, "api_deelname", P, K, O, B, W),
    route(
        "deelnames/<int:pk>/overgang/",
        views.DeelnameViewSet,
        {"post": "overgang"},
        "api_deelname_overgang",
        P,
    ),
    route("kandidaten/", views.KandidaatViewSet, LIJST, "api_kandidaten", P, K),
    route("kandidaten/<int:pk>/", views.KandidaatViewSet, OBJECT, "api_kandidaat", P, K),
    route("werkgevers/", views.WerkgeverViewSet, LIJST, "api_werkgevers", P, W),
    route("vacatures/", views.VacatureViewSet, LIJST, "api_vacatures", P, W),
    route("baangaranties/", views.BaangarantieViewSet, LIJST, "api_baangaranties", P, W),
    route("mijlpalen/", views.MijlpaalViewSet, LIJST, "api_mijlpalen", P),
    route("signalen/", views.SignaalViewSet, LIJST, "api_signalen", ALLE_ROLLEN),
    route("modules/", views.ModuleViewSet, LIJST, "api_modules", P, O),
    route("resultaten/", views.ResultaatViewSet, LIJST, "api_resultaten", P, O),
    route("vorderingen/", views.VorderingViewSet, LIJST, "api_vorderingen", P, F, K),
    route("vorderingen/<int:pk>/", views.VorderingViewSet, OBJECT, "api_vordering", P, F, K),
    route(
        "vorderingen/<int:pk>/beoordeling/",
        views.VorderingViewSet,
        {"post": "beoordeling"},
        "api_vordering_beoordeling",
        K,
    ),
    route("boekingen/", views.BoekingViewSet, LIJST, "api_boekingen", P, F),
]
