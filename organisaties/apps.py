from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "organisaties"
    verbose_name = "Regio's en organisaties"

    def ready(self):
        # Error messages that say what to do, for every form (organisaties/foutmeldingen.py).
        from .foutmeldingen import installeer

        installeer()
        # Connects the login signal that starts every session without its second step.
        from . import tweestaps  # noqa: F401
