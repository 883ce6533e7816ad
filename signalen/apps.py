from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = "Signalen"
    default_auto_field = "django.db.models.BigAutoField"
