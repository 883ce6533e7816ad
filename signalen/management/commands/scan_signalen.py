"""`python manage.py scan_signalen [--regio slug]`: the same scan as the daily beat task and the
procesregisseur's button, run now, in this process."""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from organisaties.models import Regio
from signalen import services


class Command(BaseCommand):
    help = "Zoekt in elke regio (of één) wat aandacht nodig heeft en maakt er signalen van."

    def add_arguments(self, parser):
        parser.add_argument("--regio", help="alleen deze regio (slug)")

    def handle(self, *args, **opties):
        with scopes_disabled():
            regios = Regio.objects.order_by("naam")
            if opties["regio"]:
                regios = regios.filter(slug=opties["regio"])
                if not regios.exists():
                    raise CommandError(f"Onbekende regio: {opties['regio']}")
            regios = list(regios)
        for regio in regios:
            uitkomst = services.scan_regio(regio=regio)
            totaal = sum(uitkomst.values())
            self.stdout.write(f"{regio.naam}: {totaal} bevindingen")
