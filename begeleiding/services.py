"""Every write of the begeleiding app. Results of VCA and the basisvakopleiding feed the funnel
(and the financing claims) through trajecten.services.registreer_resultaat; recorded evaluations
and nazorg contacts close their mijlpalen through trajecten.services."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.datums import GEBEURD, controleer
from organisaties.models import Organisatie, Rol, User
from trajecten import services as traject_services
from trajecten.models import Deelname, Mijlpaal, MijlpaalStatus, Traject
from trajecten.models import MijlpaalSoort as M

from . import selectors
from .models import (
    STANDAARD_DAGEN,
    Besluit,
    Contactmoment,
    Evaluatie,
    Koppeling,
    Module,
    ModuleSoort,
    NazorgContact,
    Presentie,
    Resultaat,
    Sessie,
    VertrouwelijkeNotitie,
)


@transaction.atomic
def voeg_module_toe(
    *,
    traject: Traject,
    door: User,
    soort: str,
    aanbieder: Organisatie,
    dagen=None,
    omschrijving: str = "",
) -> Module:
    if not traject.regio.organisaties.filter(pk=aanbieder.pk).exists():
        raise ValidationError({"aanbieder": _("Deze organisatie doet niet mee in deze regio.")})
    return Module.objects.create(
        regio_id=traject.regio_id,
        traject=traject,
        soort=soort,
        aanbieder=aanbieder,
        dagen=dagen if dagen is not None else STANDAARD_DAGEN[soort],
        omschrijving=omschrijving.strip(),
    )


@transaction.atomic
def plan_sessie(*, module: Module, door: User, datum: date, locatie: str, begintijd=None) -> Sessie:
    return Sessie.objects.create(
        regio_id=module.regio_id,
        module=module,
        datum=datum,
        begintijd=begintijd,
        locatie=locatie.strip(),
    )


@transaction.atomic
def leg_presentie_vast(*, sessie: Sessie, door: User, aanwezigheid: dict[Deelname, str]) -> None:
    if sessie.module.voor_werkgevers:
        raise ValidationError(
            _("Bij een training voor werkgevers wordt geen presentie van deelnemers bijgehouden.")
        )
    if sessie.datum > timezone.localdate():
        raise ValidationError(
            _("Presentie kan pas op of na de dag van de sessie worden vastgelegd.")
        )
    actief = set(
        Deelname.objects.filter(traject_id=sessie.module.traject_id)
        .filter(selectors.actief_in_module_of_vastgelegd(sessie))
        .values_list("pk", flat=True)
    )
    for deelname, waarde in aanwezigheid.items():
        if deelname.traject_id != sessie.module.traject_id:
            raise ValidationError(_("Deze deelnemer hoort niet bij dit traject."))
        if deelname.pk not in actief:
            raise ValidationError(
                _("%(k)s doet niet (meer) mee aan deze module.") % {"k": deelname.kandidaat}
            )
        Presentie.objects.update_or_create(
            sessie=sessie,
            deelname=deelname,
            defaults={"regio_id": sessie.regio_id, "aanwezigheid": waarde, "vastgelegd_door": door},
        )


# Which module results count for the funnel (DeelnameStatus does not change by itself: the
# procesregisseur decides the next step, the result only informs it).
FUNNELVELD = {
    ModuleSoort.VCA: "vca_behaald_op",
    ModuleSoort.BASISVAKOPLEIDING: "vakopleiding_afgerond_op",
}


@transaction.atomic
def leg_resultaat_vast(
    *,
    module: Module,
    deelname: Deelname,
    door: User,
    behaald: bool,
    certificaat: str,
    datum: date,
    bewijs=None,
) -> Resultaat:
    if module.voor_werkgevers:
        raise ValidationError(
            _("Een training voor werkgevers heeft geen resultaten per deelnemer.")
        )
    if deelname.traject_id != module.traject_id:
        raise ValidationError(_("Deze deelnemer hoort niet bij dit traject."))
    controleer(datum=(GEBEURD, datum))
    vorig = Resultaat.objects.filter(module=module, deelname=deelname).first()
    vorig_bewijs = vorig.bewijs.name if vorig and vorig.bewijs else ""
    velden = {
        "regio_id": module.regio_id,
        "behaald": behaald,
        "certificaat": certificaat,
        "datum": datum,
        "vastgelegd_door": door,
    }
    if bewijs:
        velden["bewijs"] = bewijs
    resultaat, _nieuw = Resultaat.objects.update_or_create(
        module=module, deelname=deelname, defaults=velden
    )
    if vorig_bewijs and resultaat.bewijs.name != vorig_bewijs:
        # Replaced evidence is removed, not kept: personal data without a purpose (AVG art. 5).
        opslag = resultaat.bewijs.storage
        transaction.on_commit(lambda: opslag.delete(vorig_bewijs))
    if behaald and module.soort in FUNNELVELD:
        traject_services.registreer_resultaat(
            deelname=deelname, door=door, **{FUNNELVELD[module.soort]: datum}
        )
    return resultaat


@transaction.atomic
def koppel_begeleider(
    *,
    deelname: Deelname,
    door: User,
    rol: str,
    persoon: User | None = None,
    naam: str = "",
    start: date | None = None,
    eind: date | None = None,
) -> Koppeling:
    if persoon is None and not naam.strip():
        raise ValidationError(
            {"persoon": _("Kies een begeleider met een login, of vul een naam in.")}
        )
    if (
        persoon is not None
        and not persoon.lidmaatschappen.filter(
            regio_id=deelname.regio_id, rol=Rol.BEGELEIDER, beeindigd_op__isnull=True
        ).exists()
    ):
        raise ValidationError(
            {"persoon": _("Deze persoon heeft geen rol als begeleider in deze regio.")}
        )
    start = start or timezone.localdate()
    if eind and eind < start:
        raise ValidationError({"eind": _("Het einde ligt vóór de start.")})
    return Koppeling.objects.create(
        regio_id=deelname.regio_id,
        deelname=deelname,
        rol=rol,
        persoon=persoon,
        naam=naam.strip(),
        start=start,
        eind=eind,
    )


@transaction.atomic
def leg_contactmoment_vast(*, deelname: Deelname, door: User, **velden) -> Contactmoment:
    if velden.get("vervolgactie") and not velden.get("vervolg_datum"):
        raise ValidationError(
            {"vervolg_datum": _("Geef aan wanneer de vervolgactie klaar moet zijn.")}
        )
    return Contactmoment.objects.create(
        regio_id=deelname.regio_id, deelname=deelname, vastgelegd_door=door, **velden
    )


@transaction.atomic
def rond_vervolg_af(*, contactmoment: Contactmoment, door: User) -> Contactmoment:
    Contactmoment.objects.filter(pk=contactmoment.pk, vervolg_afgerond_op__isnull=True).update(
        vervolg_afgerond_op=timezone.localdate()
    )
    contactmoment.refresh_from_db()
    return contactmoment


@transaction.atomic
def schrijf_notitie(*, deelname: Deelname, door: User, tekst: str) -> VertrouwelijkeNotitie:
    if not tekst.strip():
        raise ValidationError({"tekst": _("Een notitie mag niet leeg zijn.")})
    return VertrouwelijkeNotitie.objects.create(
        regio_id=deelname.regio_id, deelname=deelname, auteur=door, tekst=tekst.strip()
    )


def _rond_eerste_af(deelname: Deelname, soorten, door: User) -> Mijlpaal | None:
    mijlpaal = (
        Mijlpaal.objects.filter(deelname=deelname, soort__in=soorten, status=MijlpaalStatus.OPEN)
        .order_by("vervaldatum")
        .first()
    )
    if mijlpaal is not None:
        traject_services.rond_mijlpaal_af(mijlpaal=mijlpaal, door=door)
    return mijlpaal


@transaction.atomic
def leg_evaluatie_vast(*, deelname: Deelname, door: User, **velden) -> Evaluatie:
    """An evaluation closes the next evaluation milestone; an extension plans the next one.
    In dienst or uitval are then taken as transitions (with their own preconditions)."""
    deelname = Deelname.objects.select_for_update().get(pk=deelname.pk)
    if deelname.status != "proefperiode":
        raise ValidationError(_("Evaluaties horen bij de proefperiode."))
    verlengd_tot = velden.get("verlengd_tot")
    if velden.get("besluit") == Besluit.VERLENGEN and (
        not verlengd_tot or verlengd_tot <= timezone.localdate()
    ):
        raise ValidationError(
            {"verlengd_tot": _("Kies tot wanneer de proefperiode wordt verlengd (in de toekomst).")}
        )
    evaluatie = Evaluatie.objects.create(
        regio_id=deelname.regio_id, deelname=deelname, vastgelegd_door=door, **velden
    )
    _rond_eerste_af(deelname, [M.EVALUATIE_1, M.EVALUATIE_2, M.EVALUATIE_VERLENGING], door)
    if evaluatie.besluit == Besluit.VERLENGEN:
        traject_services.plan_mijlpaal(
            deelname=deelname,
            soort=M.EVALUATIE_VERLENGING,
            datum=evaluatie.verlengd_tot,
            rol=Rol.BEGELEIDER,
            door=door,
        )
    return evaluatie


PEILMOMENTEN = {6: M.CONTRACT_6_MAANDEN, 12: M.RETENTIE_12}


@transaction.atomic
def leg_nazorgcontact_vast(
    *, deelname: Deelname, door: User, peilmoment: int | None = None, **velden
) -> NazorgContact:
    deelname = Deelname.objects.select_for_update().get(pk=deelname.pk)
    if deelname.status not in ("in_dienst", "nazorg", "afgerond"):
        raise ValidationError(_("Nazorg begint als de deelnemer in dienst is."))
    contact = NazorgContact.objects.create(
        regio_id=deelname.regio_id,
        deelname=deelname,
        vastgelegd_door=door,
        peilmoment=peilmoment,
        **velden,
    )
    soorten = [PEILMOMENTEN[peilmoment]] if peilmoment else [M.NAZORG_1, M.NAZORG_3]
    _rond_eerste_af(deelname, soorten, door)
    return contact
