from django.apps import AppConfig


class BegeleidingConfig(AppConfig):
    """Modules, attendance and results, coaches, contactmomenten, proefperiode, nazorg (issue 5)."""

    name = "begeleiding"

    def ready(self):
        from . import controles

        controles.registreer()
