import time

from django.core.management.base import BaseCommand

from overzicht import schaal


class Command(BaseCommand):
    help = (
        "Vult de database met een landelijke proefset: regio's × trajecten × deelnemers, "
        "één regio met --history keer zoveel (oudere, afgesloten) rondes. Alleen om te meten "
        "(docs/performance.md); nooit in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--regios", type=int, default=35)
        parser.add_argument("--trajecten", type=int, default=20)
        parser.add_argument("--deelnemers", type=int, default=12)
        parser.add_argument("--history", type=int, default=1, help="veelvoud rondes, 1 regio")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **o):
        begin = time.perf_counter()
        uitkomst = schaal.seed(
            regios=o["regios"],
            trajecten=o["trajecten"],
            deelnemers=o["deelnemers"],
            historie=o["history"],
            zaad=o["seed"],
        )
        self.stdout.write(
            f"{len(uitkomst.regios)} regio's gevuld in {time.perf_counter() - begin:.0f} s; "
            f"met historie: {uitkomst.historie_regio.slug}"
        )
