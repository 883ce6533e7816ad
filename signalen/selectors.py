"""Every read of signalen. A signaal belongs to its recipient: nobody else sees it."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from organisaties.models import Regio, User
from trajecten.selectors import met_deelnemer_labels

from .models import Signaal, SignaalStatus, Voorkeur
from .regels import PER_CODE, REGELS, Regel


def _eigen(user: User, regio: Regio) -> QuerySet[Signaal]:
    return Signaal.objects.filter(regio=regio, ontvanger=user)


def _actueel() -> Q:
    vandaag = timezone.localdate()
    return Q(status__in=[SignaalStatus.OPEN, SignaalStatus.GEZIEN]) & (
        Q(uitgesteld_tot__isnull=True) | Q(uitgesteld_tot__lte=vandaag)
    )


def signalen_voor(*, user: User, regio: Regio, toon: str = "open") -> QuerySet[Signaal]:
    """open: what needs doing now, overdue first; uitgesteld: put off until a later date;
    gedaan: the history (newest first)."""
    qs = _eigen(user, regio).select_related("traject")
    if toon == "gedaan":
        return qs.filter(status=SignaalStatus.GEDAAN).order_by("-afgehandeld_op", "-pk")
    if toon == "uitgesteld":
        return qs.filter(
            status__in=[SignaalStatus.OPEN, SignaalStatus.GEZIEN],
            uitgesteld_tot__gt=timezone.localdate(),
        ).order_by("uitgesteld_tot", "pk")
    return qs.filter(_actueel()).order_by("vervaldatum", "pk")


def met_labels(*, user: User, regio: Regio, signalen) -> list[Signaal]:
    """The page's rows with the consent-aware label of their deelnemer (one query) and the
    title of their rule."""
    rijen = met_deelnemer_labels(user, regio, signalen)
    for s in rijen:
        regel = PER_CODE.get(s.regel)
        s.regel_titel = regel.titel if regel else s.regel
    return rijen


def aantal_ongelezen(*, user: User, regio: Regio) -> int:
    return _eigen(user, regio).filter(_actueel(), status=SignaalStatus.OPEN).count()


def signaal(*, user: User, regio: Regio, pk: int) -> Signaal:
    s = _eigen(user, regio).select_related("traject").get(pk=pk)
    return met_deelnemer_labels(user, regio, [s])[0]


def regel_van(signaal: Signaal) -> Regel | None:
    return PER_CODE.get(signaal.regel)


def voorkeuren_van(user: User) -> dict[str, str]:
    """{rule code: modus} for every rule, the user's own choice or the rule's default."""
    eigen = dict(Voorkeur.objects.filter(user=user).values_list("regel", "modus"))
    return {r.code: eigen.get(r.code, r.modus) for r in REGELS}
