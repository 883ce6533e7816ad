from django.apps import AppConfig


class TrajectenConfig(AppConfig):
    """Traject (one round), its phase plan, Deelname and its state machine, Mijlpalen (issue 3)."""

    name = "trajecten"
