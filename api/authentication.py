"""API keys per organisation (docs/adr/0014-api-sleutels.md).

`TokenMiddleware` reads `Authorization: Bearer <key>` on /api/ paths and makes the token's
service account the request's user, before any view runs: `regio_view` then checks its
membership exactly as it checks a person's (404 outside its regio, 403 for another role). A key
that is unknown, expired or revoked gets 401 at once. `TokenAuthentication` tells DRF that such a
request is authenticated by the key, so DRF's session CSRF check (meant for cookies) does not
apply to it.
"""

from django.http import JsonResponse
from rest_framework.authentication import BaseAuthentication

from organisaties.selectors import api_token_met_hash
from organisaties.services import markeer_token_gebruikt, sleutel_hash

SCHEMA = "Bearer"


def _ongeldig() -> JsonResponse:
    return JsonResponse(
        {"detail": "De API-sleutel is onbekend, verlopen of ingetrokken."},
        status=401,
        headers={"WWW-Authenticate": f'{SCHEMA} realm="api"', "Cache-Control": "no-store"},
    )


class TokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kop = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and kop[: len(SCHEMA) + 1].lower() == "bearer ":
            sleutel = kop[len(SCHEMA) + 1 :].strip()
            token = api_token_met_hash(sleutel_hash(sleutel)) if sleutel.isascii() else None
            if token is None or not token.is_geldig or not token.lidmaatschap.user.is_active:
                return _ongeldig()
            request.user = token.lidmaatschap.user
            request.api_token = token
            # A key is not a cookie: no browser sends it by itself, so CSRF does not apply.
            request._dont_enforce_csrf_checks = True
            markeer_token_gebruikt(token=token)
        return self.get_response(request)


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        token = getattr(request._request, "api_token", None)
        return (request._request.user, token) if token is not None else None

    def authenticate_header(self, request):
        return f'{SCHEMA} realm="api"'
