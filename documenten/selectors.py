"""Every read of the documenten app, scoped to user and regio.

Who sees an agreement: the procesregisseur all of the regio; a werkgever those of their own
organisation; a klantmanager the proefplaatsingsovereenkomsten of their gemeente's kandidaten.
An agreement that names a deelnemer is visible only where the deelname is
(trajecten.selectors.deelnames_zichtbaar_voor: consent), so withdrawn consent hides it too.
"""

from django.db.models import Prefetch, Q, QuerySet
from django_scopes import scopes_disabled

from organisaties.models import Organisatie, Regio, Rol, User
from organisaties.selectors import rollen_in_regio
from trajecten.selectors import deelnames_zichtbaar_voor

from .models import Document, DocumentSoort, DocumentVersie, Ondertekening, Partij, VersieStatus
from .soorten import Ondertekenaar, soort_van


def documenten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Document]:
    rollen = rollen_in_regio(user, regio)
    zicht = Q(pk__in=[])
    if Rol.PROCESREGISSEUR in rollen:
        zicht |= Q(regio=regio)
    if Rol.WERKGEVER in rollen:
        zicht |= Q(werkgever__in=rollen[Rol.WERKGEVER])
    if Rol.KLANTMANAGER in rollen:
        zicht |= Q(
            soort=DocumentSoort.PROEFPLAATSINGSOVEREENKOMST,
            deelname__kandidaat__gemeente__in=rollen[Rol.KLANTMANAGER],
        )
    deelnames = deelnames_zichtbaar_voor(user, regio).values("pk")
    return (
        Document.objects.filter(regio=regio)
        .filter(zicht)
        .filter(Q(deelname__isnull=True) | Q(deelname__in=deelnames))
    )


def _versies():
    return DocumentVersie.objects.order_by("-nummer").prefetch_related(
        Prefetch("ondertekeningen", queryset=Ondertekening.objects.select_related("door"))
    )


def documenten_lijst(*, user: User, regio: Regio) -> QuerySet[Document]:
    """For the list pages: each agreement with its versions and signatures, in a fixed number
    of queries however many there are (the view paginates)."""
    return (
        documenten_zichtbaar_voor(user, regio)
        .select_related("traject", "werkgever", "deelname__kandidaat")
        .prefetch_related(Prefetch("versies", queryset=_versies()))
        .order_by("-aangemaakt_op", "-pk")
    )


def document_detail(*, user: User, regio: Regio, pk: int) -> Document:
    return (
        documenten_zichtbaar_voor(user, regio)
        .select_related(
            "traject__beroep",
            "werkgever",
            "baangarantie",
            "deelname__kandidaat__gemeente",
            "deelname__vacature",
        )
        .prefetch_related(
            Prefetch("versies", queryset=_versies()),
            "traject__partners__organisatie",
            "traject__faseplanning",
        )
        .get(pk=pk)
    )


def partners_van(document: Document, rol: str) -> QuerySet[Organisatie]:
    """The traject's partners in a role: who may be named as a party (gemeente, O&O-fonds)."""
    return Organisatie.objects.filter(
        trajectpartnerschappen__traject=document.traject_id, trajectpartnerschappen__rol=rol
    ).order_by("naam")


def versie_voor_download(*, user: User, regio: Regio, pk: int) -> DocumentVersie:
    return (
        DocumentVersie.objects.filter(document__in=documenten_zichtbaar_voor(user, regio))
        .select_related("document")
        .get(pk=pk)
    )


def versie_voor_link(pk) -> DocumentVersie | None:
    """For the public signing link: the signed id is the key; the scope is the version's own
    regio (set by the services that write)."""
    if not isinstance(pk, int):
        return None
    with scopes_disabled():
        return (
            DocumentVersie.objects.select_related(
                "document__traject", "document__werkgever", "regio"
            )
            .prefetch_related("ondertekeningen")
            .filter(pk=pk)
            .first()
        )


def laatste_versie(document: Document) -> DocumentVersie | None:
    """Of a document fetched with its versions prefetched (newest first)."""
    versies = list(document.versies.all())
    return versies[0] if versies else None


def geldende_versie(document: Document) -> DocumentVersie | None:
    """The newest signed version: what the parties agreed."""
    return next((v for v in document.versies.all() if v.is_ondertekend), None)


def open_versie(document: Document) -> DocumentVersie | None:
    return next(
        (v for v in document.versies.all() if v.status == VersieStatus.TER_ONDERTEKENING), None
    )


def volgende_ondertekenaar(versie: DocumentVersie) -> Ondertekenaar | None:
    """Who signs next (in the order of documenten.soorten), from the prefetched signatures."""
    getekend = {o.partij for o in versie.ondertekeningen.all()}
    return next(
        (o for o in soort_van(versie.document).ondertekenaars if o.partij not in getekend), None
    )


def met_stand(documenten) -> list[Document]:
    """Each document of a page with `laatste` (newest version), `geldende` (newest signed) and
    `wacht_op` (the party whose signature the open version waits for): from prefetched rows."""
    rijen = list(documenten)
    for d in rijen:
        d.laatste = laatste_versie(d)
        d.geldende = geldende_versie(d)
        open_ = open_versie(d)
        volgende = volgende_ondertekenaar(open_) if open_ else None
        d.wacht_op = Partij(volgende.partij).label if volgende else ""
    return rijen
