"""Every write of the documenten app: drawing up an agreement, sending a version for signature,
signing (through the link or in Schakel), the final PDF, and the download log."""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from organisaties import services as organisatie_services
from organisaties.models import Rol, User
from werving import services as werving_services
from werving.models import Ontvanger

from . import gegevens as documentgegevens
from . import renderer, selectors
from .models import (
    Document,
    DocumentSoort,
    DocumentVersie,
    Download,
    Ondertekening,
    Partij,
    VersieStatus,
)
from .soorten import SCHAKEL, soort_van

_LINK_SALT = "schakel.ondertekenen"


class LinkOngeldig(Exception):
    def __init__(self, reden: str):
        super().__init__(reden)
        self.reden = reden


# ---- drawing up -------------------------------------------------------------------------


@transaction.atomic
def maak_document(*, soort: str, door: User, baangarantie=None, deelname=None) -> Document:
    """The agreement of a baangarantie (inspanningsovereenkomst) or of a deelname
    (proefplaatsingsovereenkomst); made once, with the input proposed from what Schakel knows."""
    if soort == DocumentSoort.INSPANNINGSOVEREENKOMST:
        if baangarantie is None:
            raise ValidationError(_("Kies de baangarantie waar de overeenkomst bij hoort."))
        sleutel = {"baangarantie": baangarantie}
        velden = {"traject_id": baangarantie.traject_id, "werkgever_id": baangarantie.werkgever_id}
        regio_id = baangarantie.regio_id
    else:
        if deelname is None or deelname.werkgever_id is None:
            raise ValidationError(
                _("Koppel de deelnemer eerst aan een vacature: de werkgever is nog niet bekend.")
            )
        sleutel = {"deelname": deelname}
        velden = {"traject_id": deelname.traject_id, "werkgever_id": deelname.werkgever_id}
        regio_id = deelname.regio_id
    document = Document.objects.filter(soort=soort, **sleutel).first()
    if document is None:
        document = Document(
            regio_id=regio_id, soort=soort, aangemaakt_door=door, **sleutel, **velden
        )
        document.invoer = documentgegevens.voorstel(document, door=door)
        document.save()
    return document


@transaction.atomic
def bewaar_invoer(*, document: Document, invoer: dict) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    document.invoer = invoer
    document.save(update_fields=["invoer"])
    return document


def _context(versie: DocumentVersie, *, met_handtekeningen: bool) -> dict:
    ondertekeningen = (
        list(versie.ondertekeningen.select_related("door")) if met_handtekeningen else []
    )
    return {
        "g": versie.gegevens,
        "versie": versie,
        "ondertekeningen": ondertekeningen,
        "ondertekenaars": soort_van(versie.document).ondertekenaars,
    }


def _render(versie: DocumentVersie, *, met_handtekeningen: bool) -> bytes:
    sjabloon = soort_van(versie.document).sjabloon(versie.document.soort, versie.sjabloon_versie)
    html = renderer.render_html(sjabloon, _context(versie, met_handtekeningen=met_handtekeningen))
    return renderer.render_pdf(html)


def voorbeeld_html(document: Document, *, door: User, terug: str = "") -> tuple[str, list[str]]:
    """The draft as HTML of the same template (the browser preview), with what is missing."""
    g, ontbrekend = documentgegevens.gegevens(document)
    versie = DocumentVersie(
        document=document,
        nummer=(document.versies.aggregate(n=Max("nummer"))["n"] or 0) + 1,
        sjabloon_versie=soort_van(document).sjabloon_versie,
        gegevens=g,
        aangemaakt_door=door,
    )
    context = _context(versie, met_handtekeningen=False) | {
        "voorbeeld": True,
        "ontbrekend": ontbrekend,
        "terug": terug,
    }
    return renderer.render_html(soort_van(document).sjabloon(document.soort), context), ontbrekend


def verstuur(*, document: Document, door: User, email: str) -> DocumentVersie:
    """Freezes the agreement in a new version (data, template version, PDF and its hash),
    replaces an unsigned earlier version, and e-mails the werkgever a signing link after
    commit. Refused while anything is missing."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",))
            .select_related("traject__beroep", "werkgever", "baangarantie", "deelname__kandidaat")
            .get(pk=document.pk)
        )
        g, ontbrekend = documentgegevens.gegevens(document)
        if ontbrekend:
            raise ValidationError(
                _("Vul eerst aan: %(velden)s.") % {"velden": ", ".join(ontbrekend)},
                code="ontbreekt",
            )
        _controleer_toestemming(document)
        for open_ in document.versies.filter(status=VersieStatus.TER_ONDERTEKENING):
            open_.status = VersieStatus.VERVANGEN
            open_.save(update_fields=["status"])
        versie = DocumentVersie(
            regio_id=document.regio_id,
            document=document,
            nummer=(document.versies.aggregate(n=Max("nummer"))["n"] or 0) + 1,
            sjabloon_versie=soort_van(document).sjabloon_versie,
            gegevens=g,
            aangemaakt_door=door,
            verstuurd_naar=email.strip().lower(),
        )
        inhoud = _render(versie, met_handtekeningen=False)
        versie.pdf_sha256 = renderer.sha256(inhoud)
        versie.pdf.save("versie.pdf", ContentFile(inhoud), save=False)
        versie.save()
        stuur_link(versie=versie)
    return versie


def _controleer_toestemming(document: Document) -> None:
    """A proefplaatsingsovereenkomst names the deelnemer: only with consent to share with the
    werkgever."""
    if document.deelname_id is None:
        return
    if not document.deelname.kandidaat.toestemmingen.filter(
        ontvanger=Ontvanger.WERKGEVER, ingetrokken_op__isnull=True
    ).exists():
        raise ValidationError(
            _(
                "De deelnemer heeft geen toestemming gegeven om gegevens met de werkgever te "
                "delen. Zonder die toestemming kan de overeenkomst niet naar de werkgever."
            )
        )


def stuur_link(*, versie: DocumentVersie) -> None:
    """(Again) e-mails the signing link, after commit: for a lost or expired e-mail."""
    from .tasks import verstuur_ondertekenlink

    gevraagd = timezone.now().isoformat()
    transaction.on_commit(lambda: verstuur_ondertekenlink.delay(versie.pk, gevraagd))


def markeer_link_verstuurd(*, versie: DocumentVersie) -> None:
    with scope(regio=versie.regio_id):
        DocumentVersie.objects.filter(pk=versie.pk, status=VersieStatus.TER_ONDERTEKENING).update(
            link_verstuurd_op=timezone.now()
        )


# ---- the signing link -------------------------------------------------------------------


def token(versie: DocumentVersie) -> str:
    return signing.dumps({"versie": versie.pk}, salt=_LINK_SALT)


def link(versie: DocumentVersie) -> str:
    return settings.BASE_URL + reverse("ondertekenen", args=[token(versie)])


def lees_link(token_: str) -> DocumentVersie:
    """Checks signature, expiry, and that the link was not used or replaced; raises
    LinkOngeldig with a Dutch reason."""
    try:
        inhoud = signing.loads(
            token_, salt=_LINK_SALT, max_age=timedelta(days=settings.ONDERTEKEN_LINK_GELDIG_DAGEN)
        )
    except signing.SignatureExpired:
        raise LinkOngeldig(
            _("Deze link is verlopen. Vraag de procesregisseur om een nieuwe link.")
        ) from None
    except signing.BadSignature:
        raise LinkOngeldig(
            _("Deze link is niet geldig. Gebruik de hele link uit de e-mail.")
        ) from None
    versie = selectors.versie_voor_link(inhoud.get("versie") if isinstance(inhoud, dict) else None)
    if versie is None:
        raise LinkOngeldig(_("Deze link is niet meer in gebruik."))
    _controleer_link(versie)
    return versie


def _controleer_link(versie: DocumentVersie) -> None:
    if versie.status == VersieStatus.VERVANGEN:
        raise LinkOngeldig(
            _(
                "Deze versie van de overeenkomst is vervangen door een nieuwere. U krijgt "
                "daarvoor een nieuwe link van de procesregisseur."
            )
        )
    if versie.status == VersieStatus.ONDERTEKEND or any(
        o.partij == Partij.WERKGEVER for o in versie.ondertekeningen.all()
    ):
        raise LinkOngeldig(
            _(
                "Deze link is al gebruikt: de overeenkomst is namens uw bedrijf ondertekend. "
                "De definitieve overeenkomst vindt u in Schakel na inloggen."
            )
        )


def _teken(versie, *, partij, naam, functie, via, ip, user_agent, door=None) -> Ondertekening:
    return Ondertekening.objects.create(
        regio_id=versie.regio_id,
        versie=versie,
        partij=partij,
        naam=naam.strip(),
        functie=functie.strip(),
        via=via,
        ip_adres=ip or None,
        user_agent=(user_agent or "")[:500],
        door=door,
    )


def _vergrendel(versie: DocumentVersie) -> DocumentVersie:
    return (
        DocumentVersie.objects.select_for_update(of=("self",))
        .select_related("document__traject", "document__werkgever", "document__baangarantie")
        .get(pk=versie.pk)
    )


def onderteken_via_link(
    *, versie: DocumentVersie, naam: str, functie: str, ip: str | None, user_agent: str
) -> Ondertekening:
    """The werkgever agrees through the link: name, function, time, address and browser."""
    with scope(regio=versie.regio_id), transaction.atomic():
        versie = _vergrendel(versie)
        _controleer_link(versie)  # signed or replaced meanwhile (another tab)
        ondertekening = _teken(
            versie, partij=Partij.WERKGEVER, naam=naam, functie=functie,
            via=Ondertekening.Via.LINK, ip=ip, user_agent=user_agent,
        )  # fmt: skip
        _rond_af_als_compleet(versie, door=None)
    return ondertekening


@transaction.atomic
def onderteken_in_schakel(
    *, versie: DocumentVersie, door: User, rollen, naam: str, functie: str,
    ip: str | None, user_agent: str,
) -> Ondertekening:  # fmt: skip
    """The next party that signs in Schakel (the procesregisseur's countersignature, the
    deelnemer on the spot, the gemeente); the last one makes the final PDF."""
    versie = _vergrendel(versie)
    if versie.status != VersieStatus.TER_ONDERTEKENING:
        raise ValidationError(_("Deze versie wordt niet (meer) ondertekend."))
    volgende = selectors.volgende_ondertekenaar(versie)
    if volgende is None or volgende.via != SCHAKEL:
        raise ValidationError(_("Eerst tekent de werkgever, via de link in de e-mail."))
    if not set(rollen) & volgende.rollen:
        raise ValidationError(
            _("Nu tekent de %(partij)s.") % {"partij": Partij(volgende.partij).label.lower()}
        )
    ondertekening = _teken(
        versie, partij=volgende.partij, naam=naam, functie=functie, via=SCHAKEL,
        ip=ip, user_agent=user_agent, door=door,
    )  # fmt: skip
    _rond_af_als_compleet(versie, door=door)
    return ondertekening


def _rond_af_als_compleet(versie: DocumentVersie, *, door: User | None) -> None:
    """When every party signed: the final PDF with its signature page, stored with its hash;
    the baangarantie's signed date; the werkgever invited to log in and told by e-mail."""
    if selectors.volgende_ondertekenaar(versie) is not None:
        return
    inhoud = _render(versie, met_handtekeningen=True)
    versie.definitief_sha256 = renderer.sha256(inhoud)
    versie.definitief_pdf.save("definitief.pdf", ContentFile(inhoud), save=False)
    versie.status = VersieStatus.ONDERTEKEND
    versie.ondertekend_op = timezone.now()
    versie.save(update_fields=["definitief_pdf", "definitief_sha256", "status", "ondertekend_op"])
    document = versie.document
    if document.soort == DocumentSoort.INSPANNINGSOVEREENKOMST:
        werving_services.markeer_inspanningsovereenkomst_getekend(
            baangarantie=document.baangarantie, op=timezone.localdate(versie.ondertekend_op)
        )
    werkgever = versie.ondertekeningen.get(partij=Partij.WERKGEVER)
    # Already holding the werkgever role (or an open invitation refused): nothing to send.
    with contextlib.suppress(ValidationError):
        organisatie_services.nodig_uit(
            regio=document.regio,
            door=door or document.aangemaakt_door,
            email=versie.verstuurd_naar,
            naam=werkgever.naam,
            organisatie=document.werkgever,
            rol=Rol.WERKGEVER,
        )
    from .tasks import meld_ondertekend

    transaction.on_commit(lambda: meld_ondertekend.delay(versie.pk))


# ---- downloads --------------------------------------------------------------------------


def log_download(
    *, versie: DocumentVersie, bestand: str, door: User | None = None, via_link_naar: str = "",
    ip: str | None = None,
) -> Download:  # fmt: skip
    with scope(regio=versie.regio_id):
        return Download.objects.create(
            regio_id=versie.regio_id,
            versie=versie,
            bestand=bestand,
            door=door,
            via_link_naar=via_link_naar,
            ip_adres=ip or None,
        )
