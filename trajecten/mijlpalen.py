"""Which mijlpalen the phase plan and the transitions create, and which they close.

Called only from trajecten/services.py, inside the transaction of the change that causes them.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.models import Rol

from .models import (
    DeelnameStatus as S,
)
from .models import (
    Fase,
    Mijlpaal,
    MijlpaalStatus,
)
from .models import (
    MijlpaalSoort as M,
)
from .models import (
    TrajectStatus as T,
)
from .workflow import EINDSTATUSSEN

# Traject level: (soort, fase, "start" or "eind" of that fase).
UIT_FASEPLAN = [
    (M.BAANGARANTIES, Fase.WERVING, "start"),
    (M.WERVING_AFGEROND, Fase.WERVING, "eind"),
    (M.START_VOORSCHAKELTRAJECT, Fase.VOORSCHAKELTRAJECT, "start"),
    (M.START_PROEFPERIODES, Fase.PROEFPERIODE, "start"),
    (M.EINDE_PROEFPERIODES, Fase.PROEFPERIODE, "eind"),
    (M.NAZORG_AFGEROND, Fase.NAZORG, "eind"),
]

# Entering a traject state completes these traject mijlpalen.
AFGEROND_DOOR_TRAJECTSTATUS = {
    T.VOORSCHAKELTRAJECT: {M.WERVING_AFGEROND, M.START_VOORSCHAKELTRAJECT},
    T.PROEFPERIODE: {M.START_PROEFPERIODES},
    T.NAZORG: {M.EINDE_PROEFPERIODES},
    T.AFGESLOTEN: {M.NAZORG_AFGEROND},
}

# In which states of a deelname its mijlpaal of each kind still applies. After a move to any
# other state an open one lapses ("vervallen") with the reason of that move.
GELDT_IN = {
    M.PROEFPERIODE_START: {S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING},
    M.EVALUATIE_1: {S.PROEFPERIODE},
    M.EVALUATIE_2: {S.PROEFPERIODE},
    M.EVALUATIE_VERLENGING: {S.PROEFPERIODE},
    M.NAZORG_1: {S.IN_DIENST, S.NAZORG},
    M.NAZORG_3: {S.IN_DIENST, S.NAZORG},
    M.CONTRACT_6_MAANDEN: {S.IN_DIENST, S.NAZORG},
    M.RETENTIE_12: {S.IN_DIENST, S.NAZORG},
}


def synchroniseer_faseplan(traject, planning: dict[str, tuple[date, date]]) -> None:
    """Creates the traject mijlpalen, or moves the date of open ones when the plan changes."""
    for soort, fase, rand in UIT_FASEPLAN:
        start, eind = planning[fase]
        datum = start if rand == "start" else eind
        mijlpaal, nieuw = Mijlpaal.objects.get_or_create(
            traject=traject,
            deelname=None,
            soort=soort,
            defaults={
                "regio_id": traject.regio_id,
                "vervaldatum": datum,
                "eigenaar_rol": Rol.PROCESREGISSEUR,
            },
        )
        if not nieuw and mijlpaal.status == MijlpaalStatus.OPEN and mijlpaal.vervaldatum != datum:
            mijlpaal.vervaldatum = datum
            mijlpaal.save(update_fields=["vervaldatum"])


def na_trajectovergang(traject, naar: str, door, reden: str = "") -> list[Mijlpaal]:
    open_ = Mijlpaal.objects.filter(traject=traject, deelname=None, status=MijlpaalStatus.OPEN)
    if naar == T.GEANNULEERD:
        return _sluit(open_, MijlpaalStatus.VERVALLEN, door, reden)
    geraakt = _sluit(
        open_.filter(soort__in=AFGEROND_DOOR_TRAJECTSTATUS.get(naar, ())),
        MijlpaalStatus.GEDAAN,
        door,
    )
    if naar == T.AFGESLOTEN:
        # A closed round leaves nothing open, so overdue items do not pile up for years.
        geraakt += _sluit(
            Mijlpaal.objects.filter(traject=traject, status=MijlpaalStatus.OPEN),
            MijlpaalStatus.VERVALLEN,
            door,
            reden or _("Traject afgesloten"),
        )
    return geraakt


def na_deelname_overgang(
    deelname, van: str, naar: str, door, *, reden: str, terug_sinds=None
) -> list[Mijlpaal]:
    """Returns the mijlpalen that were created, reopened or closed, for the history.

    A step forward creates the mijlpalen of the new state. Going back (an undo, or out of
    parking: `terug_sinds` = when the state was left) reopens those of the state returned to
    that were closed since, with their own dates. Either way, open ones that no longer apply
    in the new state lapse with `reden`."""
    vandaag = timezone.localdate()
    geraakt = []
    if terug_sinds is not None:
        geraakt += _heropen(
            Mijlpaal.objects.filter(
                deelname=deelname,
                soort__in=[soort for soort, statussen in GELDT_IN.items() if naar in statussen],
                afgerond_op__gte=terug_sinds,
            ).exclude(status=MijlpaalStatus.OPEN)
        )
    elif naar == S.GESELECTEERD or (
        naar == S.VOORSCHAKELTRAJECT and not deelname.traject.met_selectie
    ):
        geraakt += _maak(
            deelname, M.PROEFPERIODE_START, vandaag + relativedelta(months=3), Rol.PROCESREGISSEUR
        )
    elif naar == S.PROEFPERIODE:
        geraakt += _sluit(
            Mijlpaal.objects.filter(
                deelname=deelname, soort=M.PROEFPERIODE_START, status=MijlpaalStatus.OPEN
            ),
            MijlpaalStatus.GEDAAN,
            door,
        )
        geraakt += _maak(deelname, M.EVALUATIE_1, vandaag + relativedelta(months=1), Rol.BEGELEIDER)
        geraakt += _maak(deelname, M.EVALUATIE_2, vandaag + relativedelta(months=2), Rol.BEGELEIDER)
    elif naar == S.IN_DIENST:
        start = deelname.contract_start
        geraakt += _maak(deelname, M.NAZORG_1, start + relativedelta(months=1), Rol.BEGELEIDER)
        geraakt += _maak(deelname, M.NAZORG_3, start + relativedelta(months=3), Rol.BEGELEIDER)
        geraakt += _maak(
            deelname, M.CONTRACT_6_MAANDEN, start + relativedelta(months=6), Rol.PROCESREGISSEUR
        )
        geraakt += _maak(deelname, M.RETENTIE_12, start + relativedelta(months=12), Rol.BEGELEIDER)
    open_ = Mijlpaal.objects.filter(deelname=deelname, status=MijlpaalStatus.OPEN)
    if naar not in EINDSTATUSSEN:  # an end state leaves nothing open, also not a planned one
        open_ = open_.filter(
            soort__in=[soort for soort, statussen in GELDT_IN.items() if naar not in statussen]
        )
    geraakt += _sluit(open_, MijlpaalStatus.VERVALLEN, door, reden)
    return geraakt


def _maak(deelname, soort, datum, rol) -> list[Mijlpaal]:
    mijlpaal, nieuw = Mijlpaal.objects.get_or_create(
        traject_id=deelname.traject_id,
        deelname=deelname,
        soort=soort,
        defaults={"regio_id": deelname.regio_id, "vervaldatum": datum, "eigenaar_rol": rol},
    )
    if not nieuw and mijlpaal.status == MijlpaalStatus.VERVALLEN:
        # Back from geparkeerd or a re-run: the milestone counts again, from today.
        mijlpaal.status, mijlpaal.vervaldatum = MijlpaalStatus.OPEN, datum
        mijlpaal.afgerond_op = mijlpaal.afgerond_door = None
        mijlpaal.reden = ""
        mijlpaal.save(
            update_fields=["status", "vervaldatum", "afgerond_op", "afgerond_door", "reden"]
        )
        return [mijlpaal]
    return [mijlpaal] if nieuw else []


def _sluit(queryset, status, door, reden: str = "") -> list[Mijlpaal]:
    mijlpalen = list(queryset.select_for_update())
    for mijlpaal in mijlpalen:
        mijlpaal.status = status
        mijlpaal.afgerond_op = timezone.now()
        mijlpaal.afgerond_door = door
        mijlpaal.reden = reden if status == MijlpaalStatus.VERVALLEN else ""
        mijlpaal.save(update_fields=["status", "afgerond_op", "afgerond_door", "reden"])
    return mijlpalen


def _heropen(queryset) -> list[Mijlpaal]:
    mijlpalen = list(queryset.select_for_update())
    for mijlpaal in mijlpalen:
        mijlpaal.status = MijlpaalStatus.OPEN
        mijlpaal.afgerond_op = mijlpaal.afgerond_door = None
        mijlpaal.reden = ""
        mijlpaal.save(update_fields=["status", "afgerond_op", "afgerond_door", "reden"])
    return mijlpalen


def plan(deelname, soort, datum, rol) -> Mijlpaal:
    """A milestone planned by hand (again): open, with this date, whatever it was before."""
    mijlpaal, _nieuw = Mijlpaal.objects.update_or_create(
        traject_id=deelname.traject_id,
        deelname=deelname,
        soort=soort,
        defaults={
            "regio_id": deelname.regio_id,
            "vervaldatum": datum,
            "eigenaar_rol": rol,
            "status": MijlpaalStatus.OPEN,
            "afgerond_op": None,
            "afgerond_door": None,
            "reden": "",
        },
    )
    return mijlpaal
