from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope

from organisaties import services
from organisaties.models import Organisatie, Regio, Rol, Uitnodiging


class Command(BaseCommand):
    help = (
        "Maakt een regio aan met de organisatie van de eerste beheerder, en nodigt die "
        "beheerder uit. Drukt de uitnodigingslink af."
    )

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True, help="Naam van de regio")
        parser.add_argument("--slug", required=True, help="Korte naam in de URL, bv. rijnmond")
        parser.add_argument("--organisatie", required=True, help="Organisatie van de beheerder")
        parser.add_argument(
            "--soort", default=Organisatie.Soort.RWC_WSP, choices=Organisatie.Soort.values
        )
        parser.add_argument("--beheerder-email", required=True)
        parser.add_argument("--beheerder-naam", required=True)

    def handle(self, *args, **o):
        try:
            with transaction.atomic():
                regio = Regio(naam=o["naam"], slug=o["slug"])
                regio.full_clean()
                regio.save()
                organisatie = services.voeg_organisatie_toe(
                    regio=regio, naam=o["organisatie"], soort=o["soort"]
                )
                with scope(regio=regio.pk):
                    # Direct create: there is no inviting user yet, and the e-mail is printed.
                    uitnodiging = Uitnodiging.objects.create(
                        regio=regio,
                        email=o["beheerder_email"].strip().lower(),
                        naam=o["beheerder_naam"],
                        organisatie=organisatie,
                        rol=Rol.BEHEERDER,
                    )
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        self.stdout.write(f"Regio {regio.naam} aangemaakt. Uitnodiging voor de beheerder:")
        self.stdout.write(services.uitnodiging_link(uitnodiging))
