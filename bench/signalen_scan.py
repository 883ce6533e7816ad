"""Benchmark: the signalen scan over one regio with many mijlpalen.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/schakel_bench \\
        .venv/bin/python bench/signalen_scan.py --mijlpalen 100000

Creates (or reuses) a database with one regio of synthetic trajecten, deelnames and open
mijlpalen (due dates spread over four months around today, as in a busy regio), then times two
scans: the first, which creates every signaal, and the next morning's, which finds them known.
Prints the times and the queries per rule. The data stays for a rerun; drop the database to
build it again.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "alleen-voor-de-benchmark-niet-geheim-alleen-voor-de-benchmark")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("EMAIL_URL", "dummymail://")


def bouw(aantal_mijlpalen: int) -> None:
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User
    from trajecten.models import Beroep, Deelname, Mijlpaal, MijlpaalSoort, Traject
    from werving.models import Kandidaat, Toestemming

    random.seed(2026)
    vandaag = timezone.localdate()
    per_deelname = 4
    deelnames_per_traject = 12
    n_trajecten = max(1, aantal_mijlpalen // (per_deelname * deelnames_per_traject))
    with scopes_disabled():
        regio = Regio.objects.create(naam="Benchmarkregio", slug="bench")
        org = Organisatie.objects.create(naam="Werkcentrum", soort="rwc_wsp")
        gemeente = Organisatie.objects.create(naam="Gemeente", soort="gemeente")
        regio.organisaties.add(org, gemeente)
        for i in range(3):
            u = User.objects.create_user(email=f"regie{i}@bench.nl", naam=f"Regie {i}")
            Lidmaatschap.objects.create(
                regio=regio, user=u, organisatie=org, rol=Rol.PROCESREGISSEUR
            )
        beroep, _ = Beroep.objects.get_or_create(naam="Glaszetter", defaults={"branche": "glas"})
        trajecten = Traject.objects.bulk_create(
            Traject(regio=regio, naam=f"Traject {i}", branche="glas", beroep=beroep,
                    status="voorschakeltraject")
            for i in range(n_trajecten)
        )  # fmt: skip
        kandidaten = Kandidaat.objects.bulk_create(
            Kandidaat(regio=regio, voornaam="K", achternaam=str(i), gemeente=gemeente)
            for i in range(n_trajecten * deelnames_per_traject)
        )
        regisseur = User.objects.get(email="regie0@bench.nl")
        Toestemming.objects.bulk_create(
            Toestemming(
                regio=regio, kandidaat=k, ontvanger="procesregisseur", vastgelegd_door=regisseur
            )
            for k in kandidaten
        )
        deelnames = Deelname.objects.bulk_create(
            Deelname(regio=regio, traject=trajecten[i // deelnames_per_traject], kandidaat=k,
                     status="proefperiode")
            for i, k in enumerate(kandidaten)
        )  # fmt: skip
        soorten = [MijlpaalSoort.EVALUATIE_1, MijlpaalSoort.EVALUATIE_2, MijlpaalSoort.NAZORG_1,
                   MijlpaalSoort.PROEFPERIODE_START]  # fmt: skip
        Mijlpaal.objects.bulk_create(
            (
                Mijlpaal(regio=regio, traject_id=d.traject_id, deelname=d, soort=soort,
                         vervaldatum=vandaag + timedelta(days=random.randint(-60, 60)),  # noqa: S311
                         eigenaar_rol=Rol.PROCESREGISSEUR)
                for d in deelnames
                for soort in soorten
            ),
            batch_size=5000,
        )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mijlpalen", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django_scopes import scopes_disabled

    from organisaties.models import Regio
    from signalen import services
    from signalen.models import Signaal
    from signalen.regels import REGELS
    from trajecten.models import Mijlpaal

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Regio.objects.filter(slug="bench").exists():
            begin = time.perf_counter()
            bouw(args.mijlpalen)
            print(f"gegevens gebouwd in {time.perf_counter() - begin:.1f} s")
        with connection.cursor() as cursor:
            # Statistics for the fresh rows, as autovacuum gives them in production: without
            # them the planner misjudges the scan in a database with other data.
            cursor.execute("ANALYZE")
        regio = Regio.objects.get(slug="bench")
        mijlpalen = Mijlpaal.objects.filter(regio=regio).count()

    from django.conf import settings

    settings.DEBUG = True  # count queries
    for ronde in ("eerste scan", "volgende scan"):
        reset_queries()
        begin = time.perf_counter()
        uitkomst = services.scan_regio(regio=regio)
        duur = time.perf_counter() - begin
        print(f"{ronde}: {duur:.2f} s, {len(connection.queries)} queries, "
              f"{sum(uitkomst.values())} bevindingen, {mijlpalen} mijlpalen")  # fmt: skip
    per_regel = {}
    for regel in REGELS:
        reset_queries()
        services.scan_regio(regio=regio, regels=[regel])
        per_regel[regel.code] = len(connection.queries)
    print("queries per regel (met vergrendeling en transactie):", per_regel)
    with scopes_disabled():
        print(f"signalen in de database: {Signaal.objects.filter(regio=regio).count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
