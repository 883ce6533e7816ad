"""The kandidaat's own pages, at /mijn/ (no regio in the address: the session knows it)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.mijn_pagina, name="mijn_pagina"),
    path("inloggen/", views.inloggen, name="portaal_inloggen"),
    path("link/<str:token>/", views.link, name="portaal_link"),
    path("uitloggen/", views.uitloggen, name="portaal_uitloggen"),
    path("afspraken/", views.mijn_afspraken, name="mijn_afspraken"),
    path("taken/<int:pk>/", views.mijn_taak, name="mijn_taak"),
    path("contact/", views.mijn_contact, name="mijn_contact"),
    path("profiel/", views.mijn_profiel, name="mijn_profiel"),
    path("profiel/<slug:stap>/", views.mijn_profiel_stap, name="mijn_profiel_stap"),
    path("toestemming/", views.mijn_toestemming, name="mijn_toestemming"),
    path(
        "toestemming/<slug:ontvanger>/stoppen/",
        views.mijn_toestemming_stoppen,
        name="mijn_toestemming_stoppen",
    ),
    path("taal/", views.mijn_taal, name="mijn_taal"),
    path("pincode/", views.mijn_pincode, name="mijn_pincode"),
]
