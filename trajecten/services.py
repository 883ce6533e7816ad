"""Every write on trajecten, deelnames, checklist and mijlpalen. Keyword-only, transactional,
and each change leaves a Gebeurtenis (who, when, what) for the timeline."""

import logging
from datetime import date

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.datums import GEBEURD, GEPLAND, controleer
from organisaties.models import Organisatie, User
from werving.models import Kandidaat

from . import controles, mijlpalen, selectors, signals, workflow
from .models import (
    GROEP_MAXIMUM,
    GROEP_MINIMUM,
    ChecklistStap,
    Deelname,
    DeelnameStatus,
    Fase,
    FasePlanning,
    Gebeurtenis,
    GebeurtenisSoort,
    Mijlpaal,
    MijlpaalStatus,
    PartnerRol,
    StapStatus,
    Traject,
    TrajectPartner,
    TrajectStatus,
    UitvalReden,
)
from .opstart import INRICHTINGSVRAGEN, STAPPENPLAN
from .workflow import Modus

logger = logging.getLogger(__name__)

ACTIEVE_TRAJECTSTATUSSEN = [
    s for s in TrajectStatus if s not in (TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD)
]

FASEVOLGORDE = [Fase.WERVING, Fase.VOORSCHAKELTRAJECT, Fase.PROEFPERIODE, Fase.NAZORG]
# Default length of each block in months (seed 000 §2.3): three blocks of about two months,
# then a contract of at least six months with nazorg.
FASEDUUR_MAANDEN = {
    Fase.WERVING: 2,
    Fase.VOORSCHAKELTRAJECT: 2,
    Fase.PROEFPERIODE: 2,
    Fase.NAZORG: 6,
}

TRAJECTVELDEN = ["naam", "branche", "beroep", "groepsgrootte", "reden_groepsgrootte"]
# The werving steps of the phase plan (see workflow.PLANSTAP).
STAPVELDEN = ["met_intake", "met_assessment", "met_selectie"]
# Who can hold procesregie: a party that coordinates between all others, not a financier or a
# werkgever (seed 000: Regionaal Werkcentrum / WSP, a dienstverlener, or the gemeente).
PROCESREGIE_SOORTEN = [
    Organisatie.Soort.RWC_WSP,
    Organisatie.Soort.DIENSTVERLENER,
    Organisatie.Soort.GEMEENTE,
]
CATALOGUSVELDEN = [
    "omschrijving",
    "doelgroep",
    "toelatingseisen",
    "rooster",
    "certificaat",
    "baanperspectief",
]


def standaard_faseplanning(start: date) -> dict[str, tuple[date, date]]:
    planning = {}
    for fase in FASEVOLGORDE:
        eind = start + relativedelta(months=FASEDUUR_MAANDEN[fase])
        planning[fase] = (start, eind)
        start = eind
    return planning


def _log(traject, door, soort, omschrijving, **extra) -> Gebeurtenis:
    return Gebeurtenis.objects.create(
        regio_id=traject.regio_id,
        traject=traject,
        door=door,
        soort=soort,
        omschrijving=omschrijving[:300],
        **extra,
    )


def _log_mijlpaal(traject, door, mijlpaal, **deelname) -> Gebeurtenis:
    return _log(
        traject,
        door,
        GebeurtenisSoort.MIJLPAAL,
        _("Mijlpaal %(m)s: %(s)s (%(datum)s)")
        % {
            "m": mijlpaal.get_soort_display(),
            "s": mijlpaal.get_status_display().lower(),
            "datum": mijlpaal.vervaldatum.strftime("%d-%m-%Y"),
        },
        mijlpaal=mijlpaal,
        reden=mijlpaal.reden,
        **deelname,
    )


def _als_tekst(waarde) -> str:
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


def _pas_toe(obj, waarden: dict) -> dict[str, list[str]]:
    """Sets the fields and returns what changed as {veld: [oud, nieuw]} (JSON-ready)."""
    gewijzigd = {}
    for veld, nieuw in waarden.items():
        oud = getattr(obj, veld)
        if oud != nieuw:
            gewijzigd[veld] = [_als_tekst(oud), _als_tekst(nieuw)]
            setattr(obj, veld, nieuw)
    return gewijzigd


def _controleer_traject(
    *, groepsgrootte, reden_groepsgrootte, planning, branche=None, beroep=None
) -> None:
    fouten = {}
    if beroep is not None and branche is not None and beroep.branche != branche:
        fouten["beroep"] = _(
            "%(beroep)s hoort bij de branche %(branche)s; kies een beroep van de gekozen branche."
        ) % {"beroep": beroep.naam, "branche": beroep.get_branche_display().lower()}
    if groepsgrootte < GROEP_MINIMUM:
        fouten["groepsgrootte"] = _(
            "Een groep heeft minstens %(min)d deelnemers; kleiner is in het model niet te betalen."
        ) % {"min": GROEP_MINIMUM}
    elif groepsgrootte > GROEP_MAXIMUM and not reden_groepsgrootte.strip():
        fouten["reden_groepsgrootte"] = _(
            "Een groep groter dan %(max)d vraagt om een reden: begeleiding en praktijkplekken "
            "zijn dan krap."
        ) % {"max": GROEP_MAXIMUM}
    vorige_start = None
    for fase in FASEVOLGORDE:
        start, eind = planning[fase]
        if eind < start:
            fouten[f"{fase}_eind"] = _("Het einde ligt vóór de start.")
        elif vorige_start and start < vorige_start:
            fouten[f"{fase}_start"] = _("Deze fase kan niet eerder beginnen dan de vorige fase.")
        vorige_start = start
    if fouten:
        raise ValidationError(fouten)


def _zet_partners(traject, partners: dict[str, list[Organisatie]]) -> dict[str, list[str]]:
    """Replaces the partner list; returns the change for the history."""
    bestaand = {
        (p.rol, p.organisatie_id): p for p in traject.partners.select_related("organisatie")
    }
    gewenst = {(rol, org.pk): org for rol, orgs in partners.items() for org in orgs}
    weg = [p for sleutel, p in bestaand.items() if sleutel not in gewenst]
    erbij = [(rol, org) for (rol, _pk), org in gewenst.items() if (rol, _pk) not in bestaand]
    TrajectPartner.objects.filter(pk__in=[p.pk for p in weg]).delete()
    TrajectPartner.objects.bulk_create(
        TrajectPartner(regio_id=traject.regio_id, traject=traject, organisatie=org, rol=rol)
        for rol, org in erbij
    )
    regio_orgs = set(traject.regio.organisaties.values_list("pk", flat=True))
    if any(org.pk not in regio_orgs for orgs in partners.values() for org in orgs):
        raise ValidationError(_("Alle partners moeten in deze regio meedoen."))
    if not weg and not erbij:
        return {}
    return {
        "partners": [
            ", ".join(sorted(f"{p.organisatie.naam} ({p.get_rol_display()})" for p in weg)),
            ", ".join(sorted(f"{org.naam} ({PartnerRol(rol).label})" for rol, org in erbij)),
        ]
    }


def _zet_faseplanning(traject, planning) -> dict[str, list[str]]:
    gewijzigd = {}
    bestaand = {fp.fase: fp for fp in traject.faseplanning.all()}
    for fase in FASEVOLGORDE:
        start, eind = planning[fase]
        fp = bestaand.get(fase)
        if fp is None:
            FasePlanning.objects.create(
                regio_id=traject.regio_id,
                traject=traject,
                fase=fase,
                gepland_start=start,
                gepland_eind=eind,
            )
            continue
        verschil = _pas_toe(fp, {"gepland_start": start, "gepland_eind": eind})
        if verschil:
            fp.save(update_fields=["gepland_start", "gepland_eind"])
            for veld, waarden in verschil.items():
                gewijzigd[f"{Fase(fase).label}: {veld.replace('gepland_', '')}"] = waarden
    mijlpalen.synchroniseer_faseplan(traject, planning)
    return gewijzigd


def _maak_checklist(traject, werving_start: date) -> None:
    stappen = [*STAPPENPLAN, *INRICHTINGSVRAGEN]
    ChecklistStap.objects.bulk_create(
        ChecklistStap(
            regio_id=traject.regio_id,
            traject=traject,
            volgorde=i,
            code=stap.code,
            titel=stap.titel,
            toelichting=stap.toelichting,
            bron=stap.bron,
            eigenaar_rol=stap.eigenaar_rol,
            deadline=werving_start - relativedelta(weeks=stap.weken_voor_start),
        )
        for i, stap in enumerate(stappen, start=1)
    )


@transaction.atomic
def maak_traject(
    *,
    regio,
    door: User,
    naam: str,
    branche: str,
    beroep,
    groepsgrootte: int,
    reden_groepsgrootte: str = "",
    planning: dict[str, tuple[date, date]],
    partners: dict[str, list[Organisatie]],
    ronde: int = 1,
    vorige_ronde: Traject | None = None,
    met_intake: bool = True,
    met_assessment: bool = True,
    met_selectie: bool = True,
    **catalogus: str,
) -> Traject:
    _controleer_traject(
        groepsgrootte=groepsgrootte,
        reden_groepsgrootte=reden_groepsgrootte,
        planning=planning,
        branche=branche,
        beroep=beroep,
    )
    _controleer_procesregie(partners)
    traject = Traject.objects.create(
        regio=regio,
        naam=naam.strip(),
        branche=branche,
        beroep=beroep,
        groepsgrootte=groepsgrootte,
        reden_groepsgrootte=reden_groepsgrootte.strip(),
        ronde=ronde,
        vorige_ronde=vorige_ronde,
        met_intake=met_intake,
        met_assessment=met_assessment,
        met_selectie=met_selectie,
        **{k: v.strip() for k, v in catalogus.items() if k in CATALOGUSVELDEN},
    )
    _zet_partners(traject, partners)
    _zet_faseplanning(traject, planning)
    _maak_checklist(traject, planning[Fase.WERVING][0])
    _log(
        traject,
        door,
        GebeurtenisSoort.AANGEMAAKT,
        _("Traject aangemaakt (ronde %(ronde)d)") % {"ronde": ronde},
    )
    return traject


def _controleer_procesregie(partners) -> None:
    regie = partners.get(PartnerRol.PROCESREGISSEUR, [])
    if len(regie) != 1:
        raise ValidationError({"procesregisseur": _("Precies één partij heeft de procesregie.")})
    if regie[0].soort not in PROCESREGIE_SOORTEN:
        raise ValidationError(
            {
                "procesregisseur": _(
                    "Procesregie ligt bij een regionaal werkcentrum of WSP, een maatschappelijk "
                    "dienstverlener of een gemeente; niet bij een %(soort)s."
                )
                % {"soort": regie[0].get_soort_display().lower()}
            }
        )


@transaction.atomic
def wijzig_traject(
    *,
    traject: Traject,
    door: User,
    planning: dict[str, tuple[date, date]],
    partners: dict[str, list[Organisatie]],
    **velden,
) -> Traject:
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if not traject.is_actief:
        raise ValidationError(
            _("Een afgesloten of geannuleerd traject kan niet meer gewijzigd worden.")
        )
    _controleer_traject(
        groepsgrootte=velden["groepsgrootte"],
        reden_groepsgrootte=velden.get("reden_groepsgrootte", ""),
        planning=planning,
        branche=velden.get("branche"),
        beroep=velden.get("beroep"),
    )
    _controleer_procesregie(partners)
    gewijzigd = _pas_toe(
        traject,
        {k: velden[k] for k in [*TRAJECTVELDEN, *STAPVELDEN, *CATALOGUSVELDEN] if k in velden},
    )
    traject.save()
    gewijzigd.update(_zet_partners(traject, partners))
    gewijzigd.update(_zet_faseplanning(traject, planning))
    if gewijzigd:
        _log(
            traject, door, GebeurtenisSoort.GEWIJZIGD, _("Traject gewijzigd"), wijzigingen=gewijzigd
        )
    return traject


@transaction.atomic
def verplaats_traject(*, traject: Traject, naar: str, door: User, reden: str = "") -> Traject:
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    van = traject.status
    if naar not in workflow.TRAJECT_OVERGANGEN[van]:
        raise ValidationError(
            _("Een traject in %(van)s kan niet naar %(naar)s.")
            % {
                "van": traject.get_status_display().lower(),
                "naar": TrajectStatus(naar).label.lower(),
            }
        )
    if naar == TrajectStatus.GEANNULEERD and not reden.strip():
        raise ValidationError({"reden": _("Geef de reden om het traject te annuleren.")})
    if (
        naar == TrajectStatus.GEANNULEERD
        and traject.deelnames.exclude(status__in=workflow.EINDSTATUSSEN).exists()
    ):
        raise ValidationError(
            _(
                "Er zijn nog actieve deelnemers. Kies bij het annuleren per deelnemer wat er "
                "gebeurt (uitval, wachtlijst of plan B)."
            )
        )
    if van == TrajectStatus.OPSTART and naar == TrajectStatus.WERVING:
        open_stappen = traject.checklist.filter(status=StapStatus.OPEN).count()
        if open_stappen:
            raise ValidationError(
                _(
                    "De werving kan pas starten als de opstartchecklist af is: nog %(n)d open "
                    "stap(pen). Vink ze af of zet ze op 'niet van toepassing' met een reden."
                )
                % {"n": open_stappen}
            )
    traject.status = naar
    if naar == TrajectStatus.GEANNULEERD:
        traject.annuleringsreden = reden.strip()
    traject.save(update_fields=["status", "annuleringsreden"])
    _log(
        traject,
        door,
        GebeurtenisSoort.OVERGANG,
        _("Traject: %(van)s → %(naar)s")
        % {"van": TrajectStatus(van).label, "naar": TrajectStatus(naar).label},
        van_status=van,
        naar_status=naar,
        reden=reden.strip(),
    )
    for mijlpaal in mijlpalen.na_trajectovergang(traject, naar, door, reden.strip()):
        _log_mijlpaal(traject, door, mijlpaal, deelname_id=mijlpaal.deelname_id)
    if naar == TrajectStatus.AFGESLOTEN:
        # By name: the begeleiding app builds on this one, not the other way round.
        koppeling = apps.get_model("begeleiding", "Koppeling")
        _beeindig_koppelingen(koppeling.objects.filter(deelname__traject=traject))
    transaction.on_commit(
        lambda: signals.traject_overgegaan.send(
            sender=Traject, traject_id=traject.pk, van=van, naar=naar
        )
    )
    return traject


@transaction.atomic
def start_nieuwe_ronde(*, traject: Traject, door: User, start: date) -> Traject:
    """Copies partners, catalogue text and the phase plan (shifted to `start`, with its werving
    steps), moves the waiting list and the open vacatures that placed nobody, copies the modules
    (without their dates) and links the rounds."""
    controleer(start=(GEPLAND, start))
    vorige = Traject.objects.select_for_update().get(pk=traject.pk)
    if hasattr(vorige, "volgende_ronde"):
        raise ValidationError(_("Er is al een volgende ronde van dit traject."))
    partners: dict[str, list[Organisatie]] = {}
    for p in vorige.partners.select_related("organisatie"):
        partners.setdefault(p.rol, []).append(p.organisatie)
    oud = {fp.fase: fp for fp in vorige.faseplanning.all()}
    verschuiving = start - oud[Fase.WERVING].gepland_start
    planning = {
        f: (fp.gepland_start + verschuiving, fp.gepland_eind + verschuiving)
        for f, fp in oud.items()
    }
    naam = vorige.naam.replace(f"ronde {vorige.ronde}", f"ronde {vorige.ronde + 1}")
    if naam == vorige.naam:
        naam = f"{vorige.naam} – ronde {vorige.ronde + 1}"
    nieuw = maak_traject(
        regio=vorige.regio,
        door=door,
        naam=naam,
        branche=vorige.branche,
        beroep=vorige.beroep,
        groepsgrootte=vorige.groepsgrootte,
        reden_groepsgrootte=vorige.reden_groepsgrootte,
        planning=planning,
        partners=partners,
        ronde=vorige.ronde + 1,
        vorige_ronde=vorige,
        **{veld: getattr(vorige, veld) for veld in [*STAPVELDEN, *CATALOGUSVELDEN]},
    )
    wachtenden = list(
        vorige.deelnames.filter(status=DeelnameStatus.WACHTLIJST).select_related(
            "kandidaat", "traject"
        )
    )
    for oude in wachtenden:
        plaats_in_traject(traject=nieuw, kandidaat=oude.kandidaat, door=door, vorige=oude)
    # Open vacatures go along to the new round; one that placed a deelnemer stays with the round
    # that placed it (the placement, its contract and claims belong there).
    from werving.models import Vacature, VacatureStatus

    Vacature.objects.filter(
        traject=vorige, status=VacatureStatus.OPEN, plaatsingen__isnull=True
    ).update(traject=nieuw)
    from begeleiding.models import Module

    Module.objects.bulk_create(
        Module(regio_id=nieuw.regio_id, traject=nieuw, soort=m.soort, aanbieder_id=m.aanbieder_id,
               dagen=m.dagen, omschrijving=m.omschrijving)
        for m in vorige.modules.all()
    )  # fmt: skip
    _log(
        vorige,
        door,
        GebeurtenisSoort.GEWIJZIGD,
        _("Volgende ronde gestart: %(naam)s (%(n)d van de wachtlijst)")
        % {"naam": nieuw.naam, "n": len(wachtenden)},
    )
    return nieuw


@transaction.atomic
def werk_checkliststap_bij(
    *,
    stap: ChecklistStap,
    door: User,
    status: str,
    reden_nvt: str = "",
    eigenaar=None,
    deadline=None,
) -> ChecklistStap:
    stap = ChecklistStap.objects.select_for_update().select_related("traject").get(pk=stap.pk)
    if status == StapStatus.NVT and not reden_nvt.strip():
        raise ValidationError(
            {"reden_nvt": _("Geef de reden waarom deze stap niet van toepassing is.")}
        )
    if (
        eigenaar is not None
        and not eigenaar.lidmaatschappen.filter(
            regio_id=stap.regio_id, beeindigd_op__isnull=True
        ).exists()
    ):
        raise ValidationError({"eigenaar": _("De eigenaar moet lid zijn van deze regio.")})
    gewijzigd = _pas_toe(
        stap,
        {
            "status": status,
            "reden_nvt": reden_nvt.strip() if status == StapStatus.NVT else "",
            "eigenaar": eigenaar,
            "deadline": deadline,
        },
    )
    if not gewijzigd:
        return stap
    if "status" in gewijzigd:
        stap.afgehandeld_door = door if status != StapStatus.OPEN else None
        stap.afgehandeld_op = timezone.now() if status != StapStatus.OPEN else None
    stap.save()
    _log(
        stap.traject,
        door,
        GebeurtenisSoort.CHECKLIST,
        _("Checklist: %(stap)s – %(status)s")
        % {"stap": stap.titel, "status": stap.get_status_display().lower()},
        reden=stap.reden_nvt,
        wijzigingen=gewijzigd,
    )
    return stap


@transaction.atomic
def plaats_in_traject(
    *, traject: Traject, kandidaat: Kandidaat, door: User, vorige: Deelname | None = None
) -> Deelname:
    """A kandidaat enters a traject as aangemeld (from the klantmanager portal, the procesregisseur,
    or the waiting list of the previous round)."""
    if not traject.is_actief:
        raise ValidationError(
            _("Aan een afgesloten of geannuleerd traject kunnen geen deelnemers worden toegevoegd.")
        )
    if traject.deelnames.filter(kandidaat=kandidaat).exists():
        raise ValidationError(_("Deze kandidaat is al aangemeld voor dit traject."))
    deelname = Deelname.objects.create(
        regio_id=traject.regio_id, traject=traject, kandidaat=kandidaat, vorige_deelname=vorige
    )
    # The timeline puts the (consent-aware) name in front: no names in the stored history.
    omschrijving = _("Aangemeld")
    if vorige is not None:
        omschrijving = _("Opnieuw gestart, vanuit %(traject)s (%(status)s)") % {
            "traject": vorige.traject.naam,
            "status": vorige.get_status_display().lower(),
        }
    _log(
        traject,
        door,
        GebeurtenisSoort.AANGEMAAKT,
        omschrijving,
        deelname=deelname,
        naar_status=DeelnameStatus.AANGEMELD,
    )
    return deelname


@transaction.atomic
def herstart(*, deelname: Deelname, traject: Traject, door: User) -> Deelname:
    """Re-entry of a kandidaat who dropped out, waited or went to plan B, in another round;
    the new deelname points to the old one, so the history stays together."""
    deelname = (
        Deelname.objects.select_for_update(of=("self",))
        .select_related("traject", "kandidaat")
        .get(pk=deelname.pk)
    )
    if deelname.status not in workflow.EINDSTATUSSEN - {DeelnameStatus.AFGEROND}:
        raise ValidationError(
            _("Alleen wie is uitgevallen, wacht of een plan B heeft, kan opnieuw starten.")
        )
    if traject.pk == deelname.traject_id:
        raise ValidationError({"traject": _("Kies een ander traject dan het huidige.")})
    if hasattr(deelname, "volgende_deelname"):
        raise ValidationError(_("Deze deelname heeft al een vervolg."))
    return plaats_in_traject(
        traject=traject, kandidaat=deelname.kandidaat, door=door, vorige=deelname
    )


@transaction.atomic
def voeg_partner_toe(*, traject: Traject, organisatie: Organisatie, rol: str, door: User) -> None:
    _partner, nieuw = TrajectPartner.objects.get_or_create(
        traject=traject, organisatie=organisatie, rol=rol, defaults={"regio_id": traject.regio_id}
    )
    traject.regio.organisaties.add(organisatie)
    if nieuw:
        _log(
            traject,
            door,
            GebeurtenisSoort.GEWIJZIGD,
            _("Partner toegevoegd: %(o)s (%(r)s)") % {"o": organisatie, "r": PartnerRol(rol).label},
        )


@transaction.atomic
def koppel_vacature(*, deelname: Deelname, vacature, door: User) -> Deelname:
    """Records the match of a deelnemer with a vacature (and so with its werkgever)."""
    d = (
        Deelname.objects.select_for_update()
        .select_related("traject", "kandidaat")
        .get(pk=deelname.pk)
    )
    if vacature.status != "open":
        raise ValidationError(_("Deze vacature is niet meer open."))
    if not d.traject.partners.filter(
        rol=PartnerRol.WERKGEVER, organisatie_id=vacature.werkgever_id
    ).exists():
        raise ValidationError(_("Deze werkgever is geen partner van dit traject."))
    gewijzigd = _pas_toe(d, {"vacature": vacature, "werkgever": vacature.werkgever})
    if gewijzigd:
        d.save(update_fields=["vacature", "werkgever"])
        _log(
            d.traject,
            door,
            GebeurtenisSoort.GEWIJZIGD,
            _("Gekoppeld aan %(v)s") % {"v": vacature},
            deelname=d,
            wijzigingen=gewijzigd,
        )
    return d


def _vergrendel(deelname: Deelname) -> Deelname:
    """The deelname row, locked, with the facts the warnings read (controles.annoteer)."""
    return controles.annoteer(
        Deelname.objects.select_for_update(of=("self",)).select_related("traject", "kandidaat")
    ).get(pk=deelname.pk)


def _overgang_tekst(van: str, naar: str) -> str:
    return _("%(van)s → %(naar)s") % {
        "van": DeelnameStatus(van).label,
        "naar": DeelnameStatus(naar).label,
    }


@transaction.atomic
def verplaats_deelname(
    *,
    deelname: Deelname,
    naar: str,
    door: User | None,
    gegevens: dict | None = None,
    reden: str = "",
    modus: str = Modus.GEWOON,
    herstelt: Gebeurtenis | None = None,
) -> Deelname:
    """The one way a Deelname changes state: lock, check edge and preconditions, save, log,
    update mijlpalen, and announce the change after commit (financing claims, reminders).

    `modus` names the table the edge must be in (workflow.Modus): an ordinary step, the choice
    made when the round stops (`annuleer_traject`), or an undo (`maak_ongedaan`, which passes
    the transition it reverses as `herstelt`). An ordinary step that skips something the round
    expects (workflow.waarschuwingen) needs a reason; the timeline shows both. "In dienst" with
    a contract that starts later is planned for that day, not taken now."""
    d = _vergrendel(deelname)
    van = d.status
    reden = reden.strip()
    naar = workflow.doel(d, naar) if modus == Modus.GEWOON else naar
    if not workflow.is_toegestaan(d, naar, modus):
        raise ValidationError(
            _("%(k)s kan niet van %(van)s naar %(naar)s.")
            % {
                "k": d.kandidaat,
                "van": d.get_status_display().lower(),
                "naar": DeelnameStatus(naar).label.lower(),
            }
        )
    if modus == Modus.ONGEDAAN and (
        herstelt is None
        or herstelt.deelname_id != d.pk
        or (herstelt.van_status, herstelt.naar_status) != (naar, van)
    ):
        raise ValueError("An undo reverses the deelname's last transition, passed as `herstelt`")
    if not d.traject.is_actief:
        raise ValidationError(_("Het traject is afgesloten of geannuleerd."))
    toegestane_velden = set() if modus == Modus.ONGEDAAN else set(workflow.VELDEN.get(naar, []))
    onbekend = set(gegevens or {}) - toegestane_velden
    if onbekend:
        raise ValueError(f"Fields {sorted(onbekend)} do not belong to the transition to {naar}")
    gewijzigd = _pas_toe(d, gegevens or {})
    fouten = workflow.voorwaarden(d, naar, modus)
    if fouten:
        raise ValidationError(fouten)
    if (
        naar == DeelnameStatus.PROEFPERIODE
        and modus == Modus.GEWOON
        and not d.traject.partners.filter(
            rol=PartnerRol.WERKGEVER, organisatie_id=d.werkgever_id
        ).exists()
    ):
        raise ValidationError({"werkgever": _("Deze werkgever is geen partner van dit traject.")})
    gemist = list(workflow.waarschuwingen(d, naar).values()) if modus == Modus.GEWOON else []
    if gemist and not reden:
        raise ValidationError(
            {
                "reden": [
                    *gemist,
                    _("Geef de reden om toch door te gaan; die komt in de tijdlijn."),
                ]
            }
        )
    if (
        naar == DeelnameStatus.IN_DIENST
        and modus == Modus.GEWOON
        and d.contract_start > timezone.localdate()
    ):
        return _plan(d, naar=naar, door=door, reden=reden, gewijzigd=gewijzigd, gemist=gemist)

    # Going back (an undo, or out of parking) reopens the mijlpalen closed since `terug_sinds`.
    terug = modus == Modus.ONGEDAAN or (
        van == DeelnameStatus.GEPARKEERD and naar == d.vorige_status
    )
    terug_sinds = d.status_sinds if terug else None
    d.vorige_status = van if naar == DeelnameStatus.GEPARKEERD else ""
    d.status = naar
    d.status_sinds = timezone.now()
    d.gepland_naar, d.gepland_op, d.gepland_door, d.geplande_reden = "", None, None, ""
    d.save()
    omschrijving = _overgang_tekst(van, naar)
    if modus == Modus.ONGEDAAN:
        omschrijving = _("%(overgang)s (ongedaan gemaakt)") % {"overgang": omschrijving}
    _log(
        d.traject,
        door,
        GebeurtenisSoort.OVERGANG,
        omschrijving,
        deelname=d,
        van_status=van,
        naar_status=naar,
        reden=reden,
        wijzigingen=gewijzigd,
        waarschuwingen=gemist,
        herstelt=herstelt,
    )
    vervalreden = reden or _("Niet meer van toepassing na %(overgang)s") % {
        "overgang": _overgang_tekst(van, naar)
    }
    if modus == Modus.ONGEDAAN:
        vervalreden = _("Ongedaan gemaakt: %(reden)s") % {"reden": reden}
    for mijlpaal in mijlpalen.na_deelname_overgang(
        d, van, naar, door, reden=vervalreden, terug_sinds=terug_sinds
    ):
        _log_mijlpaal(d.traject, door, mijlpaal, deelname=d)
    _koppelingen_na_overgang(d, naar, terug_sinds)
    ongedaan = modus == Modus.ONGEDAAN
    door_id = door.pk if door else None
    transaction.on_commit(
        lambda: signals.deelname_overgegaan.send(
            sender=Deelname,
            deelname_id=d.pk,
            van=van,
            naar=naar,
            ongedaan=ongedaan,
            door_id=door_id,
        )
    )
    return d


def _beeindig_koppelingen(koppelingen) -> None:
    """Coach and buddy links of a deelname that ends (or whose round closes) end today (one
    that was still to start ends on its start), so a caseload holds only who is coached now."""
    vandaag = timezone.localdate()
    lopend = koppelingen.filter(Q(eind__isnull=True) | Q(eind__gt=vandaag))
    lopend.filter(start__lte=vandaag).update(eind=vandaag)
    lopend.filter(start__gt=vandaag).update(eind=F("start"))


def _koppelingen_na_overgang(d: Deelname, naar: str, terug_sinds) -> None:
    """An end state ends the links; going back out of it reopens the links it ended."""
    if naar in workflow.EINDSTATUSSEN:
        _beeindig_koppelingen(d.coaches.all())
    elif terug_sinds is not None:
        d.coaches.filter(
            eind__gte=timezone.localdate(terug_sinds), eind__lte=timezone.localdate()
        ).update(eind=None)


def _plan(d: Deelname, *, naar, door, reden, gewijzigd, gemist) -> Deelname:
    """Planned, not taken: in dienst before the contract starts. The contract is saved and the
    step waits for its first day (`voer_geplande_overgangen_uit`); the state does not change."""
    d.gepland_naar, d.gepland_op, d.gepland_door = naar, d.contract_start, door
    d.geplande_reden = reden
    d.save()
    _log(
        d.traject,
        door,
        GebeurtenisSoort.GEWIJZIGD,
        _("%(naar)s gepland per %(datum)s")
        % {"naar": DeelnameStatus(naar).label, "datum": d.contract_start.strftime("%d-%m-%Y")},
        deelname=d,
        reden=reden,
        wijzigingen=gewijzigd,
        waarschuwingen=gemist,
    )
    return d


def voer_geplande_overgangen_uit() -> list[Deelname]:
    """The planned transitions that are due (the daily scan, within one regio's scope): each
    through verplaats_deelname, by whoever planned it and with their reason, each in its own
    transaction so one refusal does not hold up the others. Idempotent: a done plan is gone."""
    klaar = []
    due = (
        Deelname.objects.filter(
            gepland_op__lte=timezone.localdate(), traject__status__in=ACTIEVE_TRAJECTSTATUSSEN
        )
        .exclude(gepland_naar="")
        .select_related("gepland_door")
        .order_by("pk")
    )
    for d in due:
        try:
            klaar.append(
                verplaats_deelname(
                    deelname=d,
                    naar=d.gepland_naar,
                    door=d.gepland_door,
                    reden=d.geplande_reden or _("Gepland op de startdatum van het contract"),
                )
            )
        except ValidationError:
            logger.warning("geplande overgang van deelname %s niet uitgevoerd", d.pk)
    return klaar


@transaction.atomic
def maak_ongedaan(*, deelname: Deelname, door: User, reden: str) -> Deelname:
    """Undoes the deelname's last transition: only by who made it, only within
    ONGEDAAN_MAKEN_MINUTEN, as a new transition back (the history keeps both). Mijlpalen go
    back to how they were; financing withdraws a claim the step earned (a correction)."""
    d = _vergrendel(deelname)
    laatste = selectors.laatste_overgang(d)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden om de stap ongedaan te maken.")})
    if not d.traject.is_actief:
        raise ValidationError(_("Het traject is afgesloten of geannuleerd."))
    if laatste is None or laatste.naar_status != d.status:
        raise ValidationError(_("Er is geen stap om ongedaan te maken."))
    if laatste.herstelt_id is not None:
        raise ValidationError(_("Dit was al het ongedaan maken van een stap."))
    if Deelname.objects.filter(vorige_deelname=d).exists():
        raise ValidationError(
            _("De deelnemer is al opnieuw geplaatst in een andere ronde; maak dat eerst ongedaan.")
        )
    if laatste.door_id != door.pk:
        raise ValidationError(_("Alleen wie de stap zette, kan die ongedaan maken."))
    if timezone.now() - laatste.op > workflow.ongedaan_venster():
        raise ValidationError(
            _("Ongedaan maken kan tot %(n)d minuten na de stap; die tijd is voorbij.")
            % {"n": settings.ONGEDAAN_MAKEN_MINUTEN}
        )
    return verplaats_deelname(
        deelname=d,
        naar=laatste.van_status,
        door=door,
        reden=reden,
        modus=Modus.ONGEDAAN,
        herstelt=laatste,
    )


@transaction.atomic
def annuleer_traject(
    *,
    traject: Traject,
    door: User,
    reden: str,
    keuzes: dict[int, str],
    plannen_b: dict[int, str] | None = None,
) -> Traject:
    """Stops a round. Every active deelnemer gets what `keuzes` says ({deelname id: uitgevallen,
    wachtlijst or plan_b}; a plan B needs its text in `plannen_b`), each as a transition of its
    own (logged, counted in the funnel, seen by financing); then the traject is cancelled.
    Afterwards each can be placed in a later round (`herstart`, or the waiting list of
    `start_nieuwe_ronde`), linked to this deelname."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    plannen_b = plannen_b or {}
    if TrajectStatus.GEANNULEERD not in workflow.TRAJECT_OVERGANGEN[traject.status]:
        raise ValidationError(_("Dit traject is al afgesloten of geannuleerd."))
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden om het traject te stoppen.")})
    actief = list(
        traject.deelnames.exclude(status__in=workflow.EINDSTATUSSEN)
        .select_related("kandidaat")
        .order_by("pk")
    )
    in_dienst = [d for d in actief if d.status in workflow.NIET_TE_STOPPEN]
    if in_dienst:
        raise ValidationError(
            _(
                "%(n)d deelnemer(s) zijn in dienst of in nazorg. Hun contract loopt door: rond "
                "hun nazorg af en sluit het traject dan af, in plaats van te annuleren."
            )
            % {"n": len(in_dienst)}
        )
    fouten = {}
    for d in actief:
        keuze = keuzes.get(d.pk)
        if keuze not in workflow.BIJ_STOPPEN[d.status]:
            fouten[f"keuze_{d.pk}"] = _("Kies wat er met deze deelnemer gebeurt.")
        elif keuze == DeelnameStatus.PLAN_B and not plannen_b.get(d.pk, "").strip():
            fouten[f"plan_b_{d.pk}"] = _(
                "Beschrijf het plan B: ander traject, andere sector of later."
            )
    if fouten:
        raise ValidationError(fouten)
    stopreden = _("Traject gestopt: %(reden)s") % {"reden": reden.strip()}
    for d in actief:
        keuze = keuzes[d.pk]
        gegevens = {
            DeelnameStatus.UITGEVALLEN: {
                "uitval_reden": UitvalReden.TRAJECT_GESTOPT,
                "uitval_toelichting": reden.strip(),
                "uitval_alternatief": "",
            },
            DeelnameStatus.PLAN_B: {"plan_b": plannen_b.get(d.pk, "").strip()},
        }.get(keuze, {})
        verplaats_deelname(
            deelname=d,
            naar=keuze,
            door=door,
            gegevens=gegevens,
            reden=stopreden,
            modus=Modus.STOPPEN,
        )
    return verplaats_traject(
        traject=traject, naar=TrajectStatus.GEANNULEERD, door=door, reden=reden
    )


@transaction.atomic
def registreer_resultaat(
    *,
    deelname: Deelname,
    door: User,
    vca_behaald_op: date | None = None,
    vakopleiding_afgerond_op: date | None = None,
) -> Deelname:
    """Records VCA and vakopleiding results for the funnel (from issue 5 on: from module results)."""
    controleer(
        vca_behaald_op=(GEBEURD, vca_behaald_op),
        vakopleiding_afgerond_op=(GEBEURD, vakopleiding_afgerond_op),
    )
    d = (
        Deelname.objects.select_for_update()
        .select_related("traject", "kandidaat")
        .get(pk=deelname.pk)
    )
    waarden = {}
    if vca_behaald_op:
        waarden["vca_behaald_op"] = vca_behaald_op
    if vakopleiding_afgerond_op:
        waarden["vakopleiding_afgerond_op"] = vakopleiding_afgerond_op
    gewijzigd = _pas_toe(d, waarden)
    if gewijzigd:
        d.save(update_fields=list(gewijzigd))
        nieuw = {veld: getattr(d, veld) for veld in gewijzigd}
        transaction.on_commit(
            lambda: signals.deelname_resultaat_vastgelegd.send(
                sender=Deelname,
                deelname_id=d.pk,
                vca_behaald_op=nieuw.get("vca_behaald_op"),
                vakopleiding_afgerond_op=nieuw.get("vakopleiding_afgerond_op"),
            )
        )
        _log(
            d.traject,
            door,
            GebeurtenisSoort.GEWIJZIGD,
            _("Resultaat vastgelegd"),
            deelname=d,
            wijzigingen=gewijzigd,
        )
    return d


@transaction.atomic
def plan_mijlpaal(*, deelname: Deelname, soort: str, datum: date, rol: str, door: User) -> Mijlpaal:
    """An extra milestone for a deelname (e.g. the evaluation after an extended proefperiode)."""
    mijlpaal = mijlpalen.plan(deelname, soort, datum, rol)
    _log_mijlpaal(deelname.traject, door, mijlpaal, deelname=deelname)
    return mijlpaal


@transaction.atomic
def rond_mijlpaal_af(*, mijlpaal: Mijlpaal, door: User) -> Mijlpaal:
    m = Mijlpaal.objects.select_for_update().select_related("traject").get(pk=mijlpaal.pk)
    if m.status != MijlpaalStatus.OPEN:
        raise ValidationError(_("Deze mijlpaal is al afgerond of vervallen."))
    m.status = MijlpaalStatus.GEDAAN
    m.afgerond_op = timezone.now()
    m.afgerond_door = door
    m.save(update_fields=["status", "afgerond_op", "afgerond_door"])
    _log(
        m.traject,
        door,
        GebeurtenisSoort.MIJLPAAL,
        _("Mijlpaal afgerond: %(m)s") % {"m": m.get_soort_display()},
        mijlpaal=m,
        deelname_id=m.deelname_id,
    )
    return m
