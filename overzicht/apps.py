from django.apps import AppConfig


class OverzichtConfig(AppConfig):
    """Dashboards, search and reports: reads across the other apps, writes nothing (issue 11)."""

    name = "overzicht"
    default_auto_field = "django.db.models.BigAutoField"
