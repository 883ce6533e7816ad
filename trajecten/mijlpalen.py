"""Which mijlpalen the phase plan and the transitions create, and which they close.

Called only from trajecten/services.py, inside the transaction of the change that causes them.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

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

_BEEINDIGD = {S.NIET_GESELECTEERD, S.WACHTLIJST, S.PLAN_B, S.UITGEVALLEN}


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


def na_trajectovergang(traject, naar: str, door) -> list[Mijlpaal]:
    open_ = Mijlpaal.objects.filter(traject=traject, deelname=None, status=MijlpaalStatus.OPEN)
    if naar == T.GEANNULEERD:
        return _sluit(open_, MijlpaalStatus.VERVALLEN, door)
    return _sluit(
        open_.filter(soort__in=AFGEROND_DOOR_TRAJECTSTATUS.get(naar, ())),
        MijlpaalStatus.GEDAAN,
        door,
    )


def na_deelname_overgang(deelname, van: str, naar: str, door) -> list[Mijlpaal]:
    """Returns the mijlpalen that were created or closed, for the history."""
    vandaag = timezone.localdate()
    geraakt = []
    open_ = Mijlpaal.objects.filter(deelname=deelname, status=MijlpaalStatus.OPEN)
    if naar == S.GESELECTEERD:
        geraakt += _maak(
            deelname, M.PROEFPERIODE_START, vandaag + relativedelta(months=3), Rol.PROCESREGISSEUR
        )
    elif naar == S.PROEFPERIODE:
        geraakt += _sluit(open_.filter(soort=M.PROEFPERIODE_START), MijlpaalStatus.GEDAAN, door)
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
    elif naar in _BEEINDIGD:
        geraakt += _sluit(open_, MijlpaalStatus.VERVALLEN, door)
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
        mijlpaal.save(update_fields=["status", "vervaldatum", "afgerond_op", "afgerond_door"])
        return [mijlpaal]
    return [mijlpaal] if nieuw else []


def _sluit(queryset, status, door) -> list[Mijlpaal]:
    mijlpalen = list(queryset.select_for_update())
    for mijlpaal in mijlpalen:
        mijlpaal.status = status
        mijlpaal.afgerond_op = timezone.now()
        mijlpaal.afgerond_door = door
        mijlpaal.save(update_fields=["status", "afgerond_op", "afgerond_door"])
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
        },
    )
    return mijlpaal
