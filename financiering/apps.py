from django.apps import AppConfig


class FinancieringConfig(AppConfig):
    """Financing agreements, claims, approvals, the revolving fund, the business case (issue 6)."""

    name = "financiering"

    def ready(self):
        from trajecten.signals import deelname_overgegaan, deelname_resultaat_vastgelegd

        from . import receivers

        deelname_overgegaan.connect(
            receivers.na_deelname_overgang, dispatch_uid="financiering.vordering_na_overgang"
        )
        deelname_resultaat_vastgelegd.connect(
            receivers.na_resultaat, dispatch_uid="financiering.vordering_na_resultaat"
        )
