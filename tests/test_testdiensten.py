"""`make test` on a machine without PostgreSQL and Redis (config/testdiensten.py, issue 19).

Each test runs the launcher with the URLs unset and the default addresses moved to ports where
nothing listens, as on a fresh laptop, and checks that nothing it started outlives it.
"""

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def _vrije_poort() -> int:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        return vrij.getsockname()[1]


def _zonder_diensten(*pytest_args: str) -> subprocess.Popen:
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if naam not in {"DATABASE_URL", "REDIS_URL"} and not naam.startswith("PYTEST_")
    }
    omgeving["SCHAKEL_TEST_PG_ADRES"] = f"127.0.0.1:{_vrije_poort()}"
    omgeving["SCHAKEL_TEST_REDIS_ADRES"] = f"127.0.0.1:{_vrije_poort()}"
    return subprocess.Popen(
        [sys.executable, "-m", "config.testdiensten", "-n", "2", *pytest_args],
        cwd=BASE_DIR,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _ingebouwd(uitvoer: str) -> tuple[str, str]:
    """The data directory of the private PostgreSQL and the address of the private Redis."""
    pgdata = re.search(r"Ingebouwde PostgreSQL voor de tests: (\S+)", uitvoer)
    redis = re.search(r"Ingebouwde Redis voor de tests: (\S+)", uitvoer)
    assert pgdata and redis, uitvoer
    return pgdata[1], redis[1]


def _loopt(proces: psutil.Process) -> bool:
    try:
        return proces.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _niets_over(uitvoer: str, *ook: psutil.Process) -> None:
    pgdata, redis = _ingebouwd(uitvoer)
    assert not Path(pgdata).exists()
    host, poort = redis.split(":")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(poort)), timeout=1)
    # The postmaster has its data directory on its command line, redis-server its address.
    blijvers = [
        proces
        for proces in psutil.process_iter(["cmdline"])
        if {pgdata, redis} & set(" ".join(proces.info["cmdline"] or []).split())
    ]
    assert [proces for proces in [*blijvers, *ook] if _loopt(proces)] == []


def test_zonder_postgresql_en_redis_start_make_test_ze_zelf():
    # The health check reads and writes both, from an xdist worker, in a migrated test database.
    proces = _zonder_diensten("tests/test_project.py::test_gezondheid_database_en_redis")
    uitvoer = proces.communicate(timeout=300)[0]
    assert proces.returncode == 0, uitvoer
    assert re.search(r"\d+ passed", uitvoer), uitvoer
    _niets_over(uitvoer)


def test_onderbroken_run_laat_niets_achter():
    proces = _zonder_diensten("tests/organisaties")
    gelezen = []
    for regel in proces.stdout:  # until the workers run the tests
        gelezen.append(regel)
        if re.match(r"\d+ workers \[", regel):
            break
    processen = psutil.Process(proces.pid).children(recursive=True)  # pytest, workers, Redis
    proces.send_signal(signal.SIGTERM)  # a CI runner that stops the job
    uitvoer = "".join(gelezen) + proces.communicate(timeout=120)[0]
    assert proces.returncode not in (0, None), uitvoer
    assert "KeyboardInterrupt" in uitvoer, uitvoer
    assert len(processen) >= 4, processen
    _niets_over(uitvoer, *processen)
