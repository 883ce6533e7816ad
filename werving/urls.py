"""Mounted under /r/<regio_slug>/werving/ (the public werkgever form is in config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("catalogus/", views.catalogus, name="catalogus"),
    path("catalogus/<int:pk>/aanmelden/", views.aanmelden, name="aanmelden"),
    path("kandidaten/", views.mijn_kandidaten, name="mijn_kandidaten"),
    path("kandidaten/<int:pk>/", views.kandidaat_detail, name="kandidaat_detail"),
    path("kandidaten/<int:pk>/toestemming/", views.toestemming, name="toestemming"),
    path("kandidaten/<int:pk>/inzage.json", views.inzage_json, name="inzage_json"),
    path("kandidaten/<int:pk>/inzage.pdf", views.inzage_pdf, name="inzage_pdf"),
    path("deelnames/<int:dpk>/intake/", views.intake, name="intake"),
    path("deelnames/<int:dpk>/assessment/", views.assessment, name="assessment"),
    path("dubbel/", views.dubbele_aanmeldingen, name="dubbele_aanmeldingen"),
    path("dubbel/<int:pk>/afhandelen/", views.dubbel_afhandelen, name="dubbel_afhandelen"),
    path("werkgevers/", views.werkgevers, name="werkgevers"),
    path("werkgevers/uitnodigen/", views.werkgever_uitnodigen, name="werkgever_uitnodigen"),
    path("werkgevers/<int:pk>/", views.werkgever_beoordelen, name="werkgever_beoordelen"),
    path(
        "werkgevers/<int:pk>/link-opnieuw/",
        views.werkgever_link_opnieuw,
        name="werkgever_link_opnieuw",
    ),
    path("trajecten/<int:pk>/baangaranties/", views.baangaranties, name="baangaranties"),
    path("trajecten/<int:pk>/matching/", views.matching_view, name="matching"),
    path("trajecten/<int:pk>/matching/<int:dpk>/koppelen/", views.koppelen, name="koppelen"),
    path("mijn-vacatures/", views.mijn_vacatures, name="mijn_vacatures"),
    path("raadplegingen/", views.raadplegingen, name="raadplegingen"),
    path("kandidaten/<int:pk>/avg-verzoek/", views.avg_verzoek_nieuw, name="avg_verzoek_nieuw"),
    path("avg-verzoeken/", views.avg_verzoeken, name="avg_verzoeken"),
    path("avg-verzoeken/<int:pk>/", views.avg_verzoek_beslissen, name="avg_verzoek_beslissen"),
]
