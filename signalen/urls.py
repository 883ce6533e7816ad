"""Mounted under /r/<regio_slug>/signalen/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.lijst, name="signalen"),
    path("bel/", views.bel, name="signalen_bel"),
    path("paneel/", views.paneel, name="signalen_paneel"),
    path("drempels/", views.drempels, name="signaal_drempels"),
    path("voorkeuren/", views.voorkeuren, name="signaal_voorkeuren"),
    path("scan/", views.scan, name="signalen_scan"),
    path("<int:pk>/", views.detail, name="signaal_detail"),
    path("<int:pk>/actie/", views.actie, name="signaal_actie"),
]
