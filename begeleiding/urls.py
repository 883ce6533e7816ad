"""Mounted under /r/<regio_slug>/begeleiding/."""

from django.urls import path

from . import views

urlpatterns = [
    path("trajecten/<int:pk>/modules/", views.modules, name="modules"),
    path("modules/<int:mpk>/", views.module, name="module"),
    path("modules/<int:mpk>/deelnemers/<int:dpk>/resultaat/", views.resultaat, name="resultaat"),
    path("resultaten/<int:rpk>/bewijs/", views.bewijs, name="bewijs"),
    path("sessies/", views.sessies, name="sessies"),
    path("sessies/<int:spk>/presentie/", views.presentie, name="presentie"),
    path("deelnames/<int:dpk>/", views.dossier, name="dossier"),
    path("deelnames/<int:dpk>/contactmoment/", views.contactmoment, name="contactmoment"),
    path("deelnames/<int:dpk>/notitie/", views.notitie, name="notitie"),
    path("deelnames/<int:dpk>/coach/", views.coach, name="coach"),
    path("deelnames/<int:dpk>/evaluatie/", views.evaluatie, name="evaluatie"),
    path("deelnames/<int:dpk>/nazorg/", views.nazorg, name="nazorg"),
    path("deelnames/<int:dpk>/export/", views.export, name="dossier_export"),
    path("vervolg/<int:cpk>/afronden/", views.vervolg_afronden, name="vervolg_afronden"),
    path("caseload/", views.caseload, name="caseload"),
]
