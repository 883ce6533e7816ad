"""Agreements for the tests: filled in and sent through the services, with a real PDF."""

from django_scopes import scope

from documenten import services
from documenten.models import DocumentSoort
from organisaties.models import Lidmaatschap, Rol
from werving import services as werving_services
from werving.models import Vacature

INSPANNING = {
    "werkgever_kvk": "17123456",
    "werkgever_adres": "Industrieweg 12",
    "werkgever_postcode": "5342AB",
    "werkgever_plaats": "Oss",
    "werkgever_ondertekenaar": "Jan de Boer",
    "werkgever_functie": "Directeur",
    "werkgever_email": "jan@isolatieoss.nl",
    "projectleider": "Anja Smit",
    "buddy": "Piet Kok",
    "regisseur_kvk": "41234567",
    "regisseur_adres": "Stationsplein 1",
    "regisseur_postcode": "5211AP",
    "regisseur_plaats": "'s-Hertogenbosch",
    "regisseur_ondertekenaar": "Mila Regisseur",
    "regisseur_functie": "Procesregisseur",
    "salarisindicatie": "€ 2.450 tot € 2.700 bruto per maand",
    "startdatum": "2027-02-01",
    "looptijd_tot": "2027-12-31",
    "opzegtermijn_weken": 4,
    "bijzondere_afspraken": "",
}

PROEFPLAATSING = {
    "werkgever_kvk": "17123456",
    "werkgever_adres": "Industrieweg 12",
    "werkgever_postcode": "5342AB",
    "werkgever_plaats": "Oss",
    "werkgever_ondertekenaar": "Jan de Boer",
    "werkgever_functie": "Directeur",
    "werkgever_email": "jan@isolatieoss.nl",
    "functie": "Isolatiemonteur",
    "werklocatie": "Oss",
    "uren_per_week": 32,
    "startdatum": "2027-02-01",
    "einddatum": "2027-03-31",
    "buddy": "Piet Kok",
    "begeleider": "Karin Coach",
    "gemeente_ondertekenaar": "Klaas Klantmanager",
    "gemeente_functie": "Klantmanager",
    "bijzondere_afspraken": "",
}


def werkgever_van(w):
    with scope(regio=w.regio_a.pk):
        return Lidmaatschap.objects.get(user=w.per_rol[Rol.WERKGEVER]).organisatie


def maak_overeenkomst(w, traject, *, plaatsen=2, invoer=None, versturen=True, vacature=None):
    """The werkgever (of the world's werkgever login) gives a baangarantie with a vacature; its
    inspanningsovereenkomst is filled in and, by default, sent."""
    regisseur = w.per_rol[Rol.PROCESREGISSEUR]
    werkgever = werkgever_van(w)
    with scope(regio=w.regio_a.pk):
        garantie = werving_services.leg_baangarantie_vast(
            traject=traject, werkgever=werkgever, aantal_plaatsen=plaatsen, door=regisseur
        )
        Vacature.objects.get_or_create(
            regio=w.regio_a,
            werkgever=werkgever,
            traject=traject,
            functie="Isolatiemonteur",
            defaults={
                "aantal_plaatsen": plaatsen, "werklocatie": "Oss", "uren_per_week": 36,
                "contract_maanden": 12, "cao": "Cao Bouw & Infra", "deeltijd_mogelijk": True,
                "vrij_religieuze_feestdagen": True, **(vacature or {}),
            },
        )  # fmt: skip
        document = services.maak_document(
            soort=DocumentSoort.INSPANNINGSOVEREENKOMST, door=regisseur, baangarantie=garantie
        )
        document = services.bewaar_invoer(
            document=document, invoer={**document.invoer, **INSPANNING, **(invoer or {})}
        )
        versie = (
            services.verstuur(document=document, door=regisseur, email="jan@isolatieoss.nl")
            if versturen
            else None
        )
    return document, versie


def maak_proefplaatsing(w, traject, deelname, *, versturen=True):
    regisseur = w.per_rol[Rol.PROCESREGISSEUR]
    with scope(regio=w.regio_a.pk):
        deelname.refresh_from_db()
        document = services.maak_document(
            soort=DocumentSoort.PROEFPLAATSINGSOVEREENKOMST, door=regisseur, deelname=deelname
        )
        document = services.bewaar_invoer(
            document=document, invoer={**document.invoer, **PROEFPLAATSING}
        )
        if versturen:
            w.proefplaatsing_versie = services.verstuur(
                document=document, door=regisseur, email="jan@isolatieoss.nl"
            )
    return document
