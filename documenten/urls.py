"""Mounted under /r/<regio_slug>/documenten/ (the public signing link is in config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.documenten, name="documenten"),
    path("nieuw/", views.document_nieuw, name="document_nieuw"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/gegevens/", views.document_bewerken, name="document_bewerken"),
    path("<int:pk>/voorbeeld/", views.document_voorbeeld, name="document_voorbeeld"),
    path("<int:pk>/versturen/", views.document_versturen, name="document_versturen"),
    path("<int:pk>/ondertekenen/", views.document_ondertekenen, name="document_ondertekenen"),
    path("versies/<int:vpk>/pdf/", views.versie_pdf, name="versie_pdf"),
]
