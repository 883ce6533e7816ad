"""Schemathesis against the committed OpenAPI schema: generated requests for every operation, as
every role (a key for the roles that may have one, a browser session with CSRF for the others).
No 5xx, and every answer — status code, content type, body — as the schema says."""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django_scopes import scope
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from organisaties import services
from organisaties.models import TOKEN_ROLLEN, Lidmaatschap, Rol
from tests.paginas import _financiering_in_a

# The committed schema (tests/api/test_api.py keeps it equal to what the code produces), called
# in-process through Django's WSGI handler, inside the test's transaction.
schema = schemathesis.openapi.from_path(
    Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
)
schema.app = WSGIHandler()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _sessie(client, user):
    client.force_login(user)
    request = RequestFactory().get("/")
    csrf = get_token(request)
    sessie = client.cookies["sessionid"].value
    return {
        "Cookie": f"sessionid={sessie}; csrftoken={request.META['CSRF_COOKIE']}",
        "X-CSRFToken": csrf,
    }


@pytest.fixture
def zonder_verbinding_sluiten():
    """As Django's test client does: a request must not close the test's database connection
    (its transaction holds the test data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def koppen(zonder_verbinding_sluiten, client, wereld, settings):
    """Headers per role: a key where a role may have one, otherwise a session."""
    settings.ALLOWED_HOSTS = ["localhost"]
    w = _financiering_in_a(wereld)
    koppen = {}
    for rol, user in w.per_rol.items():
        if rol in TOKEN_ROLLEN:
            with scope(regio=w.regio_a.pk):
                organisatie = Lidmaatschap.objects.get(user=user).organisatie
                _, sleutel = services.maak_api_token(
                    regio=w.regio_a,
                    door=w.per_rol[Rol.BEHEERDER],
                    organisatie=organisatie,
                    rol=rol,
                    naam=f"fuzz {rol}",
                    geldig_dagen=1,
                )
            koppen[rol] = {"Authorization": f"Bearer {sleutel}"}
        else:
            koppen[rol] = _sessie(client, user)
    koppen["anoniem"] = {}
    return w, koppen


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@pytest.mark.django_db
def test_api_volgens_schema(case, koppen):
    w, per_rol = koppen
    if "regio_slug" in (case.path_parameters or {}):
        case.path_parameters["regio_slug"] = w.regio_a.slug
    for headers in per_rol.values():
        case.call_and_validate(headers=headers, checks=CHECKS)
