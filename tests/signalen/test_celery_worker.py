"""The whole chain with a real Celery worker on the real Redis: the scan task goes through the
broker, the worker finds an overdue mijlpaal, records the signaal, sends the e-mail after commit,
and the test sees both — the signaal in the database and the mail on disk."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_scopes import scope

from config.celery import app
from organisaties.models import Rol
from signalen import tasks
from signalen.models import BezorgStatus, Signaal
from tests.factories import maak_traject

BASIS = Path(settings.BASE_DIR)


def _database_url() -> str:
    d = connection.settings_dict
    if str(d["HOST"]).startswith("/"):  # a socket directory (the embedded PostgreSQL)
        return f"postgresql://{d['USER']}@/{d['NAME']}?host={d['HOST']}"
    return (
        f"postgres://{d['USER']}:{d['PASSWORD'] or ''}@{d['HOST']}:{d['PORT'] or 5432}/{d['NAME']}"
    )


def _broker_url() -> str:
    """The real Redis, in its last database: the other tests clear the cache database (db 0) and
    would take the queued task with it."""
    basis = (
        settings.REDIS_URL.rsplit("/", 1)[0]
        if settings.REDIS_URL.count("/") > 2
        else settings.REDIS_URL
    )
    return f"{basis}/15"


@pytest.fixture
def worker(tmp_path, monkeypatch):
    """A Celery worker in its own process, on its own queue of the real Redis."""
    wachtrij = f"schakel-test-{uuid.uuid4().hex[:8]}"
    broker = _broker_url()
    omgeving = {
        **os.environ,
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": wachtrij,
        "EMAIL_URL": f"filemail:///{tmp_path}/mail",
    }
    proces = subprocess.Popen(  # noqa: S603 - celery of this venv with fixed arguments
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", wachtrij,
         "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel=INFO"],
        cwd=BASIS, env=omgeving, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    try:
        yield {"mail": tmp_path / "mail", "broker": broker, "wachtrij": wachtrij}
    finally:
        proces.terminate()
        try:
            uitvoer, _ = proces.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()
            uitvoer, _ = proces.communicate()
        print(uitvoer[-5000:])  # shown when the test fails


def _wacht(functie, seconden=120):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        uitkomst = functie()
        if uitkomst:
            return uitkomst
        time.sleep(0.5)
    return functie()


@pytest.mark.django_db(transaction=True)
def test_een_echte_worker_scant_en_mailt(wereld, worker):
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur, start=timezone.localdate())
    with scope(regio=wereld.regio_a.pk):
        traject.mijlpalen.update(vervaldatum=timezone.localdate() - timedelta(days=2))

    # Through a connection of its own: this process's Celery keeps the broker and queue it was
    # first used with (eager, by the other tests).
    with app.connection_for_write(worker["broker"]) as verbinding:
        tasks.scan_regio.apply_async(
            args=[wereld.regio_a.pk], connection=verbinding, queue=worker["wachtrij"]
        )

    def signalen():
        with scope(regio=wereld.regio_a.pk):
            return list(Signaal.objects.filter(regel="mijlpaal_te_laat", ontvanger=regisseur))

    gevonden = _wacht(signalen)
    assert gevonden, "de worker maakte geen signaal"
    map_ = worker["mail"]
    mails = _wacht(lambda: list(map_.glob("*.log")) if map_.exists() else [])
    assert mails, "de worker verstuurde geen e-mail"
    inhoud = "".join(p.read_text() for p in mails)
    assert regisseur.email in inhoud and "Te laat" in inhoud
    with scope(regio=wereld.regio_a.pk):
        assert _wacht(lambda: all(
            s.bezorging and s.bezorging.status == BezorgStatus.VERSTUURD
            for s in Signaal.objects.filter(pk__in=[s.pk for s in gevonden]).select_related("bezorging")
        ))  # fmt: skip
