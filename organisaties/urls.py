"""URLs inside a regio: mounted under /r/<regio_slug>/ by config/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.regio_home, name="regio_home"),
    path("beheer/leden/", views.leden, name="leden"),
    path("beheer/leden/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path(
        "beheer/leden/<int:pk>/beeindigen/",
        views.lidmaatschap_beeindigen,
        name="lidmaatschap_beeindigen",
    ),
    path("beheer/goedkeuren/", views.goedkeuringen, name="goedkeuringen"),
    path("beheer/goedkeuren/<int:pk>/", views.uitnodiging_beslissen, name="uitnodiging_beslissen"),
    path("beheer/api-sleutels/", views.api_sleutels, name="api_sleutels"),
    path(
        "beheer/api-sleutels/<int:pk>/intrekken/",
        views.api_sleutel_intrekken,
        name="api_sleutel_intrekken",
    ),
    path("organisaties/", views.organisaties, name="organisaties"),
    path(
        "beheer/organisaties/toevoegen/", views.organisatie_toevoegen, name="organisatie_toevoegen"
    ),
]
