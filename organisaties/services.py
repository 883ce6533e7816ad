"""Every write on regio's, organisations, memberships and invitations."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from .models import (
    TOKEN_MAX_DAGEN,
    TOKEN_ROLLEN,
    ApiToken,
    Lidmaatschap,
    Organisatie,
    Regio,
    Rol,
    Uitnodiging,
    User,
    controleer_rol_past_bij_organisatie,
)
from .validators import normaliseer_kvk_nummer

_UITNODIGING_SALT = "schakel.uitnodiging"


class UitnodigingOngeldig(Exception):
    """The link is tampered with, expired, or already used; `reden` says which, in Dutch."""

    def __init__(self, reden: str):
        super().__init__(reden)
        self.reden = reden


def organisatie_met_kvk(kvk_nummer: str) -> Organisatie | None:
    """The organisation that already holds this KvK number anywhere in Schakel (organisations
    are shared between regio's), or None."""
    kvk_nummer = normaliseer_kvk_nummer(kvk_nummer)
    return Organisatie.objects.filter(kvk_nummer=kvk_nummer).first() if kvk_nummer else None


def voeg_organisatie_toe(
    *, regio: Regio, naam: str, soort: str, kvk_nummer: str = "", bestaande_bevestigd: bool = False
) -> Organisatie:
    """Adds an organisation to the regio. An organisation that already has this KvK number is
    never joined silently: it is added only when the user confirmed exactly that organisation
    (`bestaande_bevestigd`), after seeing its name."""
    with transaction.atomic():
        organisatie = organisatie_met_kvk(kvk_nummer)
        if organisatie is None:
            organisatie = Organisatie(
                naam=naam.strip(), soort=soort, kvk_nummer=normaliseer_kvk_nummer(kvk_nummer)
            )
            organisatie.full_clean()
            organisatie.save()
        elif organisatie.soort != soort:
            raise ValidationError(
                {
                    "kvk_nummer": _("Dit KvK-nummer hoort bij %(naam)s, een %(soort)s.")
                    % {"naam": organisatie.naam, "soort": organisatie.get_soort_display().lower()}
                }
            )
        elif regio.organisaties.filter(pk=organisatie.pk).exists():
            raise ValidationError(
                {"kvk_nummer": _("%(naam)s doet al mee in deze regio.") % {"naam": organisatie}}
            )
        elif not bestaande_bevestigd:
            raise ValidationError(
                {
                    "bestaande_bevestigd": _(
                        "Dit KvK-nummer hoort bij %(naam)s, dat al in Schakel bekend is. "
                        "Vink aan dat u precies deze organisatie aan de regio wilt toevoegen."
                    )
                    % {"naam": organisatie.naam}
                },
                code="kvk_bekend",
            )
        regio.organisaties.add(organisatie)
    return organisatie


def nodig_uit(
    *, regio: Regio, door: User, email: str, naam: str, organisatie: Organisatie, rol: str
) -> Uitnodiging:
    """Records an invitation and sends the e-mail with the signed link after commit."""
    email = User.objects.normalize_email(email).lower()
    if not regio.organisaties.filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": _("Deze organisatie doet niet mee in deze regio.")})
    controleer_rol_past_bij_organisatie(rol, organisatie)
    bestaand = Lidmaatschap.objects.filter(
        regio=regio, user__email=email, organisatie=organisatie, rol=rol, beeindigd_op__isnull=True
    )
    if bestaand.exists():
        raise ValidationError({"email": _("Deze persoon heeft deze rol bij deze organisatie al.")})
    uitnodiging = Uitnodiging.objects.create(
        regio=regio,
        email=email,
        naam=naam.strip(),
        organisatie=organisatie,
        rol=rol,
        uitgenodigd_door=door,
    )
    if not uitnodiging.vraagt_goedkeuring:
        _verstuur_na_commit(uitnodiging)
    return uitnodiging


def _verstuur_na_commit(uitnodiging: Uitnodiging) -> None:
    from .tasks import verstuur_uitnodiging

    transaction.on_commit(lambda: verstuur_uitnodiging.delay(uitnodiging.pk))


def _nog_open(uitnodiging: Uitnodiging) -> Uitnodiging:
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if not uitnodiging.wacht_op_goedkeuring:
        raise ValidationError(_("Over deze uitnodiging is al beslist."))
    return uitnodiging


@transaction.atomic
def keur_uitnodiging_goed(*, uitnodiging: Uitnodiging, door: User) -> Uitnodiging:
    """The second pair of eyes for a procesregisseur or beheerder invitation; only then is it
    sent. Who approved stays on the invitation (and so on the membership's history)."""
    uitnodiging = _nog_open(uitnodiging)
    if door.pk == uitnodiging.uitgenodigd_door_id:
        raise ValidationError(
            _("Een tweede persoon keurt deze uitnodiging goed, niet wie haar verstuurde.")
        )
    if door.email == uitnodiging.email:
        raise ValidationError(_("U kunt een uitnodiging voor uzelf niet goedkeuren."))
    uitnodiging.goedgekeurd_door, uitnodiging.goedgekeurd_op = door, timezone.now()
    uitnodiging.save(update_fields=["goedgekeurd_door", "goedgekeurd_op"])
    _verstuur_na_commit(uitnodiging)
    return uitnodiging


@transaction.atomic
def wijs_uitnodiging_af(*, uitnodiging: Uitnodiging, door: User) -> Uitnodiging:
    """Withdrawing gives nobody anything: the inviter and the invitee may do it too."""
    uitnodiging = _nog_open(uitnodiging)
    uitnodiging.afgewezen_door, uitnodiging.afgewezen_op = door, timezone.now()
    uitnodiging.save(update_fields=["afgewezen_door", "afgewezen_op"])
    return uitnodiging


def markeer_uitnodiging_verstuurd(*, uitnodiging: Uitnodiging) -> None:
    with scope(regio=uitnodiging.regio_id):
        Uitnodiging.objects.filter(pk=uitnodiging.pk).update(verstuurd_op=timezone.now())


def uitnodiging_token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(uitnodiging.pk, salt=_UITNODIGING_SALT)


def uitnodiging_link(uitnodiging: Uitnodiging) -> str:
    from django.urls import reverse

    return settings.BASE_URL + reverse("uitnodiging", args=[uitnodiging_token(uitnodiging)])


def lees_uitnodiging(token: str) -> Uitnodiging:
    """Checks signature, expiry and single use; raises UitnodigingOngeldig with a Dutch reason."""
    from . import selectors

    max_age = timedelta(days=settings.UITNODIGING_GELDIG_DAGEN)
    try:
        pk = signing.loads(token, salt=_UITNODIGING_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise UitnodigingOngeldig(
            _("Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging.")
        ) from None
    except signing.BadSignature:
        raise UitnodigingOngeldig(
            _("Deze link is niet geldig. Controleer of u de hele link uit de e-mail gebruikt.")
        ) from None
    uitnodiging = selectors.uitnodiging_op_id(pk)
    if uitnodiging is None:
        raise UitnodigingOngeldig(_("Deze uitnodiging bestaat niet meer."))
    if uitnodiging.geaccepteerd_op is not None:
        raise UitnodigingOngeldig(
            _("Deze uitnodiging is al gebruikt. U kunt inloggen met uw e-mailadres.")
        )
    _controleer_goedkeuring(uitnodiging)
    return uitnodiging


def _controleer_goedkeuring(uitnodiging: Uitnodiging) -> None:
    if uitnodiging.afgewezen_op is not None:
        raise UitnodigingOngeldig(_("Deze uitnodiging is ingetrokken."))
    if uitnodiging.wacht_op_goedkeuring:
        raise UitnodigingOngeldig(
            _(
                "Deze uitnodiging wacht nog op goedkeuring door een tweede beheerder of de procesregisseur."
            )
        )


def accepteer_uitnodiging(
    *, uitnodiging: Uitnodiging, user: User | None = None, naam: str = "", wachtwoord: str = ""
) -> Lidmaatschap:
    """Turns an invitation into a membership, creating the account when there is none yet.

    `user` is the logged-in user (whose e-mail must match); without it a new account is made.
    """
    with transaction.atomic(), scope(regio=uitnodiging.regio_id):
        uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
        if uitnodiging.geaccepteerd_op is not None:
            raise UitnodigingOngeldig(_("Deze uitnodiging is al gebruikt."))
        _controleer_goedkeuring(uitnodiging)
        if user is None:
            if User.objects.filter(email=uitnodiging.email).exists():
                raise UitnodigingOngeldig(
                    _("Er bestaat al een account voor dit e-mailadres. Log eerst in.")
                )
            user = User.objects.create_user(
                email=uitnodiging.email, password=wachtwoord, naam=naam.strip()
            )
        elif user.email != uitnodiging.email:
            raise UitnodigingOngeldig(
                _("Deze uitnodiging is voor %(email)s. Log in met dat e-mailadres.")
                % {"email": uitnodiging.email}
            )
        lidmaatschap, _nieuw = Lidmaatschap.objects.get_or_create(
            regio_id=uitnodiging.regio_id,
            user=user,
            organisatie_id=uitnodiging.organisatie_id,
            rol=uitnodiging.rol,
            beeindigd_op__isnull=True,
        )
        uitnodiging.geaccepteerd_op = timezone.now()
        uitnodiging.lidmaatschap = lidmaatschap
        uitnodiging.save(update_fields=["geaccepteerd_op", "lidmaatschap"])
    return lidmaatschap


def beeindig_lidmaatschap(*, lidmaatschap: Lidmaatschap, door: User) -> Lidmaatschap:
    """Ends a membership (kept for the record). The last beheerder of a regio cannot be ended."""
    with transaction.atomic():
        if lidmaatschap.rol == Rol.BEHEERDER:
            # Lock every active beheerder of the regio, always in the same order, before
            # counting: two beheerders ending each other at the same moment are then decided
            # one after the other, and the second sees that only one is left.
            list(
                Lidmaatschap.objects.select_for_update()
                .filter(
                    regio_id=lidmaatschap.regio_id, rol=Rol.BEHEERDER, beeindigd_op__isnull=True
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        lidmaatschap = Lidmaatschap.objects.select_for_update().get(pk=lidmaatschap.pk)
        if lidmaatschap.beeindigd_op is not None:
            return lidmaatschap
        if lidmaatschap.rol == Rol.BEHEERDER:
            andere_beheerders = Lidmaatschap.objects.filter(
                regio=lidmaatschap.regio, rol=Rol.BEHEERDER, beeindigd_op__isnull=True
            ).exclude(pk=lidmaatschap.pk)
            if not andere_beheerders.exists():
                raise ValidationError(
                    _(
                        "Dit is de laatste beheerder van de regio. Benoem eerst een andere beheerder."
                    )
                )
        lidmaatschap.beeindigd_op = timezone.now()
        lidmaatschap.beeindigd_door = door
        lidmaatschap.save(update_fields=["beeindigd_op", "beeindigd_door"])
    if lidmaatschap.user_id == door.pk:
        from . import selectors

        selectors.vergeet_lidmaatschappen(door)  # the rest of this request sees the change
    return lidmaatschap


# ---- API tokens (docs/adr/0014-api-sleutels.md) -------------------------------------------------


def sleutel_hash(sleutel: str) -> str:
    """The stored form of an API key. A key has 256 random bits, so a plain SHA-256 suffices
    (no salt or slow hash needed: there is nothing to guess)."""
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def maak_api_token(
    *, regio: Regio, door: User, organisatie: Organisatie, rol: str, naam: str, geldig_dagen: int
) -> tuple[ApiToken, str]:
    """A token for `organisatie` in `regio` with `rol`: a service account with one membership.
    Returns the token and the key, which is shown once and never stored."""
    if rol not in TOKEN_ROLLEN:
        raise ValidationError({"rol": _("Een API-sleutel kan deze rol niet krijgen.")})
    if not 1 <= geldig_dagen <= TOKEN_MAX_DAGEN:
        raise ValidationError(
            {"geldig_dagen": _("Kies 1 tot %(max)s dagen.") % {"max": TOKEN_MAX_DAGEN}}
        )
    if not regio.organisaties.filter(pk=organisatie.pk).exists():
        raise ValidationError({"organisatie": _("Deze organisatie doet niet mee in deze regio.")})
    controleer_rol_past_bij_organisatie(rol, organisatie)
    naam = naam.strip()
    if not naam:
        raise ValidationError({"naam": _("Geef de sleutel een naam.")})
    account = User.objects.create(
        email=f"api-{uuid.uuid4().hex}@api.schakel.invalid",
        naam=_("API: %(naam)s") % {"naam": naam[:140]},
        is_dienstaccount=True,
    )
    account.set_unusable_password()
    account.save(update_fields=["password"])
    lidmaatschap = Lidmaatschap.objects.create(
        regio=regio, user=account, organisatie=organisatie, rol=rol
    )
    sleutel = "schakel_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        regio=regio,
        lidmaatschap=lidmaatschap,
        naam=naam,
        prefix=sleutel[8:16],
        sleutel_hash=sleutel_hash(sleutel),
        aangemaakt_door=door,
        verloopt_op=timezone.localdate() + timedelta(days=geldig_dagen),
    )
    return token, sleutel


@transaction.atomic
def trek_api_token_in(*, token: ApiToken, door: User) -> ApiToken:
    """Revoked at once: the token is refused and its membership ended (kept for the record)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.ingetrokken_door = door
        token.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
        Lidmaatschap.objects.filter(pk=token.lidmaatschap_id, beeindigd_op__isnull=True).update(
            beeindigd_op=token.ingetrokken_op, beeindigd_door=door
        )
    return token


def markeer_token_gebruikt(*, token: ApiToken) -> None:
    """At most once a minute, so that a busy client does not write on every call."""
    nu = timezone.now()
    if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op > timedelta(minutes=1):
        with scope(regio=token.regio_id):
            ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
