"""Stappenplan, inrichtingsvragen en instapberoepen voor de opstart van een leerwerktraject.

Bronnen (platte tekst in ``../shared/seeds/``):

* ``STAPPENPLAN``: seed ``000_4f31f074fff95d4e.txt`` (rapport VluchtelingenWerk over de
  proeftuinen leerwerktrajecten voor nieuwkomers in de gebouwde omgeving), "BIJLAGE 2:
  Stappenplan opstart leerwerktraject voor nieuwkomers met brancheorganisatie en
  arbeidsmarktregio voor MBO 1-2 en taalniveau A1-A2" (regels 1916-1972). De tien stappen
  staan in de volgorde van de bijlage; de toelichting vat de stap en de bijbehorende
  aanbeveling samen.
* ``INRICHTINGSVRAGEN``: seed ``002_58e47fdb157a42da.txt`` (handreiking "Statushouders aan
  het werk in de gebouwde omgeving", project LEARN), "BIJLAGE B. Checklist - wederzijdse
  rollen, verwachtingen en afspraken" (regels 1950-2035), voorafgegaan door de voorbereidende
  bijeenkomst waarin die checklist volgens de handreiking gebruikt wordt (regels 820-825).
* ``BEROEPEN``: instapfuncties/beroepen die in de vijf seeds genoemd worden, vooral seed 000
  (regels 569-571, 673-675, 879-880) en seed 002, bijlage A (regels 1875-1949).

``weken_voor_start`` is een ruwe standaarddeadline in weken vóór de geplande start van de
kandidaatwerving. De seeds geven geen planning per stap; de waarden zijn afgeleid van wat er
wel staat: werkgevers met baangarantie moeten vóór de kandidaatwerving binnen zijn (seed 000,
stap 8), baangaranties regelen kostte in de proeftuinen 2 tot 3 maanden (seed 000, r. 750-751),
en na de start van de werving moet het traject binnen uiterlijk 2 maanden starten (stap 9).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Stap:
    code: str  # stabiele slug, bv. "a2-01-verkenning"
    titel: str  # korte Nederlandse titel
    toelichting: str  # 1-3 zinnen, getrouw aan de seed
    # procesregisseur | financier | opleider | begeleider | werkgever | klantmanager
    eigenaar_rol: str
    weken_voor_start: int  # standaarddeadline in weken vóór de start van de kandidaatwerving
    bron: str  # vindplaats in de seeds


STAPPENPLAN: tuple[Stap, ...] = (
    Stap(
        code="a2-01-verkenning",
        titel="Verkenning & procesregie",
        toelichting=(
            "Start een verkenning tussen brancheorganisatie, O&O-fonds, arbeidsmarktregio en "
            "eventuele opleider en zorg voor een procesregisseur. Stem verwachtingen en "
            "verantwoordelijkheden vroegtijdig af en leg samenwerkingsafspraken vast, zodat "
            "iedere partij weet wat van haar verwacht wordt."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=16,
        bron="seed 000, bijlage 2, stap 1",
    ),
    Stap(
        code="a2-02-functieprofiel",
        titel="Krapteberoep en functieprofiel bepalen",
        toelichting=(
            "Bepaal het krapteberoep en functieprofiel waartoe het leerwerktraject opleidt. "
            "Selecteer op instroommogelijkheid op MBO 1-2 en taalniveau A1-A2, baangarantie en "
            "concrete arbeidsmarktdata, passend binnen de sectorale ontwikkelpaden."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=14,
        bron="seed 000, bijlage 2, stap 2",
    ),
    Stap(
        code="a2-03-vraag-aanbod",
        titel="Vraag & aanbod scan",
        toelichting=(
            "Inventariseer gezamenlijk of er in de arbeidsmarktregio(s) voldoende werkgevers met "
            "vacatures en passende, arbeidsfitte kandidaten zijn. Houd in deze haalbaarheidsscan "
            "rekening met reisafstanden: de meeste nieuwkomers hebben nog geen eigen vervoer."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=12,
        bron="seed 000, bijlage 2, stap 3",
    ),
    Stap(
        code="a2-04-vakopleiding",
        titel="Vakopleiding koppelen en afspraken vastleggen",
        toelichting=(
            "Koppel een erkende praktijkopleider, bij voorkeur met ervaring met statushouders, "
            "en leg alle organisatorische en financiële afspraken vast. Pas het assessment voor "
            "technische vaardigheden en de basisvakopleiding aan het leer- en taalniveau aan."
        ),
        eigenaar_rol="opleider",
        weken_voor_start=10,
        bron="seed 000, bijlage 2, stap 4",
    ),
    Stap(
        code="a2-05-ondersteunende-modules",
        titel="Ondersteunende modules en dienstverleners",
        toelichting=(
            "Identificeer de maatschappelijk dienstverlener(s) voor in elk geval VCA, "
            "vaktaalondersteuning, training werknemersvaardigheden en Nederlandse arbeidscultuur, "
            "individuele jobcoaching en werkgeverstraining interculturele communicatie en "
            "begeleiding op de werkvloer. Kies ervaren partijen, niet te veel verschillende "
            "aanbieders, en zorg voor eenduidige afstemming."
        ),
        eigenaar_rol="begeleider",
        weken_voor_start=8,
        bron="seed 000, bijlage 2, stap 5",
    ),
    Stap(
        code="a2-06-financiering",
        titel="Financiering en sluitende businesscase",
        toelichting=(
            "Breng met branche en arbeidsmarktregio de financieringsopties in kaart en zorg voor "
            "een sluitende businesscase met co- of resultaatfinanciering. Kies bij voorkeur een "
            "herhaalbare en opschaalbare constructie die de lasten deelt, zoals voorfinanciering "
            "door het O&O-fonds en resultaatfinanciering door de gemeente."
        ),
        eigenaar_rol="financier",
        weken_voor_start=8,
        bron="seed 000, bijlage 2, stap 6",
    ),
    Stap(
        code="a2-07-planning-trajectregie",
        titel="Planning & trajectregie",
        toelichting=(
            "Maak een scherpe planning en bepaal de trajectregie en één groeps- en "
            "trajectcoördinator. Zorg voor duidelijkheid en verwachtingsmanagement richting "
            "kandidaten en werkgevers en stem de taakverdeling voor proces en uitvoering af."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=6,
        bron="seed 000, bijlage 2, stap 7",
    ),
    Stap(
        code="a2-08-werkgevers-baangarantie",
        titel="Werkgevers met baangarantie vóór de werving",
        toelichting=(
            "Betrek in een vroeg stadium, vóór aanvang van de kandidaatwerving, voldoende "
            "werkgevers met baangarantie en stem afspraken over loonkostensubsidies en "
            "proefperiode af. Leg baangarantie, matching en begeleiding op de werkvloer vast in "
            "een inspanningsovereenkomst."
        ),
        eigenaar_rol="werkgever",
        weken_voor_start=2,
        bron="seed 000, bijlage 2, stap 8",
    ),
    Stap(
        code="a2-09-start-leerwerktraject",
        titel="Werving deelnemers en start binnen 2 maanden",
        toelichting=(
            "Werf de deelnemers en start uiterlijk binnen 2 maanden met het leerwerktraject. "
            "Gebruik communicatiemiddelen op het juiste taalniveau en organiseer "
            "wervingsbijeenkomsten waarbij branche en klantmanager aanwezig zijn."
        ),
        eigenaar_rol="klantmanager",
        weken_voor_start=0,
        bron="seed 000, bijlage 2, stap 9",
    ),
    Stap(
        code="a2-10-nazorg",
        titel="Nazorg en alternatieven bij uitval",
        toelichting=(
            "Voorzie in een vangnet van nazorg en begeleiding bij uitval. Bied alternatieve "
            "trajecten aan en de mogelijkheid om later in te stromen wanneer persoonlijke "
            "omstandigheden dat toelaten."
        ),
        eigenaar_rol="begeleider",
        weken_voor_start=0,
        bron="seed 000, bijlage 2, stap 10",
    ),
)


INRICHTINGSVRAGEN: tuple[Stap, ...] = (
    Stap(
        code="bb-00-voorbereidende-bijeenkomst",
        titel="Voorbereidende bijeenkomst met alle partijen",
        toelichting=(
            "De regisseur organiseert een voorbereidende bijeenkomst met werkgever, intermediair, "
            "statushouder en (taal)opleider om wederzijdse verwachtingen en afspraken helder te "
            "krijgen, en verheldert per partij de beweegredenen erachter aan de hand van de "
            "checklist van bijlage B."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=16,
        bron="seed 002, hfst. 'Doelstellingen en verwachtingen definiëren' (verwijst naar bijlage B)",
    ),
    Stap(
        code="bb-01-doelstelling-smart",
        titel="Is het doel SMART geformuleerd?",
        toelichting=(
            "Check of het doel specifiek en voor alle betrokkenen begrijpelijk is, meetbare "
            "indicatoren heeft, haalbaar en acceptabel is voor alle partijen, realistisch is "
            "binnen tijd en middelen, en een duidelijke tijdlijn heeft."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=16,
        bron="seed 002, bijlage B, Doelstelling",
    ),
    Stap(
        code="bb-02-partijen-verantwoordelijkheden",
        titel="Partijen en verantwoordelijkheden vastgesteld?",
        toelichting=(
            "Welke partijen zijn nodig om het doel te behalen, welke rol hebben statushouders, "
            "werkgevers, opleiders enzovoort, en wat wordt van elke partij verwacht aan "
            "expertise, tijd en budget?"
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=14,
        bron="seed 002, bijlage B, Partijen en Verantwoordelijkheden",
    ),
    Stap(
        code="bb-03-trajectduur",
        titel="Is de trajectduur per fase bepaald?",
        toelichting="Leg vast hoelang elke fase van het traject duurt (in maanden).",
        eigenaar_rol="procesregisseur",
        weken_voor_start=12,
        bron="seed 002, bijlage B, Trajectduur en Kosten",
    ),
    Stap(
        code="bb-04-kosten-baten",
        titel="Zijn de geschatte kosten en baten vastgesteld?",
        toelichting=(
            "Wat zijn de verwachte kosten voor de werkgever en de andere partijen? Analyseer "
            "kosten en baten voor werkgevers (investeringen, voordelen, rendement) en breng de "
            "potentiële opbrengsten van het traject in beeld."
        ),
        eigenaar_rol="financier",
        weken_voor_start=12,
        bron="seed 002, bijlage B, Trajectduur en Kosten",
    ),
    Stap(
        code="bb-05-canvas-rollen",
        titel="Canvas rollen: partijen, duur en kosten per onderwerp",
        toelichting=(
            "Beantwoord voor elk van de onderwerpen 1-6 (taalondersteuning t/m matching) welke "
            "partijen nodig zijn, hoelang het duurt (maanden) en hoeveel het kost."
        ),
        eigenaar_rol="procesregisseur",
        weken_voor_start=10,
        bron="seed 002, bijlage B, Canvas Rollen",
    ),
    Stap(
        code="bb-06-taalondersteuning",
        titel="(Taal)ondersteuning",
        toelichting=(
            "Wat verwacht de statushouder zelf en is dat realistisch? Is er een taalbarrière en "
            "zo ja, hoe kan die worden overwonnen?"
        ),
        eigenaar_rol="opleider",
        weken_voor_start=8,
        bron="seed 002, bijlage B, onderwerp 1",
    ),
    Stap(
        code="bb-07-extra-begeleiding",
        titel="Extra begeleiding, vangnet en buddy",
        toelichting=(
            "Hoe wordt gezorgd voor adequate ondersteuning gedurende het hele traject, inclusief "
            "een vangnet voor de kandidaten? Wordt er een buddy aan de kandidaten toegewezen?"
        ),
        eigenaar_rol="begeleider",
        weken_voor_start=8,
        bron="seed 002, bijlage B, onderwerp 2",
    ),
    Stap(
        code="bb-08-werving-selectie",
        titel="Werving & selectie",
        toelichting=(
            "Zijn de deelnamecriteria duidelijk gedefinieerd? Hoe wordt het traject bekend "
            "gemaakt om instroom te bevorderen, bijvoorbeeld bij gemeenten en leerwerkloketten en "
            "laagdrempelig via buurthuizen en taalcafés? Is jobcarving van een functie mogelijk?"
        ),
        eigenaar_rol="klantmanager",
        weken_voor_start=6,
        bron="seed 002, bijlage B, onderwerp 3",
    ),
    Stap(
        code="bb-09-voortraject",
        titel="Voorschakeltraject en combinatie met inburgering",
        toelichting=(
            "Hoe wordt het leerwerktraject gecombineerd met bijvoorbeeld de inburgering "
            "(voorschakeltraject)?"
        ),
        eigenaar_rol="klantmanager",
        weken_voor_start=6,
        bron="seed 002, bijlage B, onderwerp 4",
    ),
    Stap(
        code="bb-10-leer-werkcomponent",
        titel="Leer- en werkcomponent en toegewijde projectleider",
        toelichting=(
            "Welke opbrengsten levert het traject de kandidaat op (praktijkverklaringen, "
            "certificaten) en zijn er een taalcoach en externe coach mogelijk? Wie wordt de "
            "toegewijde projectleider en aanspreekpunt voor alle partijen; dat kan niet zomaar "
            "naast reguliere werkzaamheden."
        ),
        eigenaar_rol="opleider",
        weken_voor_start=6,
        bron="seed 002, bijlage B, onderwerp 5",
    ),
    Stap(
        code="bb-11-matching-plaatsing",
        titel="Matching en plaatsing",
        toelichting="Hoe wordt de juiste match tussen kandidaten en werkgevers gemaakt?",
        eigenaar_rol="klantmanager",
        weken_voor_start=2,
        bron="seed 002, bijlage B, onderwerp 6",
    ),
)


BEROEPEN: tuple[tuple[str, str], ...] = (
    ("Assemblagemedewerker", "bouw"),
    ("Assistent-kok", "overig"),
    ("Dakdekker", "bouw"),
    ("Elektromonteur", "elektrotechniek"),
    ("Glaszetter", "glas"),
    ("Grondwerker", "infra"),
    ("Hulparbeider grond-, weg- en waterbouw", "infra"),
    ("Hulpmonteur", "installatietechniek"),
    ("Inframonteur", "infra"),
    ("Installatiemonteur", "installatietechniek"),
    ("Isolatiemonteur", "isolatie"),
    ("Kapper", "overig"),
    ("Keukenmonteur", "installatietechniek"),
    ("Laadpaalmonteur", "energietransitie"),
    ("Leidinglegger gas/water", "infra"),
    ("Loodgieter", "installatietechniek"),
    ("Magazijnmedewerker", "overig"),
    ("Metselaar", "bouw"),
    ("Monteur elektriciteitsnetten", "elektrotechniek"),
    ("Monteur vloerverwarming", "installatietechniek"),
    ("Monteur warmtenetten", "energietransitie"),
    ("Onderhoudsmonteur CV/koelsystemen", "installatietechniek"),
    ("Prefab monteur", "bouw"),
    ("Schilder", "schilderen"),
    ("Steigerbouwer", "bouw"),
    ("Stratenmaker", "infra"),
    ("Taxichauffeur", "overig"),
    ("Tegelzetter", "bouw"),
    ("Timmerman", "bouw"),
    ("Ventilatiemonteur", "installatietechniek"),
    ("Vloerenlegger", "bouw"),
    ("Watermonteur", "installatietechniek"),
    ("Zonnepanelenmonteur", "energietransitie"),
)


def vroegste_werving_start(vandaag: date) -> date:
    """The first of the month from which every step of the checklist can still make its own
    deadline (`weken_voor_start` before the werving starts): the default start of a new round."""
    weken = max(stap.weken_voor_start for stap in (*STAPPENPLAN, *INRICHTINGSVRAGEN))
    vroegst = vandaag + timedelta(weeks=weken)
    if vroegst.day == 1:
        return vroegst
    return (vroegst.replace(day=1) + timedelta(days=32)).replace(day=1)


# What the user reads for a step's source: the report's title, not our seed numbers.
BRONTITELS = {
    "seed 000": "Stappenplan opstart leerwerktraject voor nieuwkomers (VluchtelingenWerk)",
    "seed 002": "Handreiking ‘Statushouders aan het werk in de gebouwde omgeving’ (LEARN)",
}


def bron_voor_gebruiker(bron: str) -> str:
    """ "seed 000, bijlage 2, stap 3" → "Stappenplan opstart leerwerktraject voor nieuwkomers
    (VluchtelingenWerk), stap 3"; a source without a known report stays as it is."""
    for seed, titel in BRONTITELS.items():
        if bron.startswith(seed):
            rest = re.sub(r"^,?\s*(bijlage \w+,?\s*)?", "", bron[len(seed) :])
            rest = re.sub(r"\s*\(verwijst naar bijlage \w+\)", "", rest)
            return f"{titel}, {rest}" if rest else titel
    return bron
