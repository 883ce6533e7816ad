from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_scopes import scope

from organisaties.models import Lidmaatschap, Rol
from signalen import services
from signalen.models import Signaal
from tests.factories import maak_traject, meld_aan
from trajecten import services as traject_services

AMS = ZoneInfo("Europe/Amsterdam")
BASIS = date(2027, 3, 1)  # a Monday


def op(dag: date):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS), tick=False)


@dataclass
class Omgeving:
    """Regio A of the wereld, with helpers to build what a rule watches."""

    w: object

    @property
    def regio(self):
        return self.w.regio_a

    def rol(self, rol):
        return self.w.per_rol[rol]

    def organisatie(self, rol):
        with scope(regio=self.regio.pk):
            return Lidmaatschap.objects.get(user=self.rol(rol), regio=self.regio).organisatie

    def traject(self, start=BASIS, **kwargs):
        regisseur = self.rol(Rol.PROCESREGISSEUR)
        t = maak_traject(self.regio, regisseur, start=start, **kwargs)
        with scope(regio=self.regio.pk):
            traject_services.voeg_partner_toe(
                traject=t, organisatie=self.w.gemeente_a, rol="gemeente", door=regisseur
            )
        return t

    def deelname(self, traject):
        return meld_aan(traject, self.rol(Rol.PROCESREGISSEUR), gemeente=self.w.gemeente_a)[0]

    def scan(self, dag: date, regels=None):
        with op(dag):
            kwargs = {"regels": regels} if regels is not None else {}
            return services.scan_regio(regio=self.regio, vandaag=dag, **kwargs)

    def signalen(self, **filter_):
        with scope(regio=self.regio.pk):
            return list(Signaal.objects.filter(regio=self.regio, **filter_).order_by("pk"))


@pytest.fixture
def omgeving(wereld):
    return Omgeving(wereld)
