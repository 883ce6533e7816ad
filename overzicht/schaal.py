"""A national data set for measuring (`manage.py seed_scale`, `make bench`, docs/performance.md).

Fast and true to the services at once: one prototype regio is built *through the services*
(one traject, its deelnemers along varied paths: claims, bookings, attendance, contacts,
mijlpalen and history as the state machine makes them), and everything else is a copy of its
rows in bulk inserts — more trajecten per regio, more regio's, and for one regio older rounds
(closed, dates shifted back) as history. So every generated deelname has exactly the rows a
deelname taken through the services has (tests/overzicht/test_seed_scale.py compares them).

Runs as the database owner: bulk inserts pass row-level security as the owner (and the
scoping guard is off), never in a request.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User

# Rows that belong to a moment or a person's session, not to the data set.
NIET_KOPIEREN = {
    "organisaties.ApiToken",
    "organisaties.Uitnodiging",
    "portaal.Inloglink",
    "documenten.Download",
    "signalen.Bezorging",
    "signalen.Signaal",
    "signalen.SignaalStap",
}
# Rows of the regio itself, not of a round: copied with a regio, not with its rounds.
VAN_DE_REGIO = {"organisaties.Lidmaatschap", "signalen.Regelinstelling"}
RONDE_DAGEN = 180  # how far back each older round lies

S = Organisatie.Soort


@dataclass
class Prototype:
    regio: Regio
    regisseur: User


def _modellen() -> list[type[models.Model]]:
    """Every model with rows of a regio, parents before children (for the foreign keys)."""
    eigen = [
        m
        for m in apps.get_models()
        if any(f.name == "regio" and f.is_relation for f in m._meta.fields)
        and m._meta.label not in NIET_KOPIEREN
    ]
    volgorde, bezig = [], set()

    def bezoek(m):
        if m in volgorde or m in bezig:
            return
        bezig.add(m)
        for f in m._meta.fields:
            if f.is_relation and f.related_model in eigen and f.related_model is not m:
                bezoek(f.related_model)
        volgorde.append(m)

    for m in sorted(eigen, key=lambda m: m._meta.label):
        bezoek(m)
    return volgorde


# ---- the prototype, through the services ---------------------------------------------------

# The path of each deelnemer (by number, repeating): where the services take them.
PADEN = ["in_dienst", "proefperiode", "vakopleiding", "voorschakeltraject", "uitval", "aangemeld"]


def bouw_prototype(*, slug: str, deelnemers: int, rng: random.Random) -> Prototype:
    from begeleiding import services as begeleiding
    from financiering import services as financiering
    from organisaties import services as organisaties
    from trajecten import services as trajecten
    from trajecten.models import Beroep, PartnerRol, UitvalReden
    from trajecten.models import DeelnameStatus as D
    from werving import services as werving
    from werving.models import Ontvanger

    vandaag = timezone.localdate()
    with transaction.atomic():
        regio = Regio.objects.create(naam=f"Regio {slug}", slug=slug)
        org = {
            naam: organisaties.voeg_organisatie_toe(regio=regio, naam=f"{naam} {slug}", soort=soort)
            for naam, soort in [
                ("Werkcentrum", S.RWC_WSP),
                ("O&O-fonds", S.OO_FONDS),
                ("Opleider", S.OPLEIDER),
                ("Gemeente", S.GEMEENTE),
                ("Werkgever", S.WERKGEVER),
            ]
        }
    leden = {}
    with scope(regio=regio.pk):
        for rol, organisatie in [
            (Rol.PROCESREGISSEUR, "Werkcentrum"),
            (Rol.FINANCIER, "O&O-fonds"),
            (Rol.KLANTMANAGER, "Gemeente"),
            (Rol.OPLEIDER, "Opleider"),
            (Rol.BEGELEIDER, "Werkcentrum"),
            (Rol.WERKGEVER, "Werkgever"),
        ]:
            user = User.objects.create(email=f"{rol}@{slug}.schaal.invalid", naam=rol.title())
            Lidmaatschap.objects.create(
                regio=regio, user=user, organisatie=org[organisatie], rol=rol
            )
            leden[rol] = user
        regisseur = leden[Rol.PROCESREGISSEUR]
        beroep = Beroep.objects.get_or_create(naam="Glaszetter", defaults={"branche": "glas"})[0]
        traject = trajecten.maak_traject(
            regio=regio,
            door=regisseur,
            naam="Glaszetter",
            branche="glas",
            beroep=beroep,
            groepsgrootte=max(deelnemers, 12),
            reden_groepsgrootte="Schaalproef",
            planning=trajecten.standaard_faseplanning(vandaag - timedelta(days=120)),
            partners={
                PartnerRol.PROCESREGISSEUR: [org["Werkcentrum"]],
                PartnerRol.OO_FONDS: [org["O&O-fonds"]],
                PartnerRol.OPLEIDER: [org["Opleider"]],
                PartnerRol.GEMEENTE: [org["Gemeente"]],
                PartnerRol.WERKGEVER: [org["Werkgever"]],
            },
        )
        for stap in traject.checklist.all():
            trajecten.werk_checkliststap_bij(stap=stap, door=regisseur, status="gedaan")
        for status in ["werving", "voorschakeltraject"]:
            trajecten.verplaats_traject(traject=traject, naar=status, door=regisseur)
        fonds = org["O&O-fonds"]
        financiering.leg_afspraak_vast(
            traject=traject,
            door=regisseur,
            soort="voor_resultaat",
            fonds=fonds,
            regels=[
                financiering.RegelInvoer(
                    financier=None,
                    start_per_kandidaat=Decimal(1000),
                    resultaat_1_per_kandidaat=Decimal(1500),
                    resultaat_2_per_kandidaat=Decimal(2250),
                ),
                financiering.RegelInvoer(financier=fonds, voorfinanciering=Decimal(65000)),
            ],
        )
        for boek in (financiering.boek_inleg, financiering.boek_voorfinanciering):
            extra = {} if boek is financiering.boek_inleg else {"traject": traject}
            boek(
                regio=regio,
                fonds=fonds,
                door=regisseur,
                bedrag=Decimal(65000),
                datum=vandaag - timedelta(days=100),
                **extra,
            )
        module = begeleiding.voeg_module_toe(
            traject=traject, door=regisseur, soort="vca", aanbieder=org["Opleider"]
        )
        sessies = [
            begeleiding.plan_sessie(
                module=module, door=regisseur, datum=vandaag - timedelta(days=d), locatie="Oss"
            )
            for d in (60, 45, 30, 7)
        ]
        hoofdpad = [D.INTAKE, D.ASSESSMENT, D.GESELECTEERD, D.VOORSCHAKELTRAJECT, D.VAKOPLEIDING,
                    D.PROEFPERIODE, D.IN_DIENST]  # fmt: skip
        for i in range(deelnemers):
            pad = PADEN[i % len(PADEN)]
            d = werving.meld_aan(
                traject=traject,
                door=regisseur,
                voornaam=rng.choice(["Ahmad", "Fatima", "Jan", "Sanne", "Yusuf", "Mira"]),
                achternaam=f"Deelnemer {i}",
                gemeente=org["Gemeente"],
                toestemmingen=set(Ontvanger.values),
            )
            doelen = {
                "in_dienst": hoofdpad,
                "proefperiode": hoofdpad[:6],
                "vakopleiding": hoofdpad[:5],
                "voorschakeltraject": hoofdpad[:4],
                "uitval": hoofdpad[:1] + [D.UITGEVALLEN],
                "aangemeld": [],
            }[pad]
            for naar in doelen:
                gegevens = {}
                if naar == D.PROEFPERIODE:
                    gegevens = {"werkgever": org["Werkgever"]}
                elif naar == D.IN_DIENST:
                    gegevens = {"contract_start": vandaag - timedelta(days=14),
                                "contract_duur_maanden": 12, "contract_uren_per_week": 36,
                                "cao": "Cao Glas", "contract_afwijking_reden": ""}  # fmt: skip
                elif naar == D.UITGEVALLEN:
                    gegevens = {"uitval_reden": UitvalReden.SCHULDEN, "uitval_toelichting": ""}
                if naar == D.PROEFPERIODE:
                    trajecten.registreer_resultaat(
                        deelname=d, door=regisseur, vakopleiding_afgerond_op=vandaag
                    )
                d = trajecten.verplaats_deelname(
                    deelname=d, naar=naar, door=regisseur, gegevens=gegevens,
                    reden="Schaalproef zonder verslagen",
                )  # fmt: skip
                if naar == D.VOORSCHAKELTRAJECT:
                    begeleiding.koppel_begeleider(
                        deelname=d, door=regisseur, rol="arbeidscoach",
                        persoon=leden[Rol.BEGELEIDER],
                    )  # fmt: skip
            if doelen:
                for j in range(2):
                    begeleiding.leg_contactmoment_vast(
                        deelname=d, door=leden[Rol.BEGELEIDER], kanaal="telefoon",
                        datum=vandaag - timedelta(days=10 * (j + 1)),
                        samenvatting="Gesprek over de voortgang",
                    )  # fmt: skip
        # The gemeente approves half the claims, the procesregisseur registers payment of half
        # of those: the ledger gets its claim bookings as in a running regio.
        from financiering.models import Vordering

        for i, v in enumerate(Vordering.objects.filter(traject=traject).order_by("pk")):
            if i % 2 == 0:
                v = financiering.beoordeel_vordering(
                    vordering=v, door=leden[Rol.KLANTMANAGER], akkoord=True
                )
                if i % 4 == 0:
                    financiering.registreer_betaling(
                        vordering=v, door=regisseur, betaald_op=vandaag
                    )
        from begeleiding import selectors as begeleiding_selectors

        for sessie in sessies:
            aanwezig = begeleiding_selectors.deelnemers_voor_presentie(
                user=regisseur, regio=regio, sessie=sessie
            )
            begeleiding.leg_presentie_vast(
                sessie=sessie,
                door=leden[Rol.OPLEIDER],
                aanwezigheid=dict.fromkeys(aanwezig, "aanwezig"),
            )
    return Prototype(regio=regio, regisseur=regisseur)


# ---- copies in bulk ------------------------------------------------------------------------


def lees(regio: Regio, modellen) -> dict:
    """The rows of a regio per model, to copy (possibly many times)."""
    with scopes_disabled():
        return {m: list(m._base_manager.filter(regio=regio).order_by("pk")) for m in modellen}


def kopieer(
    rijen: dict,
    *,
    regio_id: int,
    dagen_terug: int = 0,
    gebruikers: dict[int, int] | None = None,
    afgesloten: bool = False,
    achtervoegsel: str = "",
) -> dict:
    """Inserts a copy of `rijen` into regio `regio_id`, every foreign key between the copied
    rows pointing at the copies. Older rounds (`dagen_terug`) have every date shifted back and
    are closed, with nothing open. Returns {model: {old pk: new pk}}."""
    from begeleiding.models import Koppeling
    from trajecten.models import Mijlpaal, MijlpaalStatus, Traject, TrajectStatus

    nieuw: dict = {}
    verschuif = timedelta(days=dagen_terug)
    for model, lijst in rijen.items():
        velden = [f for f in model._meta.concrete_fields if not f.primary_key]
        kaart = nieuw.setdefault(model, {})
        # A row pointing at a row of its own table (a correction, an undo, the previous round)
        # waits until that row is copied.
        wachtend = list(lijst)
        while wachtend:
            klaar, later = [], []
            for rij in wachtend:
                zelf = [
                    f
                    for f in velden
                    if f.is_relation and f.related_model is model and getattr(rij, f.attname)
                ]
                if any(getattr(rij, f.attname) not in kaart for f in zelf):
                    later.append(rij)
                else:
                    klaar.append(rij)
            if not klaar:
                raise RuntimeError(f"{model._meta.label}: rows that point at each other")
            kopie = [
                _kopie(model, rij, velden, nieuw, regio_id, verschuif, gebruikers or {})
                for rij in klaar
            ]
            for k in kopie:
                if model is Traject:
                    k.naam = f"{k.naam}{achtervoegsel}"
                    if afgesloten:
                        k.status = TrajectStatus.AFGESLOTEN
                # What closing the round does (trajecten.services.verplaats_traject).
                if model is Mijlpaal and afgesloten and k.status == MijlpaalStatus.OPEN:
                    k.status = MijlpaalStatus.VERVALLEN
                if model is Koppeling and afgesloten and k.eind is None:
                    k.eind = max(k.start, timezone.localdate() - verschuif)
            gemaakt = model._base_manager.bulk_create(kopie, batch_size=2000)
            for oud, n in zip(klaar, gemaakt, strict=True):
                kaart[oud.pk] = n.pk
            wachtend = later
    return nieuw


def _kopie(model, rij, velden, nieuw, regio_id, verschuif, gebruikers):
    waarden = {}
    for f in velden:
        waarde = getattr(rij, f.attname)
        if f.is_relation and waarde is not None:
            doel = f.related_model
            if doel is Regio:
                waarde = regio_id
            elif doel in nieuw:
                waarde = nieuw[doel].get(waarde, waarde if doel is not model else None)
            elif doel is User:
                waarde = gebruikers.get(waarde, waarde)
        elif verschuif and waarde is not None and isinstance(f, models.DateField):
            waarde = waarde - verschuif  # DateTimeField is a DateField too
        waarden[f.attname] = waarde
    return model(**waarden)


def kloon_gebruikers(bron: Regio, slug: str) -> dict[int, int]:
    """A user per member of the prototype, for a copied regio (no password: log in by link)."""
    with scopes_disabled():
        ids = sorted(set(Lidmaatschap.objects.filter(regio=bron).values_list("user_id", flat=True)))
        oud = User.objects.in_bulk(ids)
    nieuw = User.objects.bulk_create(
        User(email=oud[i].email.replace(f"@{bron.slug}.", f"@{slug}."), naam=oud[i].naam,
             password="!")  # an unusable password
        for i in ids
    )  # fmt: skip
    return {i: n.pk for i, n in zip(ids, nieuw, strict=True)}


@dataclass
class Uitkomst:
    regios: list[Regio]
    historie_regio: Regio


def seed(*, regios: int, trajecten: int, deelnemers: int, historie: int, zaad: int) -> Uitkomst:
    """`regios` regio's of `trajecten` rounds of `deelnemers`; the first regio with `historie`
    times its rounds (the extra ones older and closed)."""
    rng = random.Random(zaad)  # noqa: S311 - made-up names, no secret
    slug = f"schaal-{zaad}"
    proto = bouw_prototype(slug=f"{slug}-1", deelnemers=deelnemers, rng=rng)
    modellen = _modellen()
    ronde_modellen = [m for m in modellen if m._meta.label not in VAN_DE_REGIO]
    with transaction.atomic():
        ronde = lees(proto.regio, ronde_modellen)
        for t in range(2, trajecten + 1):  # the prototype is round 1 of its regio
            kopieer(ronde, regio_id=proto.regio.pk, achtervoegsel=f" {t}")
        basis = lees(proto.regio, modellen)
        for h in range(1, historie):
            kopieer(
                basis_zonder_regio(basis),
                regio_id=proto.regio.pk,
                dagen_terug=h * RONDE_DAGEN,
                afgesloten=True,
                achtervoegsel=f" (eerder, {h})",
            )
    uit = [proto.regio]
    for r in range(2, regios + 1):
        with transaction.atomic():
            regio = Regio.objects.create(naam=f"Regio {slug}-{r}", slug=f"{slug}-{r}")
            regio.organisaties.set(proto.regio.organisaties.all())
            kopieer(
                basis,
                regio_id=regio.pk,
                gebruikers=kloon_gebruikers(proto.regio, regio.slug),
            )
            uit.append(regio)
    return Uitkomst(regios=uit, historie_regio=proto.regio)


def basis_zonder_regio(basis: dict) -> dict:
    return {m: r for m, r in basis.items() if m._meta.label not in VAN_DE_REGIO}
