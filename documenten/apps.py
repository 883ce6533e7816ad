from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documenten"
    verbose_name = "Documenten"
