"""Why a kandidaat does or does not fit a vacature, criterion by criterion. Pure: no queries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import TAALNIVEAU_VOLGORDE, Rijbewijs

PAST, LET_OP, PAST_NIET, ONBEKEND = "past", "let_op", "past_niet", "onbekend"
UREN_PER_DAG = 8


@dataclass(frozen=True)
class Criterium:
    naam: str
    uitkomst: str  # past | let_op | past_niet | onbekend
    uitleg: str


@dataclass(frozen=True)
class Match:
    vacature: object
    criteria: list[Criterium]

    @property
    def uitkomst(self) -> str:
        uitkomsten = {c.uitkomst for c in self.criteria}
        if PAST_NIET in uitkomsten:
            return PAST_NIET
        if uitkomsten & {LET_OP, ONBEKEND}:
            return LET_OP
        return PAST


def taal(kandidaat, vacature) -> Criterium:
    naam = _("Taalniveau")
    if not kandidaat.taalniveau_nl:
        return Criterium(
            naam,
            ONBEKEND,
            _("Taalniveau van de kandidaat is niet bekend; de vacature vraagt %(eis)s.")
            % {"eis": vacature.taaleis},
        )
    heeft, eis = (
        TAALNIVEAU_VOLGORDE.index(kandidaat.taalniveau_nl),
        TAALNIVEAU_VOLGORDE.index(vacature.taaleis),
    )
    if heeft >= eis:
        return Criterium(
            naam,
            PAST,
            _("%(heeft)s; de vacature vraagt %(eis)s.")
            % {"heeft": kandidaat.taalniveau_nl, "eis": vacature.taaleis},
        )
    return Criterium(
        naam,
        PAST_NIET,
        _("%(heeft)s; de vacature vraagt %(eis)s. Bespreek of de werkgever de eis kan verlagen.")
        % {"heeft": kandidaat.taalniveau_nl, "eis": vacature.taaleis},
    )


def rijbewijs(kandidaat, vacature) -> Criterium:
    naam = _("Rijbewijs")
    if not vacature.rijbewijs_vereist:
        return Criterium(naam, PAST, _("Niet vereist."))
    if kandidaat.rijbewijs == Rijbewijs.B:
        return Criterium(naam, PAST, _("Vereist; de kandidaat heeft rijbewijs B."))
    if kandidaat.rijbewijs in (Rijbewijs.LESSEN, Rijbewijs.THEORIE):
        return Criterium(
            naam,
            LET_OP,
            _("Vereist; de kandidaat is ermee bezig (%(stand)s).")
            % {"stand": kandidaat.get_rijbewijs_display().lower()},
        )
    return Criterium(naam, PAST_NIET, _("Vereist; de kandidaat heeft geen rijbewijs."))


def beschikbaarheid(kandidaat, vacature) -> Criterium:
    naam = _("Beschikbaarheid")
    if not kandidaat.dagen_beschikbaar:
        return Criterium(
            naam, ONBEKEND, _("Niet bekend hoeveel dagen de kandidaat beschikbaar is.")
        )
    uren = kandidaat.dagen_beschikbaar * UREN_PER_DAG
    tekst = {"dagen": kandidaat.dagen_beschikbaar, "uren": uren, "vraag": vacature.uren_per_week}
    if uren >= vacature.uren_per_week:
        return Criterium(
            naam,
            PAST,
            _("%(dagen)s dagen (± %(uren)s uur); de vacature vraagt %(vraag)s uur.") % tekst,
        )
    if vacature.deeltijd_mogelijk:
        return Criterium(
            naam,
            LET_OP,
            _(
                "%(dagen)s dagen (± %(uren)s uur); de vacature vraagt %(vraag)s uur, deeltijd is bespreekbaar."
            )
            % tekst,
        )
    return Criterium(
        naam,
        PAST_NIET,
        _("%(dagen)s dagen (± %(uren)s uur); de vacature vraagt %(vraag)s uur.") % tekst,
    )


def reistijd(kandidaat, vacature) -> Criterium:
    naam = _("Reistijd")
    if (
        kandidaat.woonplaats
        and kandidaat.woonplaats.strip().lower() == vacature.werklocatie.strip().lower()
    ):
        return Criterium(
            naam,
            PAST,
            _("Woont in %(plaats)s, waar het werk is.") % {"plaats": vacature.werklocatie},
        )
    if not vacature.ov_bereikbaar and kandidaat.rijbewijs != Rijbewijs.B:
        return Criterium(
            naam,
            PAST_NIET,
            _(
                "Werk in %(plaats)s is slecht bereikbaar met het ov en de kandidaat heeft geen rijbewijs."
            )
            % {"plaats": vacature.werklocatie},
        )
    return Criterium(
        naam,
        ONBEKEND,
        _(
            "Van %(van)s naar %(naar)s: controleer de reistijd (werkgevers haken af boven 1,5 uur met het ov)."
        )
        % {"van": kandidaat.woonplaats or _("onbekende woonplaats"), "naar": vacature.werklocatie},
    )


def vca(deelname, vacature) -> Criterium:
    naam = _("VCA")
    if not vacature.vca_vereist:
        return Criterium(naam, PAST, _("Niet vereist."))
    if deelname.vca_behaald_op:
        return Criterium(naam, PAST, _("Vereist; behaald."))
    return Criterium(naam, LET_OP, _("Vereist; wordt in het voorschakeltraject gehaald."))


def randvoorwaarden(kandidaat) -> Criterium:
    naam = _("Randvoorwaarden")
    open_ = kandidaat.open_randvoorwaarden
    if not open_:
        return Criterium(naam, PAST, _("Alles geregeld."))
    return Criterium(naam, LET_OP, _("Nog te regelen: %(lijst)s.") % {"lijst": ", ".join(open_)})


def beoordeel(deelname, vacature) -> Match:
    k = deelname.kandidaat
    return Match(
        vacature,
        [
            taal(k, vacature),
            rijbewijs(k, vacature),
            beschikbaarheid(k, vacature),
            reistijd(k, vacature),
            vca(deelname, vacature),
            randvoorwaarden(k),
        ],
    )
