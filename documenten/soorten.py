"""Per kind of document: its current template version and who signs, in which order.

A template version is a file `templates/documenten/<soort>/<versie>.html`. A version once used
is never edited: a change of wording is a new file and a new SJABLOON_VERSIE here, so that every
stored version can be rendered again exactly as it was signed.
"""

from dataclasses import dataclass

from organisaties.models import Rol

from .models import DocumentSoort, Ondertekening, Partij


@dataclass(frozen=True)
class Ondertekenaar:
    partij: str
    via: str
    # Roles that sign in Schakel for this party (empty for a link).
    rollen: frozenset = frozenset()


@dataclass(frozen=True)
class Soort:
    sjabloon_versie: str
    ondertekenaars: tuple[Ondertekenaar, ...]

    def sjabloon(self, soort: str, versie: str | None = None) -> str:
        return f"documenten/{soort}/{versie or self.sjabloon_versie}.html"


LINK, SCHAKEL = Ondertekening.Via.LINK, Ondertekening.Via.SCHAKEL

SOORTEN = {
    DocumentSoort.INSPANNINGSOVEREENKOMST: Soort(
        sjabloon_versie="2026.1",
        ondertekenaars=(
            Ondertekenaar(Partij.WERKGEVER, LINK),
            Ondertekenaar(Partij.PROCESREGISSEUR, SCHAKEL, frozenset({Rol.PROCESREGISSEUR})),
        ),
    ),
    DocumentSoort.PROEFPLAATSINGSOVEREENKOMST: Soort(
        sjabloon_versie="2026.1",
        ondertekenaars=(
            Ondertekenaar(Partij.WERKGEVER, LINK),
            # On the spot, at the start of the proefperiode, on the procesregisseur's screen.
            Ondertekenaar(Partij.DEELNEMER, SCHAKEL, frozenset({Rol.PROCESREGISSEUR})),
            Ondertekenaar(Partij.GEMEENTE, SCHAKEL, frozenset({Rol.KLANTMANAGER})),
        ),
    ),
}


def soort_van(document) -> Soort:
    return SOORTEN[document.soort]
