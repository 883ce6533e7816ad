"""Everything Schakel holds on one kandidaat, for an inzageverzoek (AVG art. 15): read only.

Built by walking the relations of Kandidaat and of each of their Deelnames, so a table added
later is in the export without anyone remembering it (tests/avg/test_inzage.py checks that every
relation is either exported or deliberately left out below). What the requesting professional
may not read (confidential notes of someone else's coaching) stays out, exactly as on the
dossier page. Secrets are never exported: hashes, tokens, PINs, the encrypted BSN and its
fingerprint (whether a BSN is recorded is).
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleiding import selectors as begeleiding_selectors

from .models import Raadpleging

# Relations not exported as such, and why.
NIET_GEEXPORTEERD = {
    "mogelijk_dubbel": "a suspicion about two registrations, not data about the person",
    "volgende_deelname": "the next deelname is exported itself",
    "vertrouwelijke_notities": "exported through begeleiding.selectors (who may read them)",
}
# Field names (parts) that hold secrets or technical keys, never exported.
GEHEIM = ("hash", "token", "pin", "versleuteld", "vingerafdruk", "sleutel", "wachtwoord")
OVERSLAAN = {"id", "regio", "kandidaat", "deelname"}


def _waarde(obj, veld):
    if veld.choices:
        return str(getattr(obj, f"get_{veld.name}_display")())
    waarde = getattr(obj, veld.attname)
    if isinstance(veld, models.ForeignKey):
        gerelateerd = getattr(obj, veld.name)
        return str(gerelateerd) if gerelateerd is not None else None
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).isoformat(timespec="minutes")
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(veld, models.FileField):
        return waarde.name if waarde else None
    return waarde


def rij(obj) -> dict:
    """The fields of one row as {label: value}, without secrets, ids and the owner links."""
    uit = {}
    for veld in obj._meta.concrete_fields:
        if veld.name in OVERSLAAN or any(g in veld.name for g in GEHEIM):
            continue
        uit[str(veld.verbose_name)] = _waarde(obj, veld)
    return uit


def _relaties(obj):
    for relatie in obj._meta.related_objects:
        naam = relatie.get_accessor_name()
        if naam in NIET_GEEXPORTEERD or naam is None or relatie.related_name == "+":
            continue
        titel = str(relatie.related_model._meta.verbose_name_plural).capitalize()
        if relatie.one_to_one:
            gerelateerd = getattr(obj, naam, None)  # None when there is none
            yield naam, titel, [rij(gerelateerd)] if gerelateerd is not None else []
        elif naam != "deelnames":
            yield naam, titel, [rij(r) for r in getattr(obj, naam).all()]


def inzage(*, user, regio, kandidaat) -> dict:
    """{"kandidaat": {...}, "onderdelen": [...], "deelnames": [...], "raadplegingen": [...]}
    of a kandidaat the user may see (the caller resolved it through kandidaat_detail)."""
    gegevens = rij(kandidaat)
    gegevens[_("BSN vastgelegd")] = bool(kandidaat.bsn_versleuteld)
    deelnames = []
    for deelname in kandidaat.deelnames.select_related("traject").order_by("pk"):
        onderdelen = [
            {"soort": naam, "titel": titel, "rijen": rijen}
            for naam, titel, rijen in _relaties(deelname)
        ]
        notities = begeleiding_selectors.vertrouwelijke_notities(
            user=user, regio=regio, deelname=deelname
        )
        onderdelen.append(
            {
                "soort": "vertrouwelijke_notities",
                "titel": _("Vertrouwelijke notities"),
                "rijen": [rij(n) for n in notities],
            }
        )
        deelnames.append({"deelname": rij(deelname), "onderdelen": onderdelen})
    raadplegingen = Raadpleging.objects.filter(kandidaat=kandidaat).select_related("door")
    return {
        "gemaakt_op": timezone.localtime().isoformat(timespec="minutes"),
        "regio": regio.naam,
        "kandidaat": gegevens,
        "onderdelen": [
            {"soort": naam, "titel": titel, "rijen": rijen}
            for naam, titel, rijen in _relaties(kandidaat)
        ],
        "deelnames": deelnames,
        # Who saw their data (AVG art. 15(1)(c): the recipients).
        "raadplegingen": [rij(r) for r in raadplegingen.order_by("tijdstip", "pk")],
    }
