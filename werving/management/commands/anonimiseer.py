"""The retention run by hand: a dry run by default (which kandidaten, per regio), `--uitvoeren`
to anonymise them. The nightly task does the same (werving.tasks.anonimiseer_alle_regios)."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from organisaties.models import Regio
from werving import services


class Command(BaseCommand):
    help = "Anonimiseer kandidaten na de bewaartermijn (standaard: alleen een proefrapport)."

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="Echt anonimiseren.")

    def handle(self, *args, uitvoeren=False, **options):
        with scopes_disabled():
            regios = list(Regio.objects.order_by("naam"))
        for regio in regios:
            ids = services.anonimiseer_kandidaten(regio=regio, proef=not uitvoeren)
            werkwoord = "geanonimiseerd" if uitvoeren else "zouden worden geanonimiseerd"
            self.stdout.write(
                f"{regio.naam} (bewaartermijn {regio.bewaartermijn_maanden} maanden): "
                f"{len(ids)} kandidaten {werkwoord}" + (f": {ids}" if ids else "")
            )
