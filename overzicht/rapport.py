"""The trajectrapportage: one round on one page — funnel, outcomes, uitval by reason, lead
times, costs and financing — as a page, a CSV and a PDF. Counts and amounts only: no person is
named, so the financier of the round may read it too."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from organisaties.models import Regio, User
from trajecten import selectors as traject_selectors
from trajecten.models import Deelname, Traject

from . import grafieken
from .selectors import Trechterstap, trechter


@dataclass
class Trajectrapportage:
    traject: Traject
    kpi: traject_selectors.Kpi
    trechter: list[Trechterstap]
    grafiek: dict
    kosten: object
    afspraak: object
    saldi: object
    dekking: object


def trajectrapportage(*, user: User, regio: Regio, pk: int) -> Trajectrapportage:
    """Raises Traject.DoesNotExist for a round the user may not see (the view gives 404): the
    procesregisseur every round, a financier the rounds it finances."""
    from financiering import selectors as financiering_selectors

    traject = (
        financiering_selectors.trajecten_zichtbaar_voor(user, regio)
        .select_related("beroep", "vorige_ronde")
        .get(pk=pk)
    )
    # Counted over every deelname of the round, also who withdrew consent: a count names nobody.
    kpi = traject_selectors._kpi(
        Deelname.objects.filter(traject=traject), Traject.objects.filter(pk=traject.pk)
    )
    met_stap = {"intake": traject.met_intake, "assessment": traject.met_assessment,
                "geselecteerd": traject.met_selectie}  # fmt: skip
    stappen = trechter({code: n for code, _label, n in kpi.funnel}, met_stap)
    saldi = financiering_selectors.traject_saldi(regio=regio, traject_ids=[traject.pk]).get(
        traject.pk, financiering_selectors.Saldi()
    )
    return Trajectrapportage(
        traject=traject,
        kpi=kpi,
        trechter=stappen,
        grafiek=grafieken.staven([(s.label, s.aantal, str(s.aantal)) for s in stappen]),
        kosten=financiering_selectors.kosten(traject=traject),
        afspraak=financiering_selectors.afspraak_van(traject),
        saldi=saldi,
        dekking=financiering_selectors.dekking(traject=traject, saldi=saldi),
    )


def als_tabel(r: Trajectrapportage) -> tuple[list, list]:
    """(header, rows) of the report for the CSV: one row per figure."""
    kop = [_("Onderdeel"), _("Wat"), _("Waarde")]
    rijen = [[_("Traject"), _("Naam"), r.traject.naam], [_("Traject"), _("Ronde"), r.traject.ronde],
             [_("Traject"), _("Status"), r.traject.get_status_display()]]  # fmt: skip
    rijen += [[_("Trechter"), s.label, s.aantal] for s in r.trechter]
    rijen += [[_("Uitkomst"), _("Succes (in dienst / gestart, %)"), r.kpi.succes_percentage],
              [_("Uitkomst"), _("Doel (%)"), r.kpi.succes_doel],
              [_("Doorlooptijd"), _("Selectie tot proefperiode (dagen)"), r.kpi.selectie_tot_proefperiode_dagen],
              [_("Doorlooptijd"), _("Werving (dagen)"), r.kpi.werving_dagen]]  # fmt: skip
    rijen += [[_("Uitval"), reden, n] for reden, n in r.kpi.uitval]
    rijen += [[_("Kosten"), rij.label, rij.gerealiseerd] for rij in r.kosten.rijen]
    rijen += [[_("Kosten"), _("Per deelnemer"), r.kosten.per_deelnemer],
              [_("Financiering"), _("Voorgefinancierd"), r.saldi.uitgezet],
              [_("Financiering"), _("Ontvangen van gemeenten"), r.saldi.ontvangen],
              [_("Financiering"), _("Dekking (%)"), r.dekking.percentage],
              [_("Financiering"), _("Deel van de voorfinanciering terug (%)"), r.saldi.deel_terug]]  # fmt: skip
    return kop, rijen
