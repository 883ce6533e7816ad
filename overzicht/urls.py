"""Mounted under /r/<regio_slug>/overzicht/ (the financier's view across regio's: config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.trajecten, name="overzicht_trajecten"),
    path("rondes/", views.rondes, name="rondes"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("panelen/klantmanager/", views.paneel_klantmanager, name="paneel_klantmanager"),
    path("panelen/financier/", views.paneel_financier, name="paneel_financier"),
    path("panelen/werkgever/", views.paneel_werkgever, name="paneel_werkgever"),
    path("panelen/opleider/", views.paneel_opleider, name="paneel_opleider"),
    path("panelen/begeleider/", views.paneel_begeleider, name="paneel_begeleider"),
    path("rapportage/<int:pk>/", views.rapportage, name="rapportage"),
    path("rapportage/<int:pk>.csv", views.rapportage_csv, name="rapportage_csv"),
    path("rapportage/<int:pk>.xlsx", views.rapportage_xlsx, name="rapportage_xlsx"),
    path("rapportage/<int:pk>.pdf", views.rapportage_pdf, name="rapportage_pdf"),
    path("fondsen/<int:fonds_pk>/verloop/", views.fondsverloop, name="fondsverloop"),
]
