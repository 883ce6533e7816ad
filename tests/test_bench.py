"""`make bench` keeps working (issue 16): the whole benchmark on a tiny data set — its own
database, seed_scale, query counts in-process, the pages under gunicorn with production settings
and the two-step login, the signal scan and a PDF — writing a table that names every page. The
figures themselves are measured by `make bench`, never here."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

BASIS = Path(__file__).resolve().parent.parent


def test_make_bench_op_kleine_schaal(tmp_path):
    url = urlsplit(os.environ["DATABASE_URL"])
    if not url.hostname:  # a private PostgreSQL on a unix socket (config/testdiensten.py)
        pytest.skip("bench/paginas.py reaches PostgreSQL over TCP (BENCH_POSTGRES)")
    server = f"{url.scheme}://{url.netloc}"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    database = f"schakel_bench_rook_{os.getpid()}"
    uit = tmp_path / "performance.md"
    try:
        resultaat = subprocess.run(  # noqa: S603 - our own script with fixed arguments
            [sys.executable, "bench/paginas.py", "--regios", "2", "--trajecten", "1",
             "--deelnemers", "2", "--history", "2", "--herhalingen", "1", "--mijlpalen", "200",
             "--pdfs", "1", "--poort", str(poort), "--database", database, "--uit", str(uit)],
            cwd=BASIS, env={**os.environ, "BENCH_POSTGRES": server}, capture_output=True,
            text=True, timeout=600,
        )  # fmt: skip
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    assert resultaat.returncode == 0, resultaat.stdout[-2000:] + resultaat.stderr[-4000:]
    tabel = uit.read_text(encoding="utf-8")
    for pagina in ("revolverend fonds (procesregisseur)", "vorderingen (klantmanager)",
                   "trajecten met regio-KPI", "dashboard procesregisseur", "*trivial view*"):  # fmt: skip
        assert f"| {pagina} |" in tabel, pagina
    assert "eerste scan:" in tabel and "inspanningsovereenkomst definitief" in tabel
