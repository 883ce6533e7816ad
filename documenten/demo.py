"""Demo agreements: the inspanningsovereenkomst of each baangarantie in Noordoost-Brabant,
drawn up and completed, ready for the procesregisseur to preview and send (sending makes the
PDF, so loading the demo needs no Pango). Idempotent: an agreement is made once per
baangarantie."""

from django.db import transaction
from django_scopes import scope

from organisaties.models import Regio, User
from trajecten.models import Traject

from . import services
from .models import DocumentSoort

WERKGEVERS = {
    "Installatiebedrijf Van den Heuvel B.V.": {
        "werkgever_adres": "Het Zuiderkwartier 7",
        "werkgever_postcode": "5231SB",
        "werkgever_plaats": "'s-Hertogenbosch",
        "werkgever_ondertekenaar": "Hans van den Heuvel",
        "werkgever_functie": "Directeur-eigenaar",
        "werkgever_email": "werkgever@nob.example",
        "projectleider": "Ingrid Verhoeven",
        "buddy": "Sander de Wit",
        "salarisindicatie": "€ 2.450 tot € 2.750 bruto per maand (cao Metaal en Techniek)",
    },
    "Elektrotechniek Maasland B.V.": {
        "werkgever_adres": "Vorstengrafdonk 44",
        "werkgever_postcode": "5342LT",
        "werkgever_plaats": "Oss",
        "werkgever_ondertekenaar": "Ruud Maasland",
        "werkgever_functie": "Algemeen directeur",
        "werkgever_email": "r.maasland@maasland.example",
        "projectleider": "Fatima El Amrani",
        "buddy": "",
        "salarisindicatie": "€ 2.500 tot € 2.800 bruto per maand (cao Metaal en Techniek)",
    },
}
PROCESREGISSEUR = {
    "regisseur_kvk": "17280421",
    "regisseur_adres": "Statenlaan 8",
    "regisseur_postcode": "5223LA",
    "regisseur_plaats": "'s-Hertogenbosch",
}


@transaction.atomic
def laad_demodocumenten() -> None:
    nob = Regio.objects.get(slug="noordoost-brabant")
    regisseur = User.objects.get(email="procesregisseur@nob.example")
    with scope(regio=nob.pk):
        traject = Traject.objects.filter(
            naam="Installatiemonteur Noordoost-Brabant, ronde 1"
        ).first()
        if traject is None:
            return
        for garantie in traject.baangaranties.select_related("werkgever"):
            if garantie.documenten.exists():
                continue
            document = services.maak_document(
                soort=DocumentSoort.INSPANNINGSOVEREENKOMST, door=regisseur, baangarantie=garantie
            )
            services.bewaar_invoer(
                document=document,
                invoer={
                    **document.invoer,
                    **PROCESREGISSEUR,
                    **WERKGEVERS.get(garantie.werkgever.naam, {}),
                },
            )
