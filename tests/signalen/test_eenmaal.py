"""Exactly once: a scan run twice, or twice at the same time, makes each signaal once; each
signaal is mailed at most once, also when a delivery is retried or a worker dies; and a scan
costs the same number of queries per rule whatever the size of the regio."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from organisaties.models import Rol
from signalen import services
from signalen.models import Bezorging, BezorgStatus, Modus, Signaal, Voorkeur
from signalen.regels import REGELS

from .conftest import BASIS, op
from .test_regels import GEVALLEN

DAG = BASIS + timedelta(days=40)


def _wereld_vol(o, keer=1):
    """Every rule's case, `keer` times over."""
    with op(BASIS):
        for _ in range(keer):
            for maak in GEVALLEN.values():
                geval = maak(o)
                if geval.maak:
                    geval.maak()


def _queries_per_regel(o):
    """Per rule, in steady state: a first scan takes in what is new, the second is measured."""
    o.scan(DAG)
    per_regel = {}
    for regel in REGELS:
        with CaptureQueriesContext(connection) as q:
            o.scan(DAG, regels=[regel])
        per_regel[regel.code] = len(q)
    return per_regel


def test_de_scan_kost_per_regel_evenveel_queries_bij_meer_gegevens(omgeving):
    _wereld_vol(omgeving)
    klein = _queries_per_regel(omgeving)
    aantal_klein = len(omgeving.signalen())
    _wereld_vol(omgeving, keer=2)
    groot = _queries_per_regel(omgeving)
    assert len(omgeving.signalen()) > 2 * aantal_klein
    assert groot == klein
    assert max(klein.values()) <= 12


def test_twee_keer_scannen_maakt_en_mailt_alles_een_keer(
    omgeving, django_capture_on_commit_callbacks
):
    _wereld_vol(omgeving)
    with django_capture_on_commit_callbacks(execute=True):
        omgeving.scan(DAG)
    eerst = {s.pk for s in omgeving.signalen()}
    mails = len(mail.outbox)
    assert eerst and mails
    with django_capture_on_commit_callbacks(execute=True):
        omgeving.scan(DAG)
    assert {s.pk for s in omgeving.signalen()} == eerst
    assert len(mail.outbox) == mails
    # Every direct signaal is in exactly one sent delivery; the others wait for the overview.
    with scope(regio=omgeving.regio.pk):
        direct = Signaal.objects.filter(bezorging__modus=Modus.DIRECT)
        assert direct.count() and not direct.exclude(bezorging__status=BezorgStatus.VERSTUURD)
        assert Bezorging.objects.filter(modus=Modus.DIRECT).count() == mails


def test_het_dagoverzicht_neemt_de_rest_en_respecteert_uit(
    omgeving, django_capture_on_commit_callbacks
):
    _wereld_vol(omgeving)
    regisseur = omgeving.rol(Rol.PROCESREGISSEUR)
    Voorkeur.objects.create(user=regisseur, regel="afstemming_wekelijks", modus=Modus.UIT)
    with django_capture_on_commit_callbacks(execute=True):
        omgeving.scan(DAG)
    mail.outbox.clear()
    from signalen import tasks

    with op(DAG):
        tasks.verstuur_dagoverzichten()
    assert mail.outbox, "geen dagoverzicht"
    aan_regisseur = [m for m in mail.outbox if m.to == [regisseur.email]]
    assert len(aan_regisseur) == 1 and "dagoverzicht" in aan_regisseur[0].subject
    assert "Wekelijkse afstemming" not in aan_regisseur[0].body
    html = aan_regisseur[0].alternatives[0][0]
    assert "<a href=" in html
    with scope(regio=omgeving.regio.pk):
        uit = Signaal.objects.filter(ontvanger=regisseur, regel="afstemming_wekelijks")
        assert uit.exists() and not uit.filter(bezorging__isnull=False).exists()
    mail.outbox.clear()
    with op(DAG):
        tasks.verstuur_dagoverzichten()
    assert mail.outbox == []  # nothing new: nothing sent twice


def _een_bezorging(o, django_capture_on_commit_callbacks):
    _wereld_vol(o)
    o.scan(DAG)  # without running on_commit: nothing sent yet
    ids = services.stel_bezorgingen_samen(regio=o.regio, modus=Modus.DIRECT)
    assert ids
    return ids[0]


def test_een_bezorging_wordt_hoogstens_een_keer_verstuurd(
    omgeving, django_capture_on_commit_callbacks
):
    b = _een_bezorging(omgeving, django_capture_on_commit_callbacks)
    assert services.verstuur(bezorging_id=b) is True
    assert services.verstuur(bezorging_id=b) is False  # a retried task
    assert len(mail.outbox) == 1
    # A worker that died after taking a delivery: it stays "verzenden" and is never resent.
    with scope(regio=omgeving.regio.pk):
        Bezorging.objects.filter(pk=b).update(status=BezorgStatus.VERZENDEN)
    assert services.verstuur(bezorging_id=b) is False
    assert len(mail.outbox) == 1


def test_een_mislukte_bezorging_komt_later_opnieuw(
    omgeving, django_capture_on_commit_callbacks, settings
):
    b = _een_bezorging(omgeving, django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "tests.signalen.test_eenmaal.KapotteMail"
    assert services.verstuur(bezorging_id=b) is False
    with scope(regio=omgeving.regio.pk):
        assert Bezorging.objects.get(pk=b).status == BezorgStatus.MISLUKT
        assert not Signaal.objects.filter(bezorging_id=b).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    opnieuw = services.stel_bezorgingen_samen(regio=omgeving.regio, modus=Modus.DIRECT)
    assert all(services.verstuur(bezorging_id=i) for i in opnieuw)
    assert len(mail.outbox) == len(opnieuw) >= 1


class KapotteMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, berichten):
        raise ConnectionRefusedError("SMTP-server onbereikbaar")


@pytest.mark.django_db(transaction=True)
def test_twee_scans_en_bezorgingen_tegelijk(omgeving):
    """Two beat processes, each on its own connection, scan and deliver at the same moment."""
    _wereld_vol(omgeving)
    mail.outbox.clear()  # the werkgever's invitation of one case
    start = threading.Barrier(2, timeout=20)
    fouten = []

    def draai():
        try:
            start.wait()
            with op(DAG):
                services.scan_regio(regio=omgeving.regio, vandaag=DAG)
                for b in services.stel_bezorgingen_samen(regio=omgeving.regio, modus=Modus.DIRECT):
                    services.verstuur(bezorging_id=b)
        except Exception as fout:  # noqa: BLE001 - reported to the test
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draai) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert fouten == []
    with scope(regio=omgeving.regio.pk):
        sleutels = list(
            Signaal.objects.values_list("regel", "sleutel", "vervaldatum", "ontvanger_id")
        )
        assert sleutels and len(sleutels) == len(set(sleutels))
        direct = Signaal.objects.filter(bezorging__modus=Modus.DIRECT)
        assert direct.exists()
        verstuurd = Bezorging.objects.filter(status=BezorgStatus.VERSTUURD)
        per_ontvanger = list(verstuurd.values_list("ontvanger_id", flat=True))
    assert len(mail.outbox) == len(per_ontvanger)
    assert len(per_ontvanger) == len(set(per_ontvanger)), "iemand kreeg twee e-mails"
