"""The klantmanager's and procesregisseur's side of a kandidaat's own page."""

from django.urls import path

from . import views_beheer as views

urlpatterns = [
    path("<int:pk>/", views.beheer, name="portaal_beheer"),
    path("<int:pk>/openen/", views.openen, name="portaal_openen"),
    path("<int:pk>/link/", views.link_sturen, name="portaal_link_sturen"),
    path("<int:pk>/pincode-wissen/", views.pin_wissen, name="portaal_pin_wissen"),
    path("<int:pk>/sluiten/", views.sluiten, name="portaal_sluiten"),
    path("<int:pk>/afspraken/nieuw/", views.afspraak, name="portaal_afspraak"),
    path(
        "<int:pk>/afspraken/<int:apk>/annuleren/",
        views.afspraak_annuleren,
        name="portaal_afspraak_annuleren",
    ),
    path("<int:pk>/taken/nieuw/", views.taak, name="portaal_taak"),
    path(
        "<int:pk>/zelfprofiel/bevestigen/",
        views.zelfprofiel_bevestigen,
        name="portaal_zelfprofiel_bevestigen",
    ),
    path("<int:pk>/intrekverzoeken/<int:vpk>/", views.intrekking, name="portaal_intrekking"),
]
