"""Two-step login: a TOTP code from an authenticator app after the password (ADR 0015).

Required for anyone with a role that reads or moves much (procesregisseur, beheerder, financier)
in any regio, optional for everyone else (their account page). The devices are django-otp's: one
confirmed `TOTPDevice` per user and one `StaticDevice` holding the ten recovery codes.

The state of a session is one key, `SESSIE`: absent right after the password, then
``"geverifieerd"`` (the code was right) or ``"niet_nodig"`` (no device and no role that requires
one). `organisaties.access` asks `volgende_stap` on every page except the public ones and the
second step's own pages, so a session without its second step reaches nothing of a regio. The
state is decided once per session (a role granted later counts from the next login) and costs
no query per page after that.
"""

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from .models import Lidmaatschap, Rol, User

SESSIE = "tweestaps"
GEVERIFIEERD = "geverifieerd"
NIET_NODIG = "niet_nodig"
VERPLICHTE_ROLLEN = (Rol.PROCESREGISSEUR, Rol.BEHEERDER, Rol.FINANCIER)
AANTAL_HERSTELCODES = 10


@receiver(user_logged_in)
def _na_wachtwoord(sender, request, user, **kwargs):
    # A new login starts without its second step, whatever the session held before.
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSIE, None)


def is_verplicht(user: User) -> bool:
    # Memberships are read across regio's by design (the access tables have no regio scope).
    with scopes_disabled():
        return Lidmaatschap.objects.filter(
            user=user, rol__in=VERPLICHTE_ROLLEN, beeindigd_op__isnull=True
        ).exists()


def ingesteld(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def volgende_stap(request) -> str | None:
    """The URL name of the second step this session still has to take, or None."""
    if request.session.get(SESSIE) in (GEVERIFIEERD, NIET_NODIG):
        return None
    if ingesteld(request.user):
        return "tweestaps_controleren"
    if is_verplicht(request.user):
        return "tweestaps_instellen"
    request.session[SESSIE] = NIET_NODIG
    return None


def is_geverifieerd(request) -> bool:
    return request.session.get(SESSIE) == GEVERIFIEERD


def markeer_geverifieerd(request, apparaat) -> None:
    otp_login(request, apparaat)
    request.session[SESSIE] = GEVERIFIEERD


def apparaat_in_aanmaak(user: User) -> TOTPDevice:
    """The unconfirmed device of a set-up in progress (one per user): its key stays the same
    when the page is opened again, so a QR code already scanned keeps working."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return apparaat or TOTPDevice.objects.create(
        user=user, name="Authenticator-app", confirmed=False
    )


def geheime_sleutel(apparaat: TOTPDevice) -> str:
    """The key in base32 in groups of four, for typing it into an app without a camera."""
    sleutel = base64.b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4))


def qr_svg(apparaat: TOTPDevice) -> str:
    """The otpauth:// address (issuer from OTP_TOTP_ISSUER) as an inline SVG: drawn here, so no
    outside service sees the key, and SVG attributes (no style) pass the strict CSP."""
    afbeelding = qrcode.make(
        apparaat.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    svg = afbeelding.to_string(encoding="unicode")
    svg = svg[svg.index("<svg") :]  # without the XML declaration, inside the HTML page
    titel = _("QR-code om Schakel toe te voegen aan uw authenticator-app")
    return svg.replace("<svg", '<svg role="img" aria-label="' + titel + '"', 1)


def _normaal(code: str) -> str:
    return "".join(code.split()).lower()


def _geremd(apparaat) -> None:
    toegestaan, details = apparaat.verify_is_allowed()
    if toegestaan:
        return
    tot = details.get("locked_until")
    tijd = formats.time_format(timezone.localtime(tot), "H:i:s") if tot else None
    raise ValidationError(
        {
            "code": _("Te veel onjuiste codes na elkaar. Probeer het na %(tijd)s opnieuw.")
            % {"tijd": tijd}
            if tijd
            else _("Te veel onjuiste codes na elkaar. Probeer het straks opnieuw.")
        }
    )


def bevestig_instelling(*, user: User, code: str) -> list[str]:
    """Confirms a set-up with the first code from the app; returns the ten recovery codes, which
    are shown once (only their use is checked later). Replaces any earlier device and codes."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if apparaat is None:
        raise ValidationError({"code": _("Open de pagina opnieuw en scan de nieuwe QR-code.")})
    # Checked outside a transaction: a wrong code must count for the throttling.
    _geremd(apparaat)
    if not apparaat.verify_token(_normaal(code)):
        raise ValidationError(
            {"code": _("Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat.")}
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=apparaat.pk).delete()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        herstel = StaticDevice.objects.create(user=user, name="Herstelcodes")
        codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
        StaticToken.objects.bulk_create(StaticToken(device=herstel, token=c) for c in codes)
    return codes


def controleer(*, user: User, code: str):
    """The device that accepts `code`: a code from the app, or a recovery code (used up by it).
    django-otp slows down guessing per device: after each wrong code the next try waits twice
    as long (1, 2, 4, … seconds). Not in a transaction, so that a wrong code counts."""
    totp = ingesteld(user)
    if totp is None:
        raise ValidationError({"code": _("Er is geen authenticator-app ingesteld.")})
    _geremd(totp)
    code = _normaal(code)
    if totp.verify_token(code):
        return totp
    for herstel in StaticDevice.objects.filter(user=user):
        if herstel.verify_is_allowed()[0] and herstel.verify_token(code):
            totp.throttle_reset()
            return herstel
    raise ValidationError({"code": _("Deze code klopt niet. Probeer de nieuwste code uit de app.")})


def zet_uit(*, user: User, code: str) -> None:
    """Removes the app and the recovery codes, after a valid code; not for a user whose role
    requires them."""
    if is_verplicht(user):
        raise ValidationError(_("Met uw rol is de tweede stap verplicht."))
    controleer(user=user, code=code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def herstelcodes_over(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()
