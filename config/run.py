"""`make run`: Schakel on this machine with nothing else installed.

Without DATABASE_URL it starts a private PostgreSQL from the `pgserver` wheel (data in .data/),
then migrates, loads the demo data, and serves http://127.0.0.1:8000 with Celery tasks eager
and e-mail printed to the console. Another port: `make run PORT=8010` (or PORT in the
environment); the links in e-mails (BASE_URL) follow it unless BASE_URL is set.
"""

import contextlib
import os
import socket
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def embedded_database_url() -> tuple[str, object]:
    import pgserver

    pgdata = BASE_DIR / ".data" / "pg"
    pgdata.parent.mkdir(exist_ok=True)
    server = pgserver.get_server(pgdata)  # stops when this process ends
    if "schakel" not in server.psql("SELECT datname FROM pg_database;"):
        server.psql("CREATE DATABASE schakel;")
    return f"postgresql://postgres:@/schakel?host={pgdata}", server


def poort_vrij(poort: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", poort))
        except OSError:
            return False
    return True


def main() -> int:
    env = os.environ.copy()
    poort_tekst = env.get("PORT") or "8000"
    if not poort_tekst.isdigit() or not 0 < int(poort_tekst) < 65536:
        print(f"PORT={poort_tekst} is geen poortnummer; gebruik bijvoorbeeld make run PORT=8010.")
        return 2
    poort = int(poort_tekst)
    if not poort_vrij(poort):
        # Before migrating: say it at once, in one line, instead of a traceback at the end.
        print(f"Poort {poort} is al in gebruik; kies een andere, bijvoorbeeld: make run PORT=8010")
        return 1
    env.setdefault("BASE_URL", f"http://127.0.0.1:{poort}")
    env.setdefault("DEBUG", "true")
    env.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    env.setdefault("EMAIL_URL", "consolemail://")
    server = None  # keep a reference: the embedded server stops when this process ends
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"], server = embedded_database_url()
        print(f"Ingebouwde PostgreSQL gestart (gegevens in {BASE_DIR / '.data'}).")

    def manage(*args: str) -> None:
        subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True
        )

    manage("migrate", "--noinput")
    manage("demo_data")
    # The signalen the homes show; their e-mails would flood this console, so not now.
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "scan_signalen"],
        cwd=BASE_DIR, env={**env, "EMAIL_URL": "dummymail://"}, check=True,
    )  # fmt: skip
    print(f"\nSchakel draait op http://127.0.0.1:{poort}  (stoppen: Ctrl+C)\n", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        manage("runserver", f"127.0.0.1:{poort}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
