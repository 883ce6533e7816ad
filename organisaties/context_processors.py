from . import selectors


def regio_keuze(request):
    """The regio switch in the header: the regio's of the logged-in user, and the current one."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "mijn_regios": selectors.regio_keuze_voor(request.user),
        "huidige_regio": getattr(request, "regio", None),
        "mijn_rollen": selectors.rollen_in(getattr(request, "lidmaatschappen", [])),
    }
