"""Reactions to the trajecten app's signals (sent after commit): enqueue the claim task with
the ids. Which event earns which claim is decided here; the service checks it again."""

from trajecten.models import DeelnameStatus

from .models import VorderingSoort

# Entering this state earns this claim (RESULTAAT_II only with a contract of ≥ 6 months, which
# the service checks).
VERDIEND_BIJ_OVERGANG = {
    DeelnameStatus.VOORSCHAKELTRAJECT: VorderingSoort.START,
    DeelnameStatus.IN_DIENST: VorderingSoort.RESULTAAT_II,
}


def na_deelname_overgang(sender, *, deelname_id, van, naar, ongedaan=False, door_id=None, **kw):
    if ongedaan:
        # The undone step may have earned a claim: withdraw what is no longer earned.
        from .tasks import trek_onverdiende_vorderingen_in

        trek_onverdiende_vorderingen_in.delay(deelname_id, door_id)
        return
    soort = VERDIEND_BIJ_OVERGANG.get(naar)
    if soort:
        from .tasks import maak_vordering

        maak_vordering.delay(deelname_id, soort)


def na_resultaat(sender, *, deelname_id, vakopleiding_afgerond_op=None, **kwargs):
    if vakopleiding_afgerond_op:
        from .tasks import maak_vordering

        maak_vordering.delay(deelname_id, VorderingSoort.RESULTAAT_I)
