"""AVG retention: after the regio's period a kandidaat is anonymised, first as a dry run; every
KPI, the history of steps, the claims and the ledger stay exactly as they were."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django_scopes import scope

from financiering import selectors as fin
from financiering.models import Boeking, Rekening, Vordering
from organisaties.models import Rol
from tests.factories import meld_aan
from tests.paginas import _financiering_in_a
from trajecten import selectors as trajecten
from trajecten.models import Deelname, Gebeurtenis
from werving import services
from werving.models import Kandidaat
from werving.tasks import anonimiseer_alle_regios

AMS = ZoneInfo("Europe/Amsterdam")


def _stand(w):
    regisseur = w.per_rol[Rol.PROCESREGISSEUR]
    with scope(regio=w.regio_a.pk):
        return {
            "kpi": trajecten.kpi_regio(user=regisseur, regio=w.regio_a),
            "saldi": {
                r: fin.saldo(regio=w.regio_a, fonds=w.fonds, rekening=r) for r in Rekening.values
            },
            "boekingen": list(Boeking.objects.values_list("pk", "bedrag", "soort")),
            "vorderingen": list(Vordering.objects.values_list("pk", "bedrag", "status")),
            "stappen": list(Gebeurtenis.objects.values_list("pk", "van_status", "naar_status")),
        }


@time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=AMS), tick=False)
def test_anonimiseren_na_de_bewaartermijn_laat_kpis_en_grootboek_gelijk(wereld, capsys):
    w = _financiering_in_a(wereld)
    regisseur = w.per_rol[Rol.PROCESREGISSEUR]
    lopend = meld_aan(w.traject, regisseur, gemeente=w.gemeente_a)[0]
    with scope(regio=w.regio_a.pk):
        Deelname.objects.filter(pk=w.deelname.pk).update(
            status="afgerond", status_sinds=datetime(2026, 3, 1, tzinfo=AMS)
        )
        naam = str(Kandidaat.objects.get(pk=w.deelname.kandidaat_id))
    voor = _stand(w)

    # One day short of 24 months: nothing yet.
    with time_machine.travel(datetime(2028, 2, 29, 9, tzinfo=AMS), tick=False):
        assert services.anonimiseer_kandidaten(regio=w.regio_a, proef=True) == []

    with time_machine.travel(datetime(2028, 3, 2, 9, tzinfo=AMS), tick=False):
        # The dry run reports, and changes nothing.
        call_command("anonimiseer")
        assert f"1 kandidaten zouden worden geanonimiseerd: [{w.deelname.kandidaat_id}]" in (
            capsys.readouterr().out
        )
        with scope(regio=w.regio_a.pk):
            assert str(Kandidaat.objects.get(pk=w.deelname.kandidaat_id)) == naam
        # The scheduled task does it; a second run finds nothing more.
        assert anonimiseer_alle_regios() == {w.regio_a.slug: 1, w.regio_b.slug: 0}
        assert anonimiseer_alle_regios() == {w.regio_a.slug: 0, w.regio_b.slug: 0}
        na = _stand(w)

    with scope(regio=w.regio_a.pk):
        k = Kandidaat.objects.get(pk=w.deelname.kandidaat_id)
        assert str(k) == f"Geanonimiseerd #{k.pk}" and k.geanonimiseerd_op is not None
        assert not k.bsn_versleuteld and not k.woonplaats
        # The running deelnemer is kept.
        assert Kandidaat.objects.get(pk=lopend.kandidaat_id).geanonimiseerd_op is None
    assert na == voor
