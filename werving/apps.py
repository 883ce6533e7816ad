from django.apps import AppConfig


class WervingConfig(AppConfig):
    """Kandidaat intake, klantmanager aanmelding, werkgever intake, vacatures, matching (issue 4)."""

    name = "werving"

    def ready(self):
        from . import controles

        controles.registreer()
