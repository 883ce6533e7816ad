from datetime import date

import time_machine
from dateutil.relativedelta import relativedelta

from trajecten import services
from trajecten.models import (
    DeelnameStatus as S,
)
from trajecten.models import (
    Mijlpaal,
    MijlpaalStatus,
    PartnerRol,
    UitvalReden,
)
from trajecten.models import (
    MijlpaalSoort as M,
)


def door(deelname, regisseur, *statussen, **gegevens):
    for naar in statussen:
        services.verplaats_deelname(
            deelname=deelname,
            naar=naar,
            door=regisseur,
            gegevens=gegevens.get(naar),
            reden="Zonder verslag",
        )


def mijlpalen(deelname):
    return {m.soort: m for m in Mijlpaal.objects.filter(deelname=deelname)}


@time_machine.travel(date(2027, 2, 1))
def test_mijlpalen_uit_overgangen(traject, deelname, regisseur, in_regio_a):
    werkgever = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie
    door(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    m = mijlpalen(deelname)
    assert m[M.PROEFPERIODE_START].vervaldatum == date(2027, 5, 1)
    assert m[M.PROEFPERIODE_START].eigenaar_rol == "procesregisseur"

    door(deelname, regisseur, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING)
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.PROEFPERIODE,
        door=regisseur,
        gegevens={"werkgever": werkgever},
        reden="Zonder VCA",
    )
    m = mijlpalen(deelname)
    assert m[M.PROEFPERIODE_START].status == MijlpaalStatus.GEDAAN
    assert (m[M.EVALUATIE_1].vervaldatum, m[M.EVALUATIE_2].vervaldatum) == (
        date(2027, 3, 1),
        date(2027, 4, 1),
    )
    assert m[M.EVALUATIE_1].eigenaar_rol == "begeleider"

    with time_machine.travel(date(2027, 4, 15)):  # in dienst takes effect on the contract start
        services.verplaats_deelname(
            deelname=deelname,
            naar=S.IN_DIENST,
            door=regisseur,
            gegevens={
                "contract_start": date(2027, 4, 15),
                "contract_duur_maanden": 12,
                "contract_uren_per_week": 32,
                "cao": "Cao Glas",
                "contract_afwijking_reden": "",
            },
            reden="Evaluaties mondeling gedaan",
        )
    m = mijlpalen(deelname)
    assert m[M.NAZORG_1].vervaldatum == date(2027, 5, 15)
    assert m[M.NAZORG_3].vervaldatum == date(2027, 7, 15)
    assert m[M.CONTRACT_6_MAANDEN].vervaldatum == date(2027, 10, 15)


def test_uitval_laat_open_mijlpalen_vervallen(deelname, regisseur, in_regio_a):
    door(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    services.verplaats_deelname(
        deelname=deelname,
        naar=S.UITGEVALLEN,
        door=regisseur,
        gegevens={"uitval_reden": UitvalReden.SCHULDEN, "uitval_toelichting": ""},
    )
    assert mijlpalen(deelname)[M.PROEFPERIODE_START].status == MijlpaalStatus.VERVALLEN


def test_te_laat_is_afgeleid_en_niet_opgeslagen(deelname, regisseur, in_regio_a):
    door(deelname, regisseur, S.INTAKE, S.ASSESSMENT, S.GESELECTEERD)
    m = mijlpalen(deelname)[M.PROEFPERIODE_START]
    with time_machine.travel(m.vervaldatum):
        assert not m.te_laat
    with time_machine.travel(m.vervaldatum + relativedelta(days=1)):
        assert m.te_laat
        assert (
            Mijlpaal.objects.filter(status=MijlpaalStatus.OPEN, vervaldatum__lt=date.today())
            .filter(pk=m.pk)
            .exists()
        )
    services.rond_mijlpaal_af(mijlpaal=m, door=regisseur)
    m.refresh_from_db()
    assert not m.te_laat
