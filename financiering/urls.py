from django.urls import path

from . import views

urlpatterns = [
    path("", views.overzicht, name="financiering_overzicht"),
    path("trajecten/<int:pk>/", views.traject, name="financiering_traject"),
    path("trajecten/<int:pk>/afspraak/", views.afspraak_bewerken, name="afspraak_bewerken"),
    path("trajecten/<int:pk>/begroting/", views.begroting_bewerken, name="begroting_bewerken"),
    path("trajecten/<int:pk>/uitgaven/nieuw/", views.uitgave_toevoegen, name="uitgave_toevoegen"),
    path(
        "trajecten/<int:pk>/uitgaven/<int:upk>/corrigeren/",
        views.uitgave_corrigeren,
        name="uitgave_corrigeren",
    ),
    path("trajecten/<int:pk>/dekking/", views.dekking_bewerken, name="dekking_bewerken"),
    path(
        "trajecten/<int:pk>/betalingen/nieuw/",
        views.financiersbetaling_toevoegen,
        name="financiersbetaling_toevoegen",
    ),
    path(
        "trajecten/<int:pk>/financiers/<int:fpk>/",
        views.financiersoverzicht,
        name="financiersoverzicht",
    ),
    path(
        "trajecten/<int:pk>/financiers/<int:fpk>/overzicht.csv",
        views.financiersoverzicht_csv,
        name="financiersoverzicht_csv",
    ),
    path(
        "trajecten/<int:pk>/financiers/<int:fpk>/overzicht.pdf",
        views.financiersoverzicht_pdf,
        name="financiersoverzicht_pdf",
    ),
    path("vorderingen/", views.vordering_lijst, name="vordering_lijst"),
    path("vorderingen/<int:pk>/", views.vordering_detail, name="vordering_detail"),
    path(
        "vorderingen/<int:pk>/beoordelen/",
        views.vordering_beoordelen,
        name="vordering_beoordelen",
    ),
    path(
        "vorderingen/<int:pk>/opnieuw-indienen/",
        views.vordering_opnieuw,
        name="vordering_opnieuw",
    ),
    path("vorderingen/<int:pk>/betaling/", views.vordering_betaling, name="vordering_betaling"),
    path(
        "vorderingen/<int:pk>/betaling-terugdraaien/",
        views.betaling_terugdraaien,
        name="betaling_terugdraaien",
    ),
    path("specificatie/", views.specificatie, name="specificatie"),
    path("specificatie.csv", views.specificatie_csv, name="specificatie_csv"),
    path("specificatie.xlsx", views.specificatie_xlsx, name="specificatie_xlsx"),
    path("specificatie.pdf", views.specificatie_pdf, name="specificatie_pdf"),
    path("fondsen/<int:fonds_pk>/", views.fonds_detail, name="fonds_detail"),
    path("fondsen/<int:fonds_pk>/boeken/", views.boeking_nieuw, name="boeking_nieuw"),
    path(
        "fondsen/<int:fonds_pk>/boekingen/<int:bpk>/corrigeren/",
        views.boeking_corrigeren,
        name="boeking_corrigeren",
    ),
    path("businesscase/", views.businesscase_view, name="businesscase"),
]
