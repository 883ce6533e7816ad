"""Every read of regio's, organisations and memberships that a view or API uses."""

from contextlib import contextmanager

from django.db.models import Prefetch, QuerySet
from django_scopes import scopes_disabled

from .models import (
    ROLLEN_MET_GOEDKEURING,
    ApiToken,
    Lidmaatschap,
    Organisatie,
    Regio,
    Rol,
    Uitnodiging,
    User,
)

# Where the access check leaves the memberships it read on the request's user, so that the
# selectors of the same request (each asks `rollen_in_regio`) do not read them again.
_GELADEN = "_schakel_lidmaatschappen"


def actieve_lidmaatschappen_van(user: User, regio: Regio) -> list[Lidmaatschap]:
    """The user's own active memberships in this regio (needs the regio scope)."""
    geladen = getattr(user, _GELADEN, None)
    if geladen is not None and geladen[0] == regio.pk:
        return list(geladen[1])
    return list(
        Lidmaatschap.objects.filter(regio=regio, user=user, beeindigd_op__isnull=True)
        .select_related("organisatie")
        .order_by("rol")
    )


@contextmanager
def lidmaatschappen_onthouden(user: User, regio: Regio, lidmaatschappen: list[Lidmaatschap]):
    """For the duration of one request (organisaties.access): the memberships already read."""
    setattr(user, _GELADEN, (regio.pk, tuple(lidmaatschappen)))
    try:
        yield
    finally:
        vergeet_lidmaatschappen(user)


def vergeet_lidmaatschappen(user: User) -> None:
    """After a change to the user's own memberships within a request."""
    if hasattr(user, _GELADEN):
        delattr(user, _GELADEN)


def rollen_in_regio(user: User, regio: Regio) -> dict[str, set[int]]:
    """{rol: organisation ids} of the user's active memberships in the regio: the input of every
    selector that decides what a role may see."""
    rollen: dict[str, set[int]] = {}
    for lid in actieve_lidmaatschappen_van(user, regio):
        rollen.setdefault(lid.rol, set()).add(lid.organisatie_id)
    return rollen


def regio_keuze_voor(user: User) -> list[Regio]:
    """The regio's where the user has an active membership, for the regio switch in the header.

    This is the one read across regio's: it is limited to the user's own memberships.
    """
    with scopes_disabled():
        return list(
            Regio.objects.filter(
                lidmaatschappen__user=user, lidmaatschappen__beeindigd_op__isnull=True
            )
            .distinct()
            .order_by("naam")
        )


def leden_van(*, user: User, regio: Regio, actief: bool = True) -> QuerySet[Lidmaatschap]:
    """Memberships of the regio as a beheerder sees them, with who invited and who approved."""
    qs = Lidmaatschap.objects.filter(regio=regio).select_related(
        "user",
        "organisatie",
        "uitnodiging__uitgenodigd_door",
        "uitnodiging__goedgekeurd_door",
        "beeindigd_door",
    )
    # API keys' service accounts are managed on their own page (api_sleutels).
    qs = qs.filter(beeindigd_op__isnull=actief, user__is_dienstaccount=False)
    return qs.order_by("user__naam", "rol")


def lidmaatschap_voor_beheer(*, user: User, regio: Regio, pk: int) -> Lidmaatschap:
    return Lidmaatschap.objects.select_related("user", "organisatie").get(regio=regio, pk=pk)


def openstaande_uitnodigingen(*, user: User, regio: Regio) -> QuerySet[Uitnodiging]:
    return (
        Uitnodiging.objects.filter(
            regio=regio, geaccepteerd_op__isnull=True, afgewezen_op__isnull=True
        )
        .select_related("organisatie", "uitgenodigd_door", "goedgekeurd_door")
        .order_by("-aangemaakt_op")
    )


def wachtend_op_goedkeuring(*, user: User, regio: Regio) -> QuerySet[Uitnodiging]:
    """Invitations for a role that needs a second person, not yet decided."""
    return openstaande_uitnodigingen(user=user, regio=regio).filter(
        rol__in=ROLLEN_MET_GOEDKEURING,
        uitgenodigd_door__isnull=False,
        goedgekeurd_op__isnull=True,
    )


def uitnodiging_voor_goedkeuring(*, user: User, regio: Regio, pk: int) -> Uitnodiging:
    return wachtend_op_goedkeuring(user=user, regio=regio).get(pk=pk)


def organisaties_van(*, regio: Regio, soorten=None) -> QuerySet[Organisatie]:
    qs = regio.organisaties.all()
    if soorten:
        qs = qs.filter(soort__in=soorten)
    return qs.order_by("soort", "naam")


def organisaties_met_leden(*, user: User, regio: Regio) -> QuerySet[Organisatie]:
    """The regio's organisations with their active members, for the overview pages."""
    actieve = Lidmaatschap.objects.filter(regio=regio, beeindigd_op__isnull=True).select_related(
        "user"
    )
    return organisaties_van(regio=regio).prefetch_related(
        Prefetch("lidmaatschappen", queryset=actieve, to_attr="actieve_leden")
    )


def contactpersonen(*, regio: Regio, rol: str) -> list[Lidmaatschap]:
    """Active members with a role, e.g. the procesregisseurs every partner may contact."""
    return list(
        Lidmaatschap.objects.filter(regio=regio, rol=rol, beeindigd_op__isnull=True)
        .select_related("user", "organisatie")
        .order_by("user__naam")
    )


def uitnodiging_op_id(pk: int) -> Uitnodiging | None:
    """Used by the public invitation link: the signed id is the only key, so no scope exists yet."""
    with scopes_disabled():
        return Uitnodiging.objects.select_related("regio", "organisatie").filter(pk=pk).first()


def rollen_in(lidmaatschappen) -> list[str]:
    """Role values in a stable order (the order of Rol) for the role-specific home page."""
    aanwezig = {lid.rol for lid in lidmaatschappen}
    return [r for r in Rol.values if r in aanwezig]


def account_bestaat(email: str) -> bool:
    return User.objects.filter(email=email).exists()


def api_token_met_hash(sleutel_hash: str) -> ApiToken | None:
    """The token of a presented key, before any regio is known: a read across regio's limited to
    exactly one row, the one whose hash matches. Whether it may act in the regio of the URL is
    decided afterwards by `regio_view`, from its membership, as for a person."""
    with scopes_disabled():
        return (
            ApiToken.objects.select_related("lidmaatschap__user")
            .filter(sleutel_hash=sleutel_hash)
            .first()
        )


def api_tokens_van(*, user: User, regio: Regio) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(regio=regio).select_related(
        "lidmaatschap__organisatie", "aangemaakt_door", "ingetrokken_door"
    )


def api_token_voor_beheer(*, user: User, regio: Regio, pk: int) -> ApiToken:
    return api_tokens_van(user=user, regio=regio).get(pk=pk)
