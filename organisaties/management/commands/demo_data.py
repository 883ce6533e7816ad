import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documenten.demo import laad_demodocumenten
from financiering.demo import laad_demofinanciering
from organisaties.demo import DEMO_TOTP_SLEUTEL, DEMO_WACHTWOORD, laad_demodata
from portaal.demo import laad_demoportaal
from trajecten.demo import laad_demotrajecten


class Command(BaseCommand):
    help = (
        "Laadt de demodata (twee regio's, een login per rol, een lopend traject). "
        "Twee keer laden verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook laden als DEBUG uit staat (demo-omgevingen). Nooit in productie: "
            "de wachtwoorden staan in de broncode.",
        )

    def handle(self, *args, ook_zonder_debug=False, **options):
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "Demodata heeft bekende wachtwoorden en wordt alleen met DEBUG=true geladen "
                "(of met --ook-zonder-debug)."
            )
        # The services log every claim and booking; while loading demo data that only hides the
        # list of logins below.
        logging.disable(logging.INFO)
        try:
            logins = laad_demodata()
            laad_demotrajecten()
            laad_demofinanciering()
            laad_demodocumenten()
            kandidaat_link = laad_demoportaal()
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(f"Demodata geladen. Wachtwoord voor elke demo-login: {DEMO_WACHTWOORD}")
        for login in logins:
            self.stdout.write(f"  {login.rol:<16} {login.regio:<18} {login.email}")
        self.stdout.write(
            "Procesregisseur, beheerder en financier loggen in met een tweede stap: voeg de "
            f"sleutel {DEMO_TOTP_SLEUTEL} toe aan een authenticator-app (alleen de demo), of "
            f"`oathtool --totp -b {DEMO_TOTP_SLEUTEL}` geeft de code."
        )
        self.stdout.write(
            "Eigen pagina van een demokandidaat (één keer te gebruiken, "
            f"{settings.PORTAAL_LINK_UREN} uur geldig; een nieuwe: make run of demo_data):\n"
            f"  {kandidaat_link}"
        )
