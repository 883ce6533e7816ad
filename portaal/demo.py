"""Demo: one kandidaat of Noordoost-Brabant with their own page — an appointment, a task, one
step of their own profile — and a fresh one-time link that `make run` prints."""

from datetime import time, timedelta

from django.utils import timezone
from django_scopes import scope

from organisaties.models import Regio, User
from trajecten.models import Traject
from werving.models import Kandidaat

from . import services
from .models import Afspraak, Portaal

DEMO_EMAIL = "kandidaat@nob.example"


def laad_demoportaal() -> str:
    """The path of a new link to the demo kandidaat's own page (older demo links stop working)."""
    regio = Regio.objects.get(slug="noordoost-brabant")
    klantmanager = User.objects.get(email="klantmanager.oss@nob.example")
    with scope(regio=regio.pk):
        portaal = Portaal.objects.filter(email=DEMO_EMAIL).first()
        if portaal is None:
            traject = Traject.objects.get(naam="Installatiemonteur Noordoost-Brabant, ronde 1")
            kandidaat = (
                Kandidaat.objects.filter(deelnames__traject=traject, gemeente__naam="Gemeente Oss")
                .order_by("pk")
                .first()
            )
            portaal = services.open_portaal(
                kandidaat=kandidaat,
                door=klantmanager,
                email=DEMO_EMAIL,
                contactpersoon=klantmanager,
            )
            services.voeg_taak_toe(
                kandidaat=kandidaat, door=klantmanager, tekst="Neem je VCA-pasje mee naar de les"
            )
            services.bewaar_stap(
                kandidaat=kandidaat,
                stap="talen",
                antwoorden={"talen": ["ar", "nl"], "andere_taal": "", "nederlands": "beetje"},
            )
        if not Afspraak.objects.filter(
            kandidaat=portaal.kandidaat, datum__gte=timezone.localdate()
        ).exists():
            services.plan_afspraak(
                kandidaat=portaal.kandidaat,
                door=klantmanager,
                soort="gesprek",
                datum=timezone.localdate() + timedelta(days=3),
                tijd=time(10, 0),
                plaats="Werkplein Oss, Raadhuislaan 2",
                met=klantmanager.naam,
                meenemen="Je ID-kaart",
            )
        link = services.maak_link(portaal=portaal, kanaal="papier", door=klantmanager)
    return services.link_url(link)
