"""Every write of the werving app: kandidaten and consent, intake and assessment, werkgever
intake through a link, vacatures and baangaranties."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from organisaties import services as organisatie_services
from organisaties.models import Organisatie, Rol, User
from trajecten import services as traject_services
from trajecten.models import Deelname, DeelnameStatus, PartnerRol, Traject

from . import versleuteling
from .models import (
    Assessment,
    AvgVerzoek,
    AvgVerzoekSoort,
    AvgVerzoekStatus,
    Baangarantie,
    Intake,
    IntakeStatus,
    Kandidaat,
    MogelijkDubbel,
    Ontvanger,
    Raadpleging,
    RaadplegingSoort,
    Toestemming,
    Vacature,
    WerkgeverIntake,
    WerkgeverUitnodiging,
)
from .validators import normaliseer_bsn, normaliseer_postcode

logger = logging.getLogger(__name__)

PROFIELVELDEN = [
    "woonplaats", "postcode", "taalniveau_nl", "taalniveau_en", "inburgering", "pip", "leerroute",
    "dagen_beschikbaar", "rijbewijs", "heftruckcertificaat", "opleiding_herkomst",
    "werkervaring_herkomst", "opleiding_nl", "werkervaring_nl", "uitkering", "vervoer_geregeld",
    "kinderopvang_nodig", "kinderopvang_geregeld", "digitaal_vaardig", "reiskosten_geregeld",
]  # fmt: skip


# ---- kandidaten and consent --------------------------------------------------------------


def _zet_bsn(kandidaat: Kandidaat, bsn: str) -> None:
    bsn = normaliseer_bsn(bsn)
    kandidaat.bsn_versleuteld = versleuteling.versleutel(bsn)
    kandidaat.bsn_vingerafdruk = versleuteling.vingerafdruk(bsn)


def _bewaar_met_bsn(kandidaat: Kandidaat) -> None:
    """Saves a new kandidaat, minding a BSN registered before in the regio.

    By the same gemeente: refused with a clear message (it is that gemeente's own data). By
    another gemeente: saved without the fingerprint and recorded as MogelijkDubbel for the
    procesregisseur; the gemeente is told nothing, since that would reveal that the person
    takes part (a BSN could be probed). The unique constraints decide a race; the caller runs
    this once more after losing one.
    """
    vingerafdruk = kandidaat.bsn_vingerafdruk
    if not vingerafdruk:
        kandidaat.save()
        return
    bestaande = Kandidaat.objects.filter(
        regio_id=kandidaat.regio_id, bsn_vingerafdruk=vingerafdruk
    ).first()
    eigen_dubbel = MogelijkDubbel.objects.filter(
        regio_id=kandidaat.regio_id, gemeente=kandidaat.gemeente, bsn_vingerafdruk=vingerafdruk
    ).exists()
    if eigen_dubbel or (bestaande and bestaande.gemeente_id == kandidaat.gemeente_id):
        raise ValidationError(
            {"bsn": _("Uw gemeente heeft een kandidaat met dit BSN al aangemeld.")},
            code="bsn_al_aangemeld",
        )
    if bestaande is None:
        kandidaat.save()
        return
    kandidaat.bsn_vingerafdruk = ""
    kandidaat.save()
    MogelijkDubbel.objects.create(
        regio_id=kandidaat.regio_id,
        kandidaat=kandidaat,
        bestaande=bestaande,
        gemeente=kandidaat.gemeente,
        bsn_vingerafdruk=vingerafdruk,
    )


@transaction.atomic
def handel_dubbel_af(*, dubbel: MogelijkDubbel, door: User, toelichting: str) -> MogelijkDubbel:
    """The procesregisseur records how a possible duplicate was resolved (after talking to
    both gemeenten; a deelname that should not exist is ended on the fasebord)."""
    dubbel = MogelijkDubbel.objects.select_for_update().get(pk=dubbel.pk)
    if dubbel.afgehandeld_op is not None:
        raise ValidationError(_("Deze melding is al afgehandeld."))
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf op hoe het is opgelost.")})
    dubbel.afgehandeld_op = timezone.now()
    dubbel.afgehandeld_door = door
    dubbel.toelichting = toelichting.strip()
    dubbel.save(update_fields=["afgehandeld_op", "afgehandeld_door", "toelichting"])
    return dubbel


@transaction.atomic
def registreer_kandidaat(
    *,
    regio,
    door: User,
    gemeente: Organisatie,
    voornaam: str,
    achternaam: str,
    toestemmingen: set[str],
    bsn: str = "",
    klantmanager: User | None = None,
    **profiel,
) -> Kandidaat:
    """Records a kandidaat of a gemeente with the consent given; sharing with the
    procesregisseur is required to take part."""
    if Ontvanger.PROCESREGISSEUR not in toestemmingen:
        raise ValidationError(
            {
                "toestemmingen": _(
                    "Zonder toestemming om te delen met de procesregisseur kan de kandidaat niet meedoen."
                )
            }
        )
    if gemeente.soort != Organisatie.Soort.GEMEENTE:
        raise ValidationError({"gemeente": _("Kies een gemeente.")})
    onbekend = set(profiel) - set(PROFIELVELDEN)
    if onbekend:
        raise ValueError(f"Unknown profile fields: {sorted(onbekend)}")
    if "postcode" in profiel:
        profiel["postcode"] = normaliseer_postcode(profiel["postcode"])
    kandidaat = Kandidaat(
        regio=regio,
        gemeente=gemeente,
        voornaam=voornaam.strip(),
        achternaam=achternaam.strip(),
        klantmanager=klantmanager,
        aangemeld_door=door,
        **profiel,
    )
    _zet_bsn(kandidaat, bsn)
    vingerafdruk = kandidaat.bsn_vingerafdruk
    try:
        with transaction.atomic():  # a savepoint: a lost race is decided again below
            _bewaar_met_bsn(kandidaat)
    except IntegrityError:
        kandidaat.pk, kandidaat._state.adding = None, True
        kandidaat.bsn_vingerafdruk = vingerafdruk
        _bewaar_met_bsn(kandidaat)
    Toestemming.objects.bulk_create(
        Toestemming(regio=regio, kandidaat=kandidaat, ontvanger=o, vastgelegd_door=door)
        for o in sorted(toestemmingen)
    )
    return kandidaat


@transaction.atomic
def meld_aan(*, traject: Traject, door: User, **kandidaat) -> Deelname:
    """A new kandidaat, straight into a traject (klantmanager portal, procesregisseur)."""
    gemeente = kandidaat["gemeente"]
    if not traject.partners.filter(rol=PartnerRol.GEMEENTE, organisatie=gemeente).exists():
        raise ValidationError({"gemeente": _("Deze gemeente doet niet mee in dit traject.")})
    k = registreer_kandidaat(regio=traject.regio, door=door, **kandidaat)
    return traject_services.plaats_in_traject(traject=traject, kandidaat=k, door=door)


@transaction.atomic
def geef_toestemming(*, kandidaat: Kandidaat, ontvanger: str, door: User) -> Toestemming:
    actief = kandidaat.toestemmingen.filter(
        ontvanger=ontvanger, ingetrokken_op__isnull=True
    ).first()
    return actief or Toestemming.objects.create(
        regio_id=kandidaat.regio_id, kandidaat=kandidaat, ontvanger=ontvanger, vastgelegd_door=door
    )


@transaction.atomic
def trek_toestemming_in(*, kandidaat: Kandidaat, ontvanger: str, door: User) -> None:
    kandidaat.toestemmingen.filter(ontvanger=ontvanger, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.localdate(), ingetrokken_door=door
    )


# ---- intake and assessment ---------------------------------------------------------------


@transaction.atomic
def leg_intake_vast(*, deelname: Deelname, door: User, **velden) -> Intake:
    intake, _nieuw = Intake.objects.update_or_create(
        deelname=deelname, defaults={"regio_id": deelname.regio_id, "gevoerd_door": door, **velden}
    )
    if deelname.status == DeelnameStatus.AANGEMELD:
        traject_services.verplaats_deelname(
            deelname=deelname, naar=DeelnameStatus.INTAKE, door=door
        )
    return intake


@transaction.atomic
def leg_assessment_vast(*, deelname: Deelname, door: User, **velden) -> Assessment:
    if not deelname.traject.met_assessment:
        raise ValidationError(
            _("Deze ronde heeft geen assessment: de selectie volgt direct op de intake.")
        )
    if deelname.status == DeelnameStatus.INTAKE:
        traject_services.verplaats_deelname(
            deelname=deelname, naar=DeelnameStatus.ASSESSMENT, door=door
        )
        deelname.refresh_from_db()
    if deelname.status != DeelnameStatus.ASSESSMENT:
        raise ValidationError(_("Een assessment wordt vastgelegd na de intake, vóór de selectie."))
    assessment, _nieuw = Assessment.objects.update_or_create(
        deelname=deelname,
        defaults={"regio_id": deelname.regio_id, "vastgelegd_door": door, **velden},
    )
    return assessment


# ---- werkgevers: the intake link ---------------------------------------------------------

_LINK_SALT = "schakel.werkgever-intake"


class LinkOngeldig(Exception):
    def __init__(self, reden: str):
        super().__init__(reden)
        self.reden = reden


@transaction.atomic
def nodig_werkgever_uit(
    *, regio, door: User, bedrijfsnaam: str, email: str, traject: Traject | None = None
) -> WerkgeverUitnodiging:
    uitnodiging = WerkgeverUitnodiging.objects.create(
        regio=regio,
        traject=traject,
        bedrijfsnaam=bedrijfsnaam.strip(),
        email=email.strip().lower(),
        uitgenodigd_door=door,
    )
    WerkgeverIntake.objects.create(regio=regio, uitnodiging=uitnodiging)
    from .tasks import verstuur_werkgever_uitnodiging

    transaction.on_commit(lambda: verstuur_werkgever_uitnodiging.delay(uitnodiging.pk))
    return uitnodiging


def stuur_werkgever_link_opnieuw(*, uitnodiging: WerkgeverUitnodiging, door: User) -> None:
    """Sends the werkgever a fresh link again (lost e-mail, expired link), while the form is
    still being filled in."""
    if uitnodiging.intake.status != IntakeStatus.CONCEPT:
        raise ValidationError(_("De werkgever heeft het formulier al verstuurd."))
    from .tasks import verstuur_werkgever_uitnodiging

    transaction.on_commit(lambda: verstuur_werkgever_uitnodiging.delay(uitnodiging.pk, True))


def werkgever_token(uitnodiging: WerkgeverUitnodiging) -> str:
    return signing.dumps(uitnodiging.pk, salt=_LINK_SALT)


def werkgever_link(uitnodiging: WerkgeverUitnodiging) -> str:
    return settings.BASE_URL + reverse("werkgever_intake", args=[werkgever_token(uitnodiging)])


def lees_werkgever_link(token: str) -> WerkgeverIntake:
    """Checks signature and expiry; raises LinkOngeldig with a Dutch reason."""
    from . import selectors

    try:
        pk = signing.loads(
            token, salt=_LINK_SALT, max_age=timedelta(days=settings.WERKGEVER_LINK_GELDIG_DAGEN)
        )
    except signing.SignatureExpired:
        raise LinkOngeldig(
            _("Deze link is verlopen. Vraag de procesregisseur om een nieuwe link.")
        ) from None
    except signing.BadSignature:
        raise LinkOngeldig(
            _("Deze link is niet geldig. Gebruik de hele link uit de e-mail.")
        ) from None
    intake = selectors.werkgever_intake_op_uitnodiging(pk)
    if intake is None:
        raise LinkOngeldig(_("Deze link is niet meer in gebruik."))
    return intake


def bewaar_stap(
    *, intake: WerkgeverIntake, stap: str, ruwe_gegevens: dict, volgende: int | None
) -> WerkgeverIntake:
    """Saves what was typed in a step (valid or not); moves on when `volgende` is given."""
    with scope(regio=intake.regio_id), transaction.atomic():
        intake = WerkgeverIntake.objects.select_for_update().get(pk=intake.pk)
        if intake.status != IntakeStatus.CONCEPT:
            raise LinkOngeldig(_("Dit formulier is al ingediend. Bedankt!"))
        intake.concept = {**intake.concept, stap: ruwe_gegevens}
        if volgende is not None:
            intake.stap = volgende
        intake.save(update_fields=["concept", "stap"])
    return intake


def dien_in(*, intake: WerkgeverIntake) -> WerkgeverIntake:
    with scope(regio=intake.regio_id), transaction.atomic():
        intake = WerkgeverIntake.objects.select_for_update().get(pk=intake.pk)
        if intake.status == IntakeStatus.CONCEPT:
            intake.status = IntakeStatus.INGEDIEND
            intake.ingediend_op = timezone.now()
            intake.save(update_fields=["status", "ingediend_op"])
    return intake


def _werkgever_van_intake(*, regio, bedrijf: dict, koppel_aan_bestaande: bool) -> Organisatie:
    """Anyone with the link can type any KvK number, so a known number needs the
    procesregisseur's explicit choice: link to that organisation when it takes part in this
    regio, otherwise only refuse (a beheerder adds a known organisation to a regio, after
    checking)."""
    bestaande = organisatie_services.organisatie_met_kvk(bedrijf.get("kvk_nummer", ""))
    if bestaande is None:
        return organisatie_services.voeg_organisatie_toe(
            regio=regio,
            naam=bedrijf["bedrijfsnaam"],
            soort=Organisatie.Soort.WERKGEVER,
            kvk_nummer=bedrijf["kvk_nummer"],
        )
    namen = {"naam": bestaande.naam, "kvk": bestaande.kvk_nummer}
    if (
        not regio.organisaties.filter(pk=bestaande.pk).exists()
        or bestaande.soort != Organisatie.Soort.WERKGEVER
    ):
        raise ValidationError(
            {
                "besluit": _(
                    "KvK-nummer %(kvk)s hoort bij %(naam)s, dat niet als werkgever in deze regio "
                    "meedoet. Controleer het nummer met de werkgever. Klopt het, laat dan een "
                    "beheerder de organisatie aan de regio toevoegen; tot dan kunt u deze "
                    "intake alleen afwijzen."
                )
                % namen
            },
            code="kvk_buiten_regio",
        )
    if not koppel_aan_bestaande:
        raise ValidationError(
            {
                "koppel_aan_bestaande": _(
                    "KvK-nummer %(kvk)s hoort bij %(naam)s. Vink aan dat deze intake bij "
                    "%(naam)s hoort, of wijs haar af."
                )
                % namen
            },
            code="kvk_bekend",
        )
    return bestaande


@transaction.atomic
def beoordeel_werkgever(
    *,
    intake: WerkgeverIntake,
    door: User,
    akkoord: bool,
    gesprek_datum: date | None,
    gesprek_verslag: str,
    reden_afwijzing: str = "",
    bedrijf: dict,
    vacatures: list[dict],
    koppel_aan_bestaande: bool = False,
) -> WerkgeverIntake:
    """Records the intake conversation and the decision. Akkoord: the werkgever becomes an
    organisation of the regio, partner of the traject, with its vacatures. A KvK number that
    is already known is never joined silently (`_werkgever_van_intake`)."""
    intake = (
        WerkgeverIntake.objects.select_for_update(of=("self",))
        .select_related("uitnodiging__traject")
        .get(pk=intake.pk)
    )
    if intake.status != IntakeStatus.INGEDIEND:
        raise ValidationError(_("Deze intake is nog niet ingediend of al beoordeeld."))
    if not akkoord and not reden_afwijzing.strip():
        raise ValidationError(
            {"reden_afwijzing": _("Geef de reden waarom de werkgever niet meedoet.")}
        )
    intake.gesprek_datum, intake.gesprek_verslag = gesprek_datum, gesprek_verslag.strip()
    intake.beoordeeld_door, intake.beoordeeld_op = door, timezone.now()
    intake.status = IntakeStatus.AKKOORD if akkoord else IntakeStatus.AFGEWEZEN
    intake.reden_afwijzing = reden_afwijzing.strip()
    if akkoord:
        regio, traject = intake.uitnodiging.regio, intake.uitnodiging.traject
        organisatie = _werkgever_van_intake(
            regio=regio, bedrijf=bedrijf, koppel_aan_bestaande=koppel_aan_bestaande
        )
        intake.organisatie = organisatie
        for v in vacatures:
            Vacature.objects.create(
                regio=regio, werkgever=organisatie, traject=traject, intake=intake, **v
            )
        if traject is not None:
            traject_services.voeg_partner_toe(
                traject=traject, organisatie=organisatie, rol=PartnerRol.WERKGEVER, door=door
            )
    intake.save()
    return intake


@transaction.atomic
def leg_baangarantie_vast(
    *, traject: Traject, werkgever: Organisatie, aantal_plaatsen: int, door: User
) -> Baangarantie:
    """Records (or updates) the baangarantie. Its inspanningsovereenkomst is drawn up and
    signed in documenten; signing sets the date here (markeer_inspanningsovereenkomst_getekend)
    and invites the werkgever's signer to log in."""
    if aantal_plaatsen < 1:
        raise ValidationError({"aantal_plaatsen": _("Een baangarantie is voor minstens één plek.")})
    if not traject.partners.filter(rol=PartnerRol.WERKGEVER, organisatie=werkgever).exists():
        traject_services.voeg_partner_toe(
            traject=traject, organisatie=werkgever, rol=PartnerRol.WERKGEVER, door=door
        )
    garantie, _nieuw = Baangarantie.objects.update_or_create(
        traject=traject,
        werkgever=werkgever,
        defaults={
            "regio_id": traject.regio_id,
            "aantal_plaatsen": aantal_plaatsen,
            "vastgelegd_door": door,
        },
    )
    return garantie


def markeer_inspanningsovereenkomst_getekend(*, baangarantie: Baangarantie, op: date) -> None:
    """Set by documenten when every party has signed; never typed."""
    Baangarantie.objects.filter(pk=baangarantie.pk).update(inspanningsovereenkomst_getekend_op=op)


# ---- AVG: retention (docs/avg.md) ----------------------------------------------------------


@transaction.atomic
def anonimiseer_kandidaten(*, regio, vandaag: date | None = None, proef: bool = False) -> list[int]:
    """Anonymises the kandidaten of `regio` whose retention period ran out; with `proef` only
    reports which (the dry run). Idempotent."""
    from .selectors import te_anonimiseren

    vandaag = vandaag or timezone.localdate()
    with scope(regio=regio.pk):
        ids = list(te_anonimiseren(regio=regio, vandaag=vandaag).values_list("pk", flat=True))
        if proef or not ids:
            return ids
        _anonimiseer(ids, waarom=_("(verwijderd na de bewaartermijn)"))
    return ids


def _anonimiseer(ids: list[int], *, waarom: str) -> None:
    """Names, BSN, contact and profile texts, intake, coaching texts and confidential notes go;
    the deelnames, their history of steps, claims and the ledger stay — every count, KPI and
    balance is unchanged. The one anonymisation, for the retention period and for a granted
    erasure request (inside the kandidaten's regio scope)."""
    from begeleiding.models import Contactmoment, VertrouwelijkeNotitie

    leeg = dict.fromkeys(
        [
            "woonplaats",
            "postcode",
            "opleiding_herkomst",
            "werkervaring_herkomst",
            "opleiding_nl",
            "werkervaring_nl",
            "bsn_versleuteld",
            "bsn_vingerafdruk",
        ],
        "",
    )
    for pk in ids:
        Kandidaat.objects.filter(pk=pk).update(
            voornaam=_("Geanonimiseerd"),
            achternaam=f"#{pk}",
            geanonimiseerd_op=timezone.now(),
            klantmanager=None,
            **leeg,
        )
    Intake.objects.filter(deelname__kandidaat__in=ids).update(
        **{
            f.name: ""
            for f in Intake._meta.get_fields()
            if getattr(f, "get_internal_type", lambda: "")() == "TextField"
        }
    )
    Contactmoment.objects.filter(deelname__kandidaat__in=ids).update(
        samenvatting="", deelnemers="", vervolgactie=""
    )
    VertrouwelijkeNotitie.objects.filter(deelname__kandidaat__in=ids).update(tekst=waarom)
    from portaal.services import vergeet_kandidaten  # the kandidaat's own page builds on werving

    vergeet_kandidaten(ids)


# ---- The access log (issue 17): who looked at or exported which kandidaat, and why ----------

# The purpose of a look follows from the role it was made in (AVG art. 5: purpose limitation).
DOELEN = {
    Rol.PROCESREGISSEUR: _("regie op de trajecten"),
    Rol.KLANTMANAGER: _("begeleiding door de eigen gemeente"),
    Rol.BEGELEIDER: _("coaching en begeleiding"),
    Rol.OPLEIDER: _("opleiding"),
    Rol.WERKGEVER: _("plaatsing bij de werkgever"),
    Rol.FINANCIER: _("financiering"),
    Rol.BEHEERDER: _("beheer"),
}
# How long the log itself is kept (docs/avg.md): long enough to answer, for the whole route and
# retention period of a kandidaat, who saw their data.
RAADPLEGINGEN_BEWAARTERMIJN_MAANDEN = 60


def leg_raadplegingen_vast(
    *, request, kandidaten, soort: str, onderdeel: str, reden: str = ""
) -> None:
    """The one call that every page, export and API route showing a kandidaat's personal data
    makes. `kandidaten` are ids or Kandidaat objects (an export: all of its rows). The route is
    the URL name; the purpose follows from the user's roles that opened it."""
    ids = sorted({getattr(k, "pk", k) for k in kandidaten})
    if not ids:
        return
    match = request.resolver_match
    toegestaan = getattr(getattr(match.func, "toegang", None), "rollen", frozenset())
    rollen = sorted(set(getattr(request, "rollen", ())) & set(toegestaan)) or sorted(
        getattr(request, "rollen", ())
    )
    doel = "; ".join(str(DOELEN[r]) for r in rollen)
    Raadpleging.objects.bulk_create(
        Raadpleging(
            regio=request.regio,
            kandidaat_id=pk,
            door=request.user,
            soort=RaadplegingSoort(soort),
            onderdeel=onderdeel[:100],
            route=(match.url_name or match.route)[:100],
            doel=doel[:200],
            reden=reden[:300],
        )
        for pk in ids
    )


def schoon_raadplegingen_op(*, vandaag: date | None = None) -> int:
    """Removes log rows older than the retention period, across regio's (the nightly task). The
    database trigger lets a DELETE through only inside this transaction."""
    from django.db import connection

    vandaag = vandaag or timezone.localdate()
    jaar, maand = divmod(vandaag.month - 1 - RAADPLEGINGEN_BEWAARTERMIJN_MAANDEN, 12)
    grens = vandaag.replace(year=vandaag.year + jaar, month=maand + 1, day=1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL app.raadplegingen_opschonen = 'ja'")
        cursor.execute("DELETE FROM werving_raadpleging WHERE tijdstip < %s", [grens])
        return cursor.rowcount


# ---- Correction and erasure requests (AVG art. 16 and 17) ----------------------------------


@transaction.atomic
def leg_avg_verzoek_vast(
    *, kandidaat: Kandidaat, door: User, soort: str, ontvangen_op: date, toelichting: str
) -> AvgVerzoek:
    """Records a kandidaat's request (through their klantmanager, or by the procesregisseur);
    the procesregisseur then decides."""
    verzoek = AvgVerzoek.objects.create(
        regio_id=kandidaat.regio_id,
        kandidaat=kandidaat,
        soort=AvgVerzoekSoort(soort),
        ontvangen_op=ontvangen_op,
        toelichting=toelichting,
        vastgelegd_door=door,
    )
    logger.info("avg-verzoek %s (%s) vastgelegd voor kandidaat %s", verzoek.pk, soort, kandidaat.pk)
    return verzoek


@transaction.atomic
def beslis_avg_verzoek(
    *, verzoek: AvgVerzoek, door: User, toewijzen: bool, reden: str
) -> AvgVerzoek:
    """The procesregisseur's decision, once. A refusal needs a reason (the kandidaat must hear
    why, art. 12(4)). A granted erasure anonymises the kandidaat at once, with the same
    anonymisation as the retention period; a granted correction is made by the procesregisseur
    on the kandidaat's pages, the request records what and why."""
    verzoek = AvgVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != AvgVerzoekStatus.OPEN:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    reden = reden.strip()
    if not toewijzen and not reden:
        raise ValidationError(
            {"reden": _("Geef de reden van de afwijzing; de kandidaat krijgt die te horen.")}
        )
    verzoek.status = AvgVerzoekStatus.TOEGEWEZEN if toewijzen else AvgVerzoekStatus.AFGEWEZEN
    verzoek.besluit_reden = reden
    verzoek.besloten_door = door
    verzoek.besloten_op = timezone.now()
    verzoek.save(update_fields=["status", "besluit_reden", "besloten_door", "besloten_op"])
    if toewijzen and verzoek.soort == AvgVerzoekSoort.WISSEN:
        _anonimiseer([verzoek.kandidaat_id], waarom=_("(verwijderd op verzoek van de kandidaat)"))
    logger.info("avg-verzoek %s %s door %s", verzoek.pk, verzoek.status, door.pk)
    return verzoek
