"""How long one inspanningsovereenkomst takes to make: the template filled and rendered to a
PDF, once as sent for signature and once as final (with the signature page).

    .venv/bin/python bench/pdf.py [--aantal 50]

Runs with the project's settings and the real templates, renderer and fonts, without a
database: the agreement's data is a fixed example of the size the pilots had (3 vacatures).
Prints median and p95 in milliseconds; docs/documenten.md keeps the figures measured.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")  # no SECRET_KEY needed
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")  # never queried

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from documenten import renderer  # noqa: E402
from documenten.soorten import SOORTEN  # noqa: E402

VACATURE = {
    "plaatsen": 2, "werklocatie": "Oss", "uren": 36, "contract_maanden": 12,
    "cao": "Cao Bouw & Infra", "flexibele_starttijden": True, "deeltijd": True,
    "religieuze_feestdagen": False,
}  # fmt: skip
GEGEVENS = {
    "soort": "inspanningsovereenkomst",
    "kenmerk": "IN-1-1",
    "traject": {"naam": "Isolatiemonteur Rijnmond, ronde 2", "ronde": 2,
                "beroep": "Isolatiemonteur", "branche": "Isolatie"},
    "werkgever": {"naam": "Isolatietechniek Rijnmond B.V.", "kvk": "24123456",
                  "adres": "Waalhaven Zuidzijde 10", "postcode": "3089JH", "plaats": "Rotterdam",
                  "ondertekenaar": "Jan de Boer", "functie": "Directeur",
                  "email": "jan@example.nl"},
    "procesregisseur": {"naam": "Werkgeversservicepunt Rijnmond", "kvk": "24654321",
                        "adres": "Coolsingel 40", "postcode": "3011AD", "plaats": "Rotterdam",
                        "ondertekenaar": "Mila Regisseur", "functie": "Procesregisseur"},
    "gemeente": {"naam": "Gemeente Rotterdam"},
    "fonds": {"naam": "OOI – Opleidings- en Ontwikkelingsfonds Isolatie"},
    "baangarantie": {"plaatsen": 6, "afgegeven_op": "15 augustus 2026"},
    "vacatures": [{**VACATURE, "functie": f"Isolatiemonteur {i}"} for i in range(1, 4)],
    "contract": {"min_maanden": 6, "min_uren": 28,
                 "salarisindicatie": "€ 2.450 tot € 2.700 bruto per maand"},
    "proefperiode_maanden": 2,
    "projectleider": "Anja Smit",
    "buddy": "Piet Kok",
    "cultuur_op_de_werkvloer": True,
    "subsidies": ["Loonkostensubsidie", "No-riskpolis"],
    "startdatum": "1 februari 2027",
    "looptijd_tot": "31 december 2027",
    "opzegtermijn_weken": 4,
    "bijzondere_afspraken": "",
    "waarschuwingen": [],
}  # fmt: skip


def _ondertekeningen():
    nu = timezone.now()
    return [
        SimpleNamespace(
            partij=partij,
            get_partij_display=lambda p=partij: p.title(),
            naam=naam,
            functie=functie,
            op=nu + timedelta(minutes=i),
            ip_adres="203.0.113.7",
            user_agent="Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
            get_via_display=lambda: "Via een persoonlijke link",
            door=None,
        )  # fmt: skip
        for i, (partij, naam, functie) in enumerate(
            [
                ("werkgever", "Jan de Boer", "Directeur"),
                ("procesregisseur", "Mila Regisseur", "Procesregisseur"),
            ]  # fmt: skip
        )
    ]


def een_overeenkomst(met_handtekeningen: bool) -> float:
    soort = SOORTEN["inspanningsovereenkomst"]
    versie = SimpleNamespace(nummer=1, sjabloon_versie=soort.sjabloon_versie, pdf_sha256="a" * 64)
    context = {
        "g": GEGEVENS,
        "versie": versie,
        "ondertekeningen": _ondertekeningen() if met_handtekeningen else [],
    }
    begin = time.perf_counter()
    html = renderer.render_html(soort.sjabloon("inspanningsovereenkomst"), context)
    inhoud = renderer.render_pdf(html)
    duur = time.perf_counter() - begin
    assert inhoud.startswith(b"%PDF")
    return duur


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=50)
    args = parser.parse_args()
    een_overeenkomst(False)  # warm-up: imports, fonts, template loading
    print(f"{platform.node()}: {os.cpu_count()} cpu, Python {platform.python_version()}")
    for naam, handtekeningen in [("ter ondertekening", False), ("definitief", True)]:
        tijden = sorted(een_overeenkomst(handtekeningen) for _ in range(args.aantal))
        p95 = tijden[max(0, round(0.95 * len(tijden)) - 1)]
        print(
            f"inspanningsovereenkomst {naam:18} n={len(tijden)}  "
            f"mediaan {statistics.median(tijden) * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms  "
            f"max {tijden[-1] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
