"""Reads the forms of a rendered page, as a browser would: their method, action and fields with
the values a user would send without touching anything. Used by the hostile-input walk."""

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser


@dataclass
class Veld:
    naam: str
    soort: str  # text, email, number, date, time, textarea, select, checkbox, radio, file, ...
    waarde: str = ""
    opties: list[str] = field(default_factory=list)  # select and radio: the values offered
    aangevinkt: bool = False
    minimum: str = ""


@dataclass
class Formulier:
    methode: str
    actie: str
    velden: list[Veld] = field(default_factory=list)

    def invoer(self) -> dict[str, list[str]]:
        """What a browser sends without changes; required fields a user leaves empty get a
        plausible value, so that one hostile field at a time reaches as deep as it can."""
        data: dict[str, list[str]] = {}
        radio_gekozen = {v.naam for v in self.velden if v.soort == "radio" and v.aangevinkt}
        for v in self.velden:
            if v.soort in ("submit", "button", "reset", "image", "file"):
                continue
            if v.soort == "checkbox":
                if v.aangevinkt:
                    data.setdefault(v.naam, []).append(v.waarde or "on")
            elif v.soort == "radio":
                # The checked one, or else the first of the group.
                if v.aangevinkt or (v.naam not in radio_gekozen and v.naam not in data):
                    data[v.naam] = [v.waarde]
            else:
                data.setdefault(v.naam, []).append(v.waarde or _plausibel(v))
        return data

    def knoppen(self) -> list[tuple[str, str]]:
        """(name, value) of the named submit buttons: each sends the form differently."""
        return [
            (v.naam, v.waarde) for v in self.velden if v.soort in ("submit", "button") and v.naam
        ]

    def invulvelden(self) -> list[Veld]:
        """Every field that is sent (one entry per name), hidden ones included: an attacker
        sends what they like. Not the CSRF token, without which nothing gets in."""
        gezien, uit = set(), []
        for v in self.velden:
            if v.soort in ("submit", "button", "reset", "image", "file"):
                continue
            if v.naam == "csrfmiddlewaretoken":
                continue
            if v.naam not in gezien:
                gezien.add(v.naam)
                uit.append(v)
        return uit


def _plausibel(v: Veld) -> str:
    if v.soort == "select":
        return next((o for o in v.opties if o), "")
    return {
        "email": "test@voorbeeld.nl",
        "number": v.minimum or "1",
        "date": date.today().isoformat(),
        "time": "10:00",
    }.get(v.soort, "Test")


class _Lezer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.formulieren: list[Formulier] = []
        self._select: Veld | None = None
        self._textarea: Veld | None = None
        self._optie: dict | None = None

    @property
    def _huidig(self) -> Formulier | None:
        return self.formulieren[-1] if self.formulieren and self._open else None

    _open = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.formulieren.append(
                Formulier((a.get("method") or "get").lower(), a.get("action") or "")
            )
            self._open = True
            return
        formulier = self._huidig
        if formulier is None or ("name" not in a and tag != "option"):
            if tag == "option" and self._select is not None:
                self._optie = a
            return
        if tag == "input":
            formulier.velden.append(
                Veld(
                    a["name"],
                    (a.get("type") or "text").lower(),
                    a.get("value") or "",
                    aangevinkt="checked" in a,
                    minimum=a.get("min") or "",
                )
            )
        elif tag == "button":
            formulier.velden.append(
                Veld(a["name"], (a.get("type") or "submit").lower(), a.get("value") or "")
            )
        elif tag == "textarea":
            self._textarea = Veld(a["name"], "textarea")
            formulier.velden.append(self._textarea)
        elif tag == "select":
            self._select = Veld(a["name"], "select")
            formulier.velden.append(self._select)
        elif tag == "option" and self._select is not None:
            self._optie = a

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.waarde += data
        if self._optie is not None and self._select is not None:
            waarde = self._optie.get("value", data.strip())
            self._select.opties.append(waarde)
            if "selected" in self._optie:
                self._select.waarde = waarde
            self._optie = None


# The header's logout button is a form on every page; the walks leave it alone (posting it would
# log the walker out halfway). Its own test: tests/test_interactie.py.
KOP_FORMULIEREN = {"/uitloggen/"}


def formulieren_op(html: str) -> list[Formulier]:
    lezer = _Lezer()
    lezer.feed(html)
    return [f for f in lezer.formulieren if f.actie not in KOP_FORMULIEREN]
