"""Project-wide protections: one CSV writer, dates with a range, forms that count once, Dutch
messages, quiet 403s."""

import logging
import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import scope

from organisaties.datums import GEBEURD, Datumbereik, bereik_van
from organisaties.export import veilige_cel
from organisaties.middleware import SLEUTEL_VELD
from organisaties.models import Rol

BASIS = Path(__file__).resolve().parent.parent
APPS = ["organisaties", "trajecten", "werving", "begeleiding", "financiering", "documenten"]


# ---- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "cel"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tverborgen", "'\tverborgen"),
        ("\rregel", "'\rregel"),
        ("-250,00", "-250,00"),  # a negative amount stays a number
        ("Gewone tekst", "Gewone tekst"),
        (date(2026, 3, 1), "2026-03-01"),
        (None, ""),
    ],
)
def test_een_cel_wordt_nooit_een_formule(waarde, cel):
    assert veilige_cel(waarde) == cel


def test_er_is_maar_een_csv_schrijver():
    """Every export goes through organisaties/export.py, so none can forget the protection."""
    gebruik = [
        str(pad.relative_to(BASIS))
        for app in APPS
        for pad in (BASIS / app).rglob("*.py")
        if "csv.writer" in pad.read_text() and pad.name != "export.py"
    ]
    assert gebruik == []


def test_kandidatenexport_neutraliseert_formules(client, wereld):
    from tests.factories import maak_traject, meld_aan
    from trajecten import services
    from werving.models import Kandidaat

    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    traject = maak_traject(wereld.regio_a, regisseur)
    with scope(regio=wereld.regio_a.pk):
        services.voeg_partner_toe(
            traject=traject, organisatie=wereld.gemeente_a, rol="gemeente", door=regisseur
        )
    [d] = meld_aan(traject, regisseur, gemeente=wereld.gemeente_a)
    with scope(regio=wereld.regio_a.pk):
        Kandidaat.objects.filter(pk=d.kandidaat_id).update(voornaam="=1+1", achternaam="@A1")
    client.force_login(wereld.per_rol[Rol.KLANTMANAGER])
    response = client.get(reverse("mijn_kandidaten", args=[wereld.regio_a.slug]) + "?formaat=csv")
    regel = response.content.decode("utf-8-sig").splitlines()[1]
    assert regel.startswith("'=1+1;'@A1;")
    assert "no-store" in response["Cache-Control"]

    # The XLSX twin: the same neutralisation, and stored as text, never as a formula.
    import io

    from openpyxl import load_workbook

    response = client.get(reverse("mijn_kandidaten", args=[wereld.regio_a.slug]) + "?formaat=xlsx")
    assert "no-store" in response["Cache-Control"]
    blad = load_workbook(io.BytesIO(response.content)).active
    assert (blad["A2"].value, blad["B2"].value) == ("'=1+1", "'@A1")
    assert blad["A2"].data_type == "s" and blad["B2"].data_type == "s"


# ---- Dates --------------------------------------------------------------------------------


def _project_formulieren():
    """Every form class the project defines (plain and model forms)."""
    gevonden, te_doen = set(), [forms.BaseForm]
    while te_doen:
        for sub in te_doen.pop().__subclasses__():
            te_doen.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                gevonden.add(sub)
    return sorted(gevonden, key=lambda k: f"{k.__module__}.{k.__name__}")


def test_elk_datumveld_van_een_model_heeft_een_bereik():
    zonder = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in APPS
        for f in m._meta.get_fields()
        if isinstance(f, models.DateField)
        and not isinstance(f, models.DateTimeField)
        and f.editable
        and bereik_van(f.validators) is None
    ]
    assert zonder == []


def test_elk_datumveld_van_een_formulier_heeft_een_bereik():
    klassen = _project_formulieren()
    assert len(klassen) > 20
    zonder = [
        f"{k.__module__}.{k.__name__}.{naam}"
        for k in klassen
        for naam, veld in k.base_fields.items()
        if isinstance(veld, forms.DateField) and bereik_van(veld.validators) is None
    ]
    assert zonder == []


@pytest.mark.parametrize("datum", [date(1, 1, 1), date(9999, 12, 31), date(2030, 1, 1)])
def test_een_resultaat_in_het_jaar_1_of_de_toekomst_maakt_geen_vordering(wereld, datum):
    from tests.factories import maak_traject, meld_aan
    from trajecten import services

    traject = maak_traject(wereld.regio_a, wereld.per_rol[Rol.PROCESREGISSEUR])
    [d] = meld_aan(traject, wereld.per_rol[Rol.PROCESREGISSEUR])
    with scope(regio=wereld.regio_a.pk), pytest.raises(ValidationError) as fout:
        services.registreer_resultaat(
            deelname=d, door=wereld.per_rol[Rol.PROCESREGISSEUR], vca_behaald_op=datum
        )
    assert "vca_behaald_op" in fout.value.message_dict


def test_datumbereik_zegt_wat_te_doen():
    with pytest.raises(ValidationError, match="in de toekomst"):
        GEBEURD(date(2999, 1, 1))
    with pytest.raises(ValidationError, match="te ver in het verleden"):
        GEBEURD(date(1, 1, 1))
    assert Datumbereik("x", 1, 1).deconstruct()[0] == "organisaties.datums.Datumbereik"


# ---- Forms count once ---------------------------------------------------------------------


def test_een_formulier_dat_twee_keer_wordt_verstuurd_telt_een_keer(client, wereld):
    from organisaties.models import Organisatie

    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    url = reverse("organisatie_toevoegen", args=[wereld.regio_a.slug])
    data = {
        "naam": "Dubbelklik BV",
        "soort": "werkgever",
        "kvk_nummer": "",
        SLEUTEL_VELD: uuid.uuid4().hex,
    }
    eerste = client.post(url, data)
    tweede = client.post(url, data)
    assert eerste.status_code == tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"]
    assert Organisatie.objects.filter(naam="Dubbelklik BV").count() == 1
    assert "al verstuurd" in client.get(tweede["Location"]).content.decode()
    # A new key (a new form) is a new submission.
    data[SLEUTEL_VELD] = uuid.uuid4().hex
    client.post(url, data)
    assert Organisatie.objects.filter(naam="Dubbelklik BV").count() == 2


def test_een_formulier_met_fouten_mag_opnieuw(client, wereld):
    client.force_login(wereld.per_rol[Rol.BEHEERDER])
    url = reverse("organisatie_toevoegen", args=[wereld.regio_a.slug])
    sleutel = uuid.uuid4().hex
    fout = client.post(url, {"naam": "", "soort": "werkgever", SLEUTEL_VELD: sleutel})
    assert fout.status_code == 200
    goed = client.post(url, {"naam": "Hersteld BV", "soort": "werkgever", SLEUTEL_VELD: sleutel})
    assert goed.status_code == 302


def test_elk_formulier_draagt_een_sleutel():
    sjablonen = [
        p for p in (BASIS / "templates").rglob("*.html") if "{% csrf_token %}" in p.read_text()
    ]
    assert sjablonen
    zonder = [
        str(p.relative_to(BASIS))
        for p in sjablonen
        if p.read_text().count("{% csrf_token %}") != p.read_text().count("{% eenmalig %}")
    ]
    assert zonder == []


# ---- Messages and logging -----------------------------------------------------------------


def test_wachtwoordmeldingen_zijn_nederlands():
    from organisaties.forms import AccountAanmakenForm

    form = AccountAanmakenForm(
        {"naam": "Test", "wachtwoord1": "kort", "wachtwoord2": "kort"}, email="a@b.nl"
    )
    assert not form.is_valid()
    meldingen = " ".join(form.errors["wachtwoord1"])
    assert "Dit wachtwoord is te kort. Gebruik minstens 12 tekens." in meldingen
    assert not re.search(r"\b(This|password|must)\b", meldingen)


def test_een_403_wordt_een_keer_gelogd_zonder_traceback(client, wereld, caplog):
    client.force_login(wereld.per_rol[Rol.WERKGEVER])
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("traject_lijst", args=[wereld.regio_a.slug]))
    assert response.status_code == 403
    regels = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(regels) == 1
    assert regels[0].exc_info is None and "Forbidden" in regels[0].getMessage()
