"""`manage.py seed_scale`: a generated deelname has the same rows as one taken through the
services (its history, mijlpalen, claims, bookings, consent, coach, contacts, attendance), in
a copied regio as in a copied round and an older (closed) one."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from begeleiding.models import Contactmoment, Koppeling, Presentie
from financiering.models import Boeking, Vordering
from organisaties.models import Lidmaatschap, Regio
from trajecten.models import Deelname, Gebeurtenis, Mijlpaal, MijlpaalStatus, Traject
from werving.models import Toestemming

pytestmark = pytest.mark.django_db(transaction=True)


def rijen(d: Deelname, *, gesloten=False) -> dict:
    """What a deelname has, without ids or moments."""

    def mijlpaal(m):
        status = m.status
        if gesloten and status == MijlpaalStatus.OPEN:
            status = MijlpaalStatus.VERVALLEN  # an older round leaves nothing open
        return (m.soort, status, m.eigenaar_rol)

    return {
        "deelname": (d.status, d.uitval_reden, d.contract_duur_maanden, d.kandidaat.achternaam),
        "gebeurtenissen": sorted(
            (g.soort, g.van_status, g.naar_status, g.omschrijving)
            for g in Gebeurtenis.objects.filter(deelname=d)
        ),
        "mijlpalen": sorted(mijlpaal(m) for m in Mijlpaal.objects.filter(deelname=d)),
        "vorderingen": sorted(
            (v.soort, v.status, v.bedrag) for v in Vordering.objects.filter(deelname=d)
        ),
        "boekingen": sorted(
            (b.soort, b.debet, b.credit, b.bedrag)
            for b in Boeking.objects.filter(vordering__deelname=d)
        ),
        "toestemmingen": sorted(
            t.ontvanger for t in Toestemming.objects.filter(kandidaat=d.kandidaat_id)
        ),
        "coaches": sorted((k.rol, k.persoon.naam) for k in Koppeling.objects.filter(deelname=d)),
        "contacten": Contactmoment.objects.filter(deelname=d).count(),
        "presentie": sorted(p.aanwezigheid for p in Presentie.objects.filter(deelname=d)),
    }


def test_gegenereerde_deelnames_hebben_de_rijen_van_de_services():
    call_command("seed_scale", regios=2, trajecten=2, deelnemers=6, history=2, seed=7)
    with scopes_disabled():
        eerste, tweede = Regio.objects.filter(slug__startswith="schaal-7-").order_by("pk")
        proto = Traject.objects.filter(regio=eerste).order_by("pk").first()  # the services'
        assert Traject.objects.filter(regio=eerste).count() == 4  # 2 rounds, ×2 history
        assert Traject.objects.filter(regio=tweede).count() == 2
        assert Lidmaatschap.objects.filter(regio=tweede).count() == 6
        assert not Lidmaatschap.objects.filter(
            regio=tweede, user__in=Lidmaatschap.objects.filter(regio=eerste).values("user")
        ).exists()
        echt = list(Deelname.objects.filter(traject=proto).order_by("pk"))
        assert {d.status for d in echt} >= {"in_dienst", "uitgevallen", "aangemeld"}
        assert Vordering.objects.filter(deelname__in=echt).exists()
        for traject in Traject.objects.exclude(pk=proto.pk).filter(regio__in=[eerste, tweede]):
            kopie = list(Deelname.objects.filter(traject=traject).order_by("pk"))
            gesloten = traject.status == "afgesloten"
            assert len(kopie) == len(echt)
            for a, b in zip(echt, kopie, strict=True):
                assert rijen(b) == rijen(a, gesloten=gesloten)
                assert b.regio_id == traject.regio_id and b.kandidaat.regio_id == traject.regio_id
        eerder = Traject.objects.filter(regio=eerste, status="afgesloten")
        assert eerder.count() == 2
        assert not Mijlpaal.objects.filter(traject__in=eerder, status=MijlpaalStatus.OPEN).exists()
