from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from documenten import views as documenten_views
from organisaties import views as organisatie_views
from organisaties import views_tweestaps
from organisaties.access import publiek
from organisaties.forms import InlogForm
from overzicht import views as overzicht_views
from portaal import views_beheer as portaal_beheer
from werving import views as werving_views

auth_urls = [
    path(
        "inloggen/",
        publiek(
            auth_views.LoginView.as_view(
                authentication_form=InlogForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("uitloggen/", organisatie_views.uitloggen, name="logout"),
    path("inloggen/code/", views_tweestaps.tweestaps_controleren, name="tweestaps_controleren"),
    path("account/", views_tweestaps.account, name="account"),
    path(
        "account/tweede-stap/instellen/",
        views_tweestaps.tweestaps_instellen,
        name="tweestaps_instellen",
    ),
    path(
        "account/tweede-stap/uitzetten/",
        views_tweestaps.tweestaps_uitzetten,
        name="tweestaps_uitzetten",
    ),
    path(
        "wachtwoord-vergeten/",
        publiek(
            auth_views.PasswordResetView.as_view(
                email_template_name="registration/wachtwoord_reset_email.txt",
                subject_template_name="registration/wachtwoord_reset_onderwerp.txt",
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        publiek(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        publiek(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        publiek(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", organisatie_views.start, name="start"),
    *auth_urls,
    path("uitnodiging/<str:token>/", organisatie_views.uitnodiging, name="uitnodiging"),
    path("gezondheid/", organisatie_views.gezondheid, name="gezondheid"),
    path("r/<slug:regio_slug>/", include("organisaties.urls")),
    path("r/<slug:regio_slug>/trajecten/", include("trajecten.urls")),
    path("r/<slug:regio_slug>/werving/", include("werving.urls")),
    path("r/<slug:regio_slug>/begeleiding/", include("begeleiding.urls")),
    path("api/v1/", include("api.urls")),
    path("werkgever/<str:token>/", werving_views.werkgever_intake, name="werkgever_intake"),
    path(
        "werkgever/<str:token>/stap/<int:stap>/",
        werving_views.werkgever_stap,
        name="werkgever_stap",
    ),
    path("r/<slug:regio_slug>/financiering/", include("financiering.urls")),
    path("r/<slug:regio_slug>/signalen/", include("signalen.urls")),
    path("r/<slug:regio_slug>/overzicht/", include("overzicht.urls")),
    path("financier/", overzicht_views.fondsen_over_regios, name="fondsen_over_regios"),
    path("r/<slug:regio_slug>/documenten/", include("documenten.urls")),
    path("ondertekenen/<str:token>/", documenten_views.ondertekenen, name="ondertekenen"),
    path(
        "ondertekenen/<str:token>/pdf/", documenten_views.ondertekenen_pdf, name="ondertekenen_pdf"
    ),
    path("mijn/", include("portaal.urls")),
    path("r/<slug:regio_slug>/eigen-pagina/", include("portaal.urls_beheer")),
    path("contactkaart/", portaal_beheer.contactkaart, name="contactkaart"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

handler404 = "api.views.niet_gevonden"
