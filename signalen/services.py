"""Every write of signalen: the scan that turns findings into signalen, what a recipient does with
one, and delivery by e-mail.

Exactly once, by construction:
- a signaal is unique per (rule, object, due date, recipient): a scan inserts with ON CONFLICT DO
  NOTHING, so running it twice, or twice at the same time, adds nothing;
- closing and reopening lock the rule's open signalen first, so two scans do not both close one;
- e-mail: the signalen of a recipient are taken into one Bezorging under the regio's lock (a
  second run waits, then finds them taken), and a Bezorging is sent only by the one task that
  moves it from "klaar" to "verzenden". A worker that dies after that leaves it "verzenden": the mail is
  sent at most once, and the record shows it.
"""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from organisaties.datums import GEPLAND, controleer
from organisaties.models import Regio, User

from .models import (
    Bezorging,
    BezorgStatus,
    Modus,
    Regelinstelling,
    Signaal,
    SignaalStap,
    SignaalStatus,
    StapSoort,
    Voorkeur,
)
from .regels import PER_CODE, REGELS, Bevinding, Regel, Scan

logger = logging.getLogger(__name__)
OPEN = [SignaalStatus.OPEN, SignaalStatus.GEZIEN]
# A PostgreSQL advisory lock per regio, for the length of a transaction: scans and delivery runs
# of one regio take turns, so that a second one finds nothing left to do, one person's e-mail
# stays in one piece, and their row locks never cross (no deadlock). The unique constraints
# stay the guarantee of exactly once.
_SIGNALEN = 7101


def _grendel(regio: Regio) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_SIGNALEN, regio.pk])


# ---- the scan ---------------------------------------------------------------------------


def drempels_van(regio: Regio) -> dict[str, int]:
    return dict(Regelinstelling.objects.filter(regio=regio).values_list("regel", "drempel"))


def scan_regio(*, regio: Regio, vandaag: date | None = None, regels=REGELS) -> dict[str, int]:
    """Runs the rules over one regio. Returns the number of findings per rule."""
    from .tasks import bezorg

    vandaag = vandaag or timezone.localdate()
    uitkomst = {}
    with scope(regio=regio.pk), transaction.atomic():
        _grendel(regio)
        scan = Scan(regio=regio, vandaag=vandaag, drempels=drempels_van(regio))
        for regel in regels:
            bevindingen = list(regel.zoek(scan))
            _leg_vast(regio, regel, bevindingen)
            uitkomst[regel.code] = len(bevindingen)
        transaction.on_commit(lambda: bezorg.delay(regio.pk, Modus.DIRECT))
    return uitkomst


def _leg_vast(regio: Regio, regel: Regel, bevindingen: list[Bevinding]) -> None:
    """New findings become signalen; signalen whose finding is gone close by themselves, and
    those that closed by themselves but whose finding is back, reopen. At most seven queries,
    whatever the number of findings (up to 5,000 new ones per rule and regio in one insert)."""
    gevonden: dict[tuple, Bevinding] = {
        (b.sleutel, b.vervaldatum, ontvanger): b for b in bevindingen for ontvanger in b.ontvangers
    }
    sleutels = {s for s, _d, _o in gevonden}
    bekend = set(
        Signaal.objects.filter(regio=regio, regel=regel.code, sleutel__in=sleutels).values_list(
            "sleutel", "vervaldatum", "ontvanger_id"
        )
    )
    nieuw = [sleutel for sleutel in gevonden if sleutel not in bekend]
    if nieuw:  # ON CONFLICT DO NOTHING: a scan running at the same time may have added them
        Signaal.objects.bulk_create(
            [
                Signaal(
                    regio=regio, regel=regel.code, sleutel=sleutel, vervaldatum=vervaldatum,
                    ontvanger_id=ontvanger, tekst=str(b.tekst)[:300], link=b.link,
                    traject_id=b.traject_id, deelname_id=b.deelname_id,
                )
                for sleutel, vervaldatum, ontvanger in nieuw
                for b in [gevonden[(sleutel, vervaldatum, ontvanger)]]
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )  # fmt: skip
    bestaand = (
        Signaal.objects.select_for_update(no_key=True)
        .filter(regio=regio, regel=regel.code)
        .filter(Q(status__in=OPEN) | Q(vanzelf_gesloten=True, sleutel__in=sleutels))
    )
    sluiten, heropenen = [], []
    for pk, sleutel, vervaldatum, ontvanger, status in bestaand.values_list(
        "pk", "sleutel", "vervaldatum", "ontvanger_id", "status"
    ):
        nog_nodig = (sleutel, vervaldatum, ontvanger) in gevonden
        if status in OPEN and not nog_nodig:
            sluiten.append(pk)
        elif status == SignaalStatus.GEDAAN and nog_nodig:
            heropenen.append(pk)
    nu = timezone.now()
    if sluiten:
        Signaal.objects.filter(pk__in=sluiten).update(
            status=SignaalStatus.GEDAAN, vanzelf_gesloten=True, afgehandeld_op=nu
        )
    if heropenen:
        Signaal.objects.filter(pk__in=heropenen).update(
            status=SignaalStatus.OPEN, vanzelf_gesloten=False, afgehandeld_op=None
        )
    _stappen(regio.pk, sluiten, StapSoort.VANZELF_GESLOTEN, op=nu)
    _stappen(regio.pk, heropenen, StapSoort.VANZELF_HEROPEND, op=nu)


def _stappen(regio_id, signaal_ids, soort, *, op=None, door=None, tot=None) -> None:
    if signaal_ids:
        SignaalStap.objects.bulk_create(
            SignaalStap(regio_id=regio_id, signaal_id=pk, soort=soort, op=op or timezone.now(),
                        door=door, tot=tot)
            for pk in signaal_ids
        )  # fmt: skip


def scan_alle_regios() -> list[int]:
    """The regio ids, for the daily scan (one task per regio)."""
    with scopes_disabled():
        return list(Regio.objects.order_by("pk").values_list("pk", flat=True))


# ---- what a recipient does ----------------------------------------------------------------


@transaction.atomic
def behandel(*, signaal: Signaal, door: User, actie: str, tot: date | None = None) -> Signaal:
    """gezien, gedaan, heropen or uitstellen (until a date); each a step in its history."""
    s = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if s.ontvanger_id != door.pk:
        raise ValidationError(_("Dit signaal is voor iemand anders."))
    if actie == "gezien":
        if s.status == SignaalStatus.OPEN:
            s.status = SignaalStatus.GEZIEN
            soort = StapSoort.GEZIEN
        else:
            return s
    elif actie == "gedaan":
        s.status, s.afgehandeld_op, s.vanzelf_gesloten = SignaalStatus.GEDAAN, timezone.now(), False
        soort = StapSoort.GEDAAN
    elif actie == "heropen":
        s.status, s.afgehandeld_op, s.uitgesteld_tot = SignaalStatus.OPEN, None, None
        soort = StapSoort.HEROPEND
    elif actie == "uitstellen":
        if tot is None or tot <= timezone.localdate():
            raise ValidationError({"tot": _("Kies een datum na vandaag.")})
        controleer(tot=(GEPLAND, tot))
        s.uitgesteld_tot = tot
        soort = StapSoort.UITGESTELD
    else:
        raise ValidationError(_("Onbekende actie."))
    s.save(update_fields=["status", "afgehandeld_op", "vanzelf_gesloten", "uitgesteld_tot"])
    _stappen(s.regio_id, [s.pk], soort, door=door, tot=tot if actie == "uitstellen" else None)
    return s


@transaction.atomic
def zet_drempels(*, regio: Regio, door: User, drempels: dict[str, int]) -> None:
    """A regio's own thresholds; a value equal to the rule's default removes the override."""
    for code, waarde in drempels.items():
        regel = PER_CODE[code]
        if waarde is None or waarde == regel.drempel:
            Regelinstelling.objects.filter(regio=regio, regel=code).delete()
        else:
            Regelinstelling.objects.update_or_create(
                regio=regio, regel=code, defaults={"drempel": waarde, "gewijzigd_door": door,
                                                    "gewijzigd_op": timezone.now()},
            )  # fmt: skip


@transaction.atomic
def zet_voorkeuren(*, user: User, voorkeuren: dict[str, str]) -> None:
    for code, modus in voorkeuren.items():
        if modus == PER_CODE[code].modus:
            Voorkeur.objects.filter(user=user, regel=code).delete()
        else:
            Voorkeur.objects.update_or_create(user=user, regel=code, defaults={"modus": modus})


# ---- delivery -------------------------------------------------------------------------------


def modus_van(voorkeuren: dict, user_id: int, code: str) -> str:
    regel = PER_CODE.get(code)
    return voorkeuren.get((user_id, code)) or (regel.modus if regel else Modus.DAGELIJKS)


def stel_bezorgingen_samen(*, regio: Regio, modus: str) -> list[int]:
    """Takes every open, not yet mailed signaal of the regio whose recipient wants its rule by
    `modus` into one Bezorging per recipient. Returns the Bezorging ids to send."""
    vandaag = timezone.localdate()
    with scope(regio=regio.pk), transaction.atomic():
        _grendel(regio)
        kandidaten = list(
            Signaal.objects.select_for_update(no_key=True)
            .filter(regio=regio, bezorging__isnull=True, status__in=OPEN)
            .exclude(uitgesteld_tot__gt=vandaag)
            .order_by("ontvanger_id", "vervaldatum", "pk")
            .values_list("pk", "ontvanger_id", "regel")
        )
        voorkeuren = {
            (v.user_id, v.regel): v.modus
            for v in Voorkeur.objects.filter(user_id__in={o for _p, o, _r in kandidaten})
        }
        per_ontvanger: dict[int, list[int]] = defaultdict(list)
        for pk, ontvanger, code in kandidaten:
            if modus_van(voorkeuren, ontvanger, code) == modus:
                per_ontvanger[ontvanger].append(pk)
        bezorgingen = []
        for ontvanger, signaal_ids in per_ontvanger.items():
            b = Bezorging.objects.create(regio=regio, ontvanger_id=ontvanger, modus=modus)
            Signaal.objects.filter(pk__in=signaal_ids).update(bezorging=b)
            bezorgingen.append(b.pk)
    return bezorgingen


def verstuur(*, bezorging_id: int) -> bool:
    """Sends one Bezorging, at most once. True when this call sent it."""
    with scopes_disabled():
        genomen = Bezorging.objects.filter(pk=bezorging_id, status=BezorgStatus.KLAAR).update(
            status=BezorgStatus.VERZENDEN
        )
        if not genomen:
            return False
        b = Bezorging.objects.select_related("ontvanger", "regio").get(pk=bezorging_id)
        signalen = list(b.signalen.select_related("traject").order_by("vervaldatum", "pk"))
    context = {
        "ontvanger": b.ontvanger,
        "regio": b.regio,
        "signalen": signalen,
        "basis": settings.BASE_URL,
        "dagoverzicht": b.modus == Modus.DAGELIJKS,
        "voorkeuren": settings.BASE_URL + f"/r/{b.regio.slug}/signalen/voorkeuren/",
    }
    onderwerp = (
        _("Schakel – dagoverzicht %(regio)s: %(n)d signalen")
        if b.modus == Modus.DAGELIJKS
        else _("Schakel – %(regio)s: %(n)d nieuwe signalen")
    ) % {"regio": b.regio.naam, "n": len(signalen)}
    bericht = EmailMultiAlternatives(
        subject=onderwerp,
        body=render_to_string("signalen/email/signalen.txt", context),
        to=[b.ontvanger.email],
    )
    bericht.attach_alternative(
        render_to_string("signalen/email/signalen.html", context), "text/html"
    )
    with scopes_disabled():
        try:
            bericht.send()
        except Exception as fout:  # noqa: BLE001 - any failure: not sent, try again next run
            logger.warning("Signalen naar %s niet verstuurd: %s", b.ontvanger_id, fout)
            Bezorging.objects.filter(pk=b.pk).update(
                status=BezorgStatus.MISLUKT, fout=str(fout)[:1000]
            )
            Signaal.objects.filter(bezorging=b).update(bezorging=None)
            return False
        Bezorging.objects.filter(pk=b.pk).update(
            status=BezorgStatus.VERSTUURD, verstuurd_op=timezone.now()
        )
        _stappen(b.regio_id, [s.pk for s in signalen], StapSoort.GEMAILD)
    return True
