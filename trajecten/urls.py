from django.urls import path

from . import views

urlpatterns = [
    path("", views.traject_lijst, name="traject_lijst"),
    path("nieuw/", views.traject_nieuw, name="traject_nieuw"),
    path("<int:pk>/", views.traject_detail, name="traject_detail"),
    path("<int:pk>/bewerken/", views.traject_bewerken, name="traject_bewerken"),
    path("<int:pk>/status/<str:naar>/", views.traject_overgang, name="traject_overgang"),
    path("<int:pk>/annuleren/", views.traject_annuleren, name="traject_annuleren"),
    path("<int:pk>/nieuwe-ronde/", views.nieuwe_ronde, name="nieuwe_ronde"),
    path("<int:pk>/checklist/", views.checklist, name="checklist"),
    path("<int:pk>/checklist/<int:stap_pk>/", views.checkliststap, name="checkliststap"),
    path("<int:pk>/bord/", views.fasebord, name="fasebord"),
    path("<int:pk>/deelnemers/nieuw/", views.deelnemer_toevoegen, name="deelnemer_toevoegen"),
    path("<int:pk>/deelnemers/<int:dpk>/", views.deelname_detail, name="deelname_detail"),
    path(
        "<int:pk>/deelnemers/<int:dpk>/naar/<str:naar>/",
        views.deelname_overgang,
        name="deelname_overgang",
    ),
    path(
        "<int:pk>/deelnemers/<int:dpk>/ongedaan/",
        views.deelname_ongedaan,
        name="deelname_ongedaan",
    ),
    path(
        "<int:pk>/deelnemers/<int:dpk>/resultaat/",
        views.deelname_resultaat,
        name="deelname_resultaat",
    ),
    path(
        "<int:pk>/mijlpalen/<int:mpk>/afronden/", views.mijlpaal_afronden, name="mijlpaal_afronden"
    ),
    path("<int:pk>/deelnemers/<int:dpk>/herstart/", views.herstart, name="herstart"),
]
