"""The OpenAPI schema: the token's security scheme, and the error answers every operation can
give (the access mechanism answers 401, 403 and 404 before a view runs)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenSchema(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-sleutel van de beheerder: `Authorization: Bearer schakel_…`.",
        }


FOUT = {"$ref": "#/components/schemas/Fout"}
FOUTEN = {
    "400": "Ongeldige invoer; de reden staat per veld.",
    "401": "Niet ingelogd, of de API-sleutel is onbekend, verlopen of ingetrokken.",
    "403": "Deze rol mag dit niet.",
    "404": "Bestaat niet, of niet voor deze gebruiker of regio.",
}


def voeg_fouten_toe(result, generator, request, public):
    """Postprocessing hook: a `Fout` schema and the error answers on every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = {
        "type": "object",
        "description": "Een fout: `detail`, of per veld een lijst meldingen.",
        "additionalProperties": True,
        "properties": {"detail": {"type": "string"}},
    }
    for pad in result.get("paths", {}).values():
        for methode, operatie in pad.items():
            if methode not in {"get", "post", "put", "patch", "delete"}:
                continue
            antwoorden = operatie.setdefault("responses", {})
            for code, tekst in FOUTEN.items():
                if code == "400" and methode == "get" and not operatie.get("parameters"):
                    continue
                antwoorden.setdefault(
                    code, {"description": tekst, "content": {"application/json": {"schema": FOUT}}}
                )
    return result
