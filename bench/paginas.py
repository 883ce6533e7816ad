"""Benchmark of issue 16: the pages that grow with the data, at national scale, under gunicorn
with production settings (DEBUG=false) on 127.0.0.1 — and writes docs/performance.md.

    make bench                                  # 35 × 20 × 12, one regio with 10× history
    make bench BENCH="--regios 5 --history 10"  # smaller, on a busy machine

Steps: a fresh database (`--database`, dropped and created), migrate, collectstatic,
`manage.py seed_scale`; query counts per page in-process (Django's test client) for a regio
at 1× and for the regio with the history; gunicorn on 127.0.0.1 and per page `--herhalingen`
timed requests after a warm-up (median, p95, size), each as a ratio to a trivial view timed in
the same run (/gezondheid/: one SELECT 1 and one Redis round trip); then bench/signalen_scan.py
(100,000 mijlpalen, its own regio in the same database) and bench/pdf.py (50 agreements).
The times are measured by the client over the loopback interface, so they are server time
plus well under a millisecond.
"""

import argparse
import http.client
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
BENCH_SCRIPT_MAX_S = 900  # a scan that takes longer is reported as such, not waited for
PYTHON = sys.executable


def omgeving(database: str, static: str) -> dict:
    env = os.environ.copy()
    basis_url = env.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    env.update(
        DATABASE_URL=f"{basis_url}/{database}",
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY", "alleen-voor-de-benchmark-niet-geheim-" * 2),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_URL="dummymail://",
        STATIC_ROOT=static,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    return env


def nieuwe_database(env: dict, naam: str) -> None:
    import psycopg

    url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        c.execute(f'CREATE DATABASE "{naam}"')


def manage(env, *args, stil=True) -> str:
    uit = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [PYTHON, "manage.py", *args], cwd=BASIS, env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return uit.stdout.strip().splitlines()[-1] if stil and uit.stdout.strip() else uit.stdout


# ---- what to measure ------------------------------------------------------------------------

# (label, url name, role, extra url arguments) — the pages of the table, and the
# procesregisseur's dashboard.
PAGINAS = [
    ("revolverend fonds (procesregisseur)", "fonds_detail", "procesregisseur", "fonds"),
    ("revolverend fonds (financier)", "fonds_detail", "financier", "fonds"),
    ("vorderingen (procesregisseur)", "vordering_lijst", "procesregisseur", None),
    ("vorderingen (financier)", "vordering_lijst", "financier", None),
    ("vorderingen (klantmanager)", "vordering_lijst", "klantmanager", None),
    ("trajecten met regio-KPI", "traject_lijst", "procesregisseur", None),
    ("caseload (begeleider)", "caseload", "begeleider", None),
    ("kandidaten (klantmanager)", "mijn_kandidaten", "klantmanager", None),
    ("API deelnames", "api_deelnames", "procesregisseur", None),
    ("business case", "businesscase", "procesregisseur", None),
    ("sessies (opleider)", "sessies", "opleider", None),
    ("financieringsoverzicht", "financiering_overzicht", "procesregisseur", None),
    ("dashboard procesregisseur", "overzicht_trajecten", "procesregisseur", None),
]


def doelen(regio) -> tuple[dict, dict]:
    """{label: url} and {role: user} for one regio."""
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from organisaties.models import Lidmaatschap, Organisatie

    with scopes_disabled():
        leden = {
            lid.rol: lid.user
            for lid in Lidmaatschap.objects.filter(regio=regio).select_related("user")
        }
        fonds = regio.organisaties.get(soort=Organisatie.Soort.OO_FONDS)
    urls = {}
    for label, naam, _rol, arg in PAGINAS:
        kwargs = {"regio_slug": regio.slug}
        if arg == "fonds":
            kwargs["fonds_pk"] = fonds.pk
        urls[label] = reverse(naam, kwargs=kwargs)
    return urls, leden


def tel_queries(regio) -> dict[str, tuple[int, int]]:
    """{label: (queries, bytes)} through Django's test client, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from organisaties import tweestaps

    urls, leden = doelen(regio)
    uit = {}
    for label, _naam, rol, _arg in PAGINAS:
        client = Client()
        client.force_login(leden[rol])
        sessie = client.session
        sessie[tweestaps.SESSIE] = tweestaps.GEVERIFIEERD  # as after the code (ADR 0015)
        sessie.save()
        client.get(urls[label])
        with CaptureQueriesContext(connection) as q:
            antwoord = client.get(urls[label])
        assert antwoord.status_code == 200, (label, antwoord.status_code)
        uit[label] = (len(q), len(antwoord.content))
    return uit


def sessie_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from organisaties import tweestaps

    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s[tweestaps.SESSIE] = tweestaps.GEVERIFIEERD  # as after the code (ADR 0015)
    s.create()
    return f"{settings.SESSION_COOKIE_NAME}={s.session_key}"


def meet(poort: int, url: str, cookie: str, n: int) -> tuple[list[float], int]:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
    kop = {"Cookie": cookie} if cookie else {}
    tijden, grootte = [], 0
    for i in range(n + 3):  # three to warm up
        begin = time.perf_counter()
        verbinding.request("GET", url, headers=kop)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read()
        duur = time.perf_counter() - begin
        if antwoord.status != 200:
            raise RuntimeError(f"{url}: {antwoord.status}")
        if i >= 3:
            tijden.append(duur)
        grootte = len(inhoud)
    verbinding.close()
    return sorted(tijden), grootte


def p95(tijden: list[float]) -> float:
    return tijden[max(0, round(0.95 * len(tijden)) - 1)]


def start_gunicorn(env, poort: int) -> subprocess.Popen:
    proces = subprocess.Popen(  # noqa: S603 - gunicorn from our own environment
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application",
         "--bind", f"127.0.0.1:{poort}", "--workers", "2", "--log-level", "warning"],
        cwd=BASIS, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            meet(poort, "/gezondheid/", "", 0)
            return proces
        except OSError:
            time.sleep(0.2)
    proces.terminate()
    raise RuntimeError("gunicorn did not start")


def bench_script(env, script: str, *args) -> str:
    try:
        uit = subprocess.run(  # noqa: S603 - our own bench scripts
            [PYTHON, f"bench/{script}", *args], cwd=BASIS, env=env, check=True,
            capture_output=True, text=True, timeout=BENCH_SCRIPT_MAX_S,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"{script}: afgebroken na {BENCH_SCRIPT_MAX_S} s"
    return "\n".join(
        r for r in uit.stdout.splitlines() if not r.startswith(("Task ", "vordering ", "boeking "))
    )


# ---- the report -----------------------------------------------------------------------------


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regios", type=int, default=35)
    parser.add_argument("--trajecten", type=int, default=20)
    parser.add_argument("--deelnemers", type=int, default=12)
    parser.add_argument("--history", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument("--database", default="schakel_bench")
    parser.add_argument("--mijlpalen", type=int, default=100_000, help="for the signal scan")
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--bestaand", action="store_true", help="reuse the seeded database")
    parser.add_argument("--uit", default=str(BASIS / "docs" / "performance.md"))
    args = parser.parse_args()

    static = tempfile.mkdtemp(prefix="schakel-bench-static-")
    env = omgeving(args.database, static)
    os.environ.update(env)
    schaal = f"{args.regios} × {args.trajecten} × {args.deelnemers}, historie {args.history}×"
    begin = time.perf_counter()
    if not args.bestaand:
        print(f"database {args.database} opnieuw, migrate, seed_scale {schaal} …", flush=True)
        nieuwe_database(env, args.database)
        manage(env, "migrate", "-v0")
        manage(env, "seed_scale", "--regios", str(args.regios), "--trajecten",
               str(args.trajecten), "--deelnemers", str(args.deelnemers), "--history",
               str(args.history), "--seed", str(args.seed))  # fmt: skip
    seed_duur = time.perf_counter() - begin
    manage(env, "collectstatic", "--noinput", "-v0")

    import django

    django.setup()
    from django.db import connection
    from django_scopes import scopes_disabled

    from organisaties.models import Regio

    with scopes_disabled():
        regios = list(Regio.objects.filter(slug__startswith=f"schaal-{args.seed}-").order_by("pk"))
    historie, gewoon = regios[0], regios[-1]
    with connection.cursor() as c:
        c.execute("ANALYZE")
        c.execute("SELECT sum(reltuples)::bigint FROM pg_class WHERE relkind = 'r' "
                  "AND relnamespace = 'public'::regnamespace")  # fmt: skip
        rijen = c.fetchone()[0]
    print(f"{rijen} rijen; queries tellen …", flush=True)
    queries = {"1×": tel_queries(gewoon), f"{args.history}×": tel_queries(historie)}

    print("gunicorn …", flush=True)
    proces = start_gunicorn(env, args.poort)
    tijden = {}
    try:
        for soort, regio in (("1×", gewoon), (f"{args.history}×", historie)):
            urls, leden = doelen(regio)
            cookies = {rol: sessie_cookie(user) for rol, user in leden.items()}
            triviaal, _ = meet(args.poort, "/gezondheid/", "", args.herhalingen)
            for label, _naam, rol, _arg in PAGINAS:
                t, grootte = meet(args.poort, urls[label], cookies[rol], args.herhalingen)
                tijden[(soort, label)] = (t, grootte, statistics.median(triviaal))
            tijden[(soort, "triviaal")] = (triviaal, 0, statistics.median(triviaal))
    finally:
        proces.terminate()
        proces.wait()

    # The page figures are written first: the scan and the PDFs follow in a second pass.
    scan = pdf = "(nog niet gemeten)"
    schrijf(args, schaal, rijen, seed_duur, queries, tijden, scan, pdf)
    print("signaalscan en PDF's …", flush=True)
    scan = bench_script(env, "signalen_scan.py", "--mijlpalen", str(args.mijlpalen))
    pdf = bench_script(env, "pdf.py", "--aantal", str(args.pdfs))
    schrijf(args, schaal, rijen, seed_duur, queries, tijden, scan, pdf)
    print(f"geschreven: {args.uit}")
    return 0


def schrijf(args, schaal, rijen, seed_duur, queries, tijden, scan, pdf) -> None:
    h = f"{args.history}×"
    regels = [
        "# Performance at national scale",
        "",
        "Written by `make bench` (bench/paginas.py); the budgets and the plan for what does not",
        "meet them are at the end. Rerun after a change that touches a list or a query.",
        "",
        "## Machine and commands",
        "",
        f"- {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores "
        f"(shared with other work), Python {platform.python_version()}, PostgreSQL and Redis on "
        "127.0.0.1.",
        f"- `python bench/paginas.py --regios {args.regios} --trajecten {args.trajecten} "
        f"--deelnemers {args.deelnemers} --history {args.history} --herhalingen "
        f"{args.herhalingen}` (what `make bench` runs; `BENCH=…` passes other options).",
        f"- Data: `manage.py seed_scale` {schaal}: {rijen:,} rows in all, "
        + (
            "reused from an earlier run (--bestaand). "
            if args.bestaand
            else f"built in {seed_duur:.0f} s (migrate included). "
        )
        + f"1× is a regio as generated; {h} is the regio "
        f"with {args.history} times its rounds (the older ones closed).",
        "- Production settings (DEBUG=false) under gunicorn (2 workers) on 127.0.0.1; each page "
        f"{args.herhalingen} times after 3 warm-up requests, one logged-in user per role.",
        "- Trivial view: `/gezondheid/` (one `SELECT 1` and one Redis round trip), timed in the "
        "same run; *ratio* = the page's median ÷ the trivial view's median.",
        "",
        "## Pages",
        "",
        f"| page | median 1× | p95 1× | median {h} | p95 {h} | ratio {h} | queries 1× / {h} "
        f"| size {h} |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, *_ in PAGINAS:
        t1, _g1, _triv1 = tijden[("1×", label)]
        t10, g10, triv10 = tijden[(h, label)]
        q1, q10 = queries["1×"][label][0], queries[h][label][0]
        regels.append(
            f"| {label} | {ms(statistics.median(t1))} | {ms(p95(t1))} | "
            f"{ms(statistics.median(t10))} | {ms(p95(t10))} | "
            f"{statistics.median(t10) / triv10:.1f} | {q1} / {q10} | {g10 / 1024:.0f} KB |"
        )
    triv = tijden[(h, "triviaal")][0]
    regels += [
        f"| *trivial view* | {ms(statistics.median(tijden[('1×', 'triviaal')][0]))} | "
        f"{ms(p95(tijden[('1×', 'triviaal')][0]))} | {ms(statistics.median(triv))} | "
        f"{ms(p95(triv))} | 1.0 | 1 | – |",
        "",
        "## Signal scan and PDFs",
        "",
        "```",
        scan.strip(),
        "",
        pdf.strip(),
        "```",
        "",
    ]
    budget = []
    for label, *_ in PAGINAS:
        t10, g10, triv10 = tijden[(h, label)]
        t1 = tijden[("1×", label)][0]
        q1, q10 = queries["1×"][label][0], queries[h][label][0]
        te_traag = max(p95(t10), p95(t1)) > 0.100
        if te_traag or q10 > 20 or q10 != q1 or g10 > 200 * 1024:
            budget.append(
                f"- {label}: p95 {ms(max(p95(t10), p95(t1)))}, {q1}/{q10} queries, "
                f"{g10 / 1024:.0f} KB"
            )
    dash = tijden[(h, "dashboard procesregisseur")]
    regels += [
        "## Budgets",
        "",
        "Every page p95 ≤ 100 ms at both scales, ≤ 20 queries and the same at both, ≤ 200 KB; "
        f"the dashboard ≤ 4× the trivial view (measured: "
        f"{statistics.median(dash[0]) / dash[2]:.1f}×); the signal scan ≤ 10 s for 100,000 "
        "mijlpalen; PDF median ≤ 1 s.",
        "",
        "Pages outside a page budget in this run:" if budget else "Every page within budget.",
        "",
        *budget,
        "",
    ]
    # The analysis below the marker is written by hand and kept when the figures are renewed.
    uit = Path(args.uit)
    oud = uit.read_text(encoding="utf-8") if uit.exists() else ""
    analyse = oud[oud.index(MARKERING) :] if MARKERING in oud else MARKERING + "\n"
    uit.write_text("\n".join(regels) + "\n" + analyse, encoding="utf-8")


MARKERING = "<!-- Hieronder met de hand: blijft staan als make bench de cijfers vernieuwt. -->"


if __name__ == "__main__":
    sys.path.insert(0, str(BASIS))
    sys.exit(main())
