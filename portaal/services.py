"""What changes on the kandidaat's own page: opening it, links in, the PIN, appointments, tasks,
the kandidaat's own profile, requests to stop sharing, and the professionals' contact cards."""

import io
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from organisaties.models import User
from werving import services as werving_services
from werving.models import Kandidaat

from .models import (
    Afspraak,
    Contactkaart,
    Inloglink,
    Intrekverzoek,
    Kanaal,
    Portaal,
    Taak,
    ZelfprofielStap,
)

_LINK_SALT = "schakel.portaal.inloglink"
PIN_POGINGEN = 5
LINKS_PER_UUR = 3  # links a kandidaat may ask for themselves, per hour


# ---- opening and closing ------------------------------------------------------------------


@transaction.atomic
def open_portaal(*, kandidaat: Kandidaat, door: User, email: str, contactpersoon: User) -> Portaal:
    """The kandidaat agreed to have their own page (recorded today, by `door`). Opening it again
    after it was closed keeps what the kandidaat wrote before."""
    portaal, nieuw = Portaal.objects.select_for_update().get_or_create(
        kandidaat=kandidaat,
        defaults={
            "regio_id": kandidaat.regio_id,
            "email": email,
            "contactpersoon": contactpersoon,
            "toestemming_op": timezone.localdate(),
            "geopend_door": door,
        },
    )
    if not nieuw:
        portaal.email = email
        portaal.contactpersoon = contactpersoon
        if portaal.gesloten_op:
            portaal.gesloten_op = portaal.gesloten_door = None
            portaal.toestemming_op = timezone.localdate()
            portaal.geopend_door = door
        portaal.save()
    return portaal


@transaction.atomic
def sluit_portaal(*, portaal: Portaal, door: User) -> None:
    """No way in any more; a session that runs ends at its next click (sessie.huidig)."""
    nu = timezone.now()
    portaal.gesloten_op, portaal.gesloten_door = nu, door
    portaal.save(update_fields=["gesloten_op", "gesloten_door"])
    _trek_links_in(portaal, nu)


# ---- links in -------------------------------------------------------------------------------


class LinkOngeldig(Exception):
    def __init__(self, reden: str):
        super().__init__(reden)
        self.reden = reden


class PinFout(Exception):
    def __init__(self, pogingen_over: int):
        super().__init__(pogingen_over)
        self.pogingen_over = pogingen_over


def _trek_links_in(portaal: Portaal, nu) -> None:
    Inloglink.objects.filter(
        portaal=portaal, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
    ).update(ingetrokken_op=nu)


@transaction.atomic
def maak_link(*, portaal: Portaal, kanaal: str, door: User | None) -> Inloglink:
    """A new link replaces every unused one: only the newest letter or e-mail works."""
    if not portaal.open:
        raise ValueError("Een gesloten pagina krijgt geen link.")
    nu = timezone.now()
    _trek_links_in(portaal, nu)
    return Inloglink.objects.create(
        regio_id=portaal.regio_id,
        portaal=portaal,
        kanaal=kanaal,
        aangemaakt_door=door,
        aangemaakt_op=nu,
        geldig_tot=nu + timedelta(hours=settings.PORTAAL_LINK_UREN),
    )


def stuur_link(*, portaal: Portaal, door: User | None) -> Inloglink:
    from . import tasks

    if not portaal.email:
        raise ValueError("Zonder e-mailadres kan er geen link per e-mail.")
    link = maak_link(portaal=portaal, kanaal=Kanaal.EMAIL, door=door)
    transaction.on_commit(lambda: tasks.verstuur_inloglink.delay(link.pk))
    return link


def link_token(link: Inloglink) -> str:
    return signing.dumps(link.pk, salt=_LINK_SALT)


def link_url(link: Inloglink) -> str:
    return settings.BASE_URL + reverse("portaal_link", args=[link_token(link)])


def _link_id(token: str) -> int:
    try:
        return int(signing.loads(token, salt=_LINK_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        raise LinkOngeldig(_("Deze link is niet goed. Kijk of je de hele link hebt.")) from None


def _controleer(link: Inloglink | None) -> None:
    if link is None or link.ingetrokken_op or not link.portaal.open:
        raise LinkOngeldig(
            _("Deze link werkt niet meer. Er is een nieuwere link, of je pagina is gesloten.")
        )
    if link.gebruikt_op:
        raise LinkOngeldig(_("Deze link is al gebruikt. Een link werkt maar één keer."))
    if link.geldig_tot <= timezone.now():
        raise LinkOngeldig(_("Deze link is te oud. Vraag een nieuwe link."))


def lees_link(token: str) -> Inloglink:
    """The link behind a token, if it still works (LinkOngeldig with the reason otherwise)."""
    with scopes_disabled():
        link = Inloglink.objects.select_related("portaal").filter(pk=_link_id(token)).first()
    _controleer(link)
    return link


def gebruik_link(*, token: str, pin: str = "") -> Portaal:
    """Uses the link, once. With a PIN on the page the PIN must match; after PIN_POGINGEN wrong
    tries the link stops working (a lost letter is then useless to its finder)."""
    pk = _link_id(token)
    with scopes_disabled(), transaction.atomic():
        link = Inloglink.objects.select_for_update().select_related("portaal").filter(pk=pk).first()
        _controleer(link)
        portaal = link.portaal
        nu = timezone.now()
        if portaal.heeft_pin and not check_password(pin, portaal.pin_hash):
            portaal.pin_fouten += 1
            over = PIN_POGINGEN - portaal.pin_fouten
            if over <= 0:
                link.ingetrokken_op = nu
                link.save(update_fields=["ingetrokken_op"])
                portaal.pin_fouten = 0
            portaal.save(update_fields=["pin_fouten"])
            fout = PinFout(max(over, 0))
        else:
            link.gebruikt_op = nu
            link.save(update_fields=["gebruikt_op"])
            portaal.pin_fouten = 0
            portaal.save(update_fields=["pin_fouten"])
            return portaal
    raise fout  # after the block: the count of wrong tries is saved


def vraag_nieuwe_link(email: str) -> None:
    """The kandidaat asks for a link by e-mail. Whether the address is known is never told;
    at most LINKS_PER_UUR an hour per page."""
    sinds = timezone.now() - timedelta(hours=1)
    with scopes_disabled():
        portalen = list(
            Portaal.objects.filter(email__iexact=email.strip(), gesloten_op__isnull=True)
        )
        for portaal in portalen:
            if (
                Inloglink.objects.filter(portaal=portaal, aangemaakt_op__gte=sinds).count()
                < LINKS_PER_UUR
            ):
                stuur_link(portaal=portaal, door=None)


# ---- PIN ------------------------------------------------------------------------------------


def pin_zwak(pin: str) -> bool:
    """0000, 1234, 9876 and the like: guessed first."""
    cijfers = [int(c) for c in pin]
    stappen = {b - a for a, b in zip(cijfers, cijfers[1:], strict=False)}
    return len(stappen) == 1 and stappen <= {-1, 0, 1}


def zet_pin(*, portaal: Portaal, pin: str) -> None:
    portaal.pin_hash = make_password(pin) if pin else ""
    portaal.pin_fouten = 0
    portaal.save(update_fields=["pin_hash", "pin_fouten"])


# ---- appointments and tasks -----------------------------------------------------------------


def plan_afspraak(*, kandidaat: Kandidaat, door: User, **velden) -> Afspraak:
    return Afspraak.objects.create(
        regio_id=kandidaat.regio_id, kandidaat=kandidaat, aangemaakt_door=door, **velden
    )


def annuleer_afspraak(*, afspraak: Afspraak) -> None:
    afspraak.geannuleerd_op = timezone.now()
    afspraak.save(update_fields=["geannuleerd_op"])


def voeg_taak_toe(*, kandidaat: Kandidaat, door: User, **velden) -> Taak:
    return Taak.objects.create(
        regio_id=kandidaat.regio_id, kandidaat=kandidaat, aangemaakt_door=door, **velden
    )


def zet_taak_gedaan(*, taak: Taak, gedaan: bool) -> None:
    taak.gedaan_op = timezone.now() if gedaan else None
    taak.save(update_fields=["gedaan_op"])


# ---- the kandidaat's own profile ------------------------------------------------------------


def bewaar_stap(*, kandidaat: Kandidaat, stap: str, antwoorden: dict) -> ZelfprofielStap:
    rij, _nieuw = ZelfprofielStap.objects.update_or_create(
        kandidaat=kandidaat,
        stap=stap,
        defaults={
            "regio_id": kandidaat.regio_id,
            "antwoorden": antwoorden,
            "opgeslagen_op": timezone.now(),
            "bevestigd_op": None,
            "bevestigd_door": None,
        },
    )
    return rij


def bevestig_zelfprofiel(*, kandidaat: Kandidaat, door: User) -> int:
    """The klantmanager or procesregisseur saw what the kandidaat wrote (and talked it through)."""
    return ZelfprofielStap.objects.filter(kandidaat=kandidaat, bevestigd_op__isnull=True).update(
        bevestigd_op=timezone.now(), bevestigd_door=door
    )


# ---- stopping to share ----------------------------------------------------------------------


def vraag_intrekking(*, kandidaat: Kandidaat, ontvanger: str) -> Intrekverzoek:
    """Asked twice is asked once."""
    with transaction.atomic():
        verzoek, _nieuw = Intrekverzoek.objects.get_or_create(
            kandidaat=kandidaat,
            ontvanger=ontvanger,
            afgehandeld_op__isnull=True,
            defaults={"regio_id": kandidaat.regio_id},
        )
    return verzoek


@transaction.atomic
def handel_intrekking_af(
    *, verzoek: Intrekverzoek, door: User, uitkomst: str, toelichting: str = ""
) -> None:
    verzoek.afgehandeld_op, verzoek.afgehandeld_door = timezone.now(), door
    verzoek.uitkomst, verzoek.toelichting = uitkomst, toelichting
    verzoek.save()
    if uitkomst == Intrekverzoek.Uitkomst.INGETROKKEN:
        werving_services.trek_toestemming_in(
            kandidaat=verzoek.kandidaat, ontvanger=verzoek.ontvanger, door=door
        )


# ---- contact cards --------------------------------------------------------------------------

FOTO_PIXELS = 320


def maak_pasfoto(bestand) -> bytes:
    """A small JPEG of an uploaded picture: turned upright, cut square, without the upload's
    metadata (place, camera). Raises ValueError for what is not a picture."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(bestand) as beeld:
            beeld.load()
            beeld = ImageOps.exif_transpose(beeld).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as fout:
        raise ValueError(str(fout)) from None
    beeld = ImageOps.fit(beeld, (FOTO_PIXELS, FOTO_PIXELS))
    uit = io.BytesIO()
    beeld.save(uit, format="JPEG", quality=82)
    return uit.getvalue()


def bewaar_contactkaart(
    *, user: User, telefoon: str, bereikbaar: str, foto: bytes | None, foto_weg: bool
) -> Contactkaart:
    kaart, _nieuw = Contactkaart.objects.get_or_create(user=user)
    kaart.telefoon, kaart.bereikbaar = telefoon, bereikbaar
    if foto is not None:
        kaart.foto = foto
    elif foto_weg:
        kaart.foto = None
    kaart.save()
    return kaart


# ---- retention --------------------------------------------------------------------------------


def vergeet_kandidaten(kandidaat_ids: list[int]) -> None:
    """After the retention period (werving.services.anonimiseer_kandidaten): the kandidaat's own
    page, their own words, appointments, tasks and requests go entirely; the consent history
    itself stays with werving."""
    for model in (ZelfprofielStap, Afspraak, Taak, Intrekverzoek, Portaal):
        model.objects.filter(kandidaat__in=kandidaat_ids).delete()
