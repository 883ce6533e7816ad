from django.apps import AppConfig


class FinancieringConfig(AppConfig):
    """Financing agreements, claims, approvals, the revolving fund, the business case (issue 6)."""

    name = "financiering"
