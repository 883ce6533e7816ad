"""Two things every page of the kandidaat uses.

`{% tt _("Mijn route") %}` writes the Dutch text and, when the kandidaat chose a second language,
the same text in that language right after it (its own `lang` and `dir`, so Arabic reads right to
left); the Dutch always stays, for learning. Texts are ordinary gettext messages of the portaal
app (portaal/locale, docs/portaal.md); values (`datum=…`) are filled in per language.

`{% pictogram "calendar" %}` inlines one vendored pictogram (static/portaal/pictogrammen), hidden
from screen readers: a pictogram always stands next to its text, never alone.
"""

import functools
import logging
import re
from datetime import date, datetime, time

from django import template
from django.contrib.staticfiles import finders
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, trans_real

from portaal.models import RECHTS_NAAR_LINKS

register = template.Library()
logger = logging.getLogger(__name__)


def _waarde(waarde):
    if isinstance(waarde, datetime):
        return formats.date_format(waarde, "l j F, H:i")
    if isinstance(waarde, date):
        return formats.date_format(waarde, "l j F Y")
    if isinstance(waarde, time):
        return waarde.strftime("%H:%M")
    if isinstance(waarde, str | Promise):
        return gettext(msgid(waarde))  # a choice label: translated too, when it has a translation
    return waarde


def msgid(tekst) -> str:
    """The text as written. A template's _("…") reaches a tag as a lazy translation of that text
    with every % doubled (django.template.base.Variable), a form no catalog holds: undone here."""
    with translation.override(None):
        return str(tekst).replace("%%", "%")


def in_taal(tekst, waarden: dict, taal: str) -> str:
    with translation.override(taal):
        sjabloon = gettext(msgid(tekst))
        if not waarden:
            return sjabloon
        return sjabloon % {k: _waarde(v) for k, v in waarden.items()}


@register.simple_tag(takes_context=True)
def tt(context, tekst, **waarden):
    nederlands = in_taal(tekst, waarden, "nl")
    taal = context.get("tweede_taal")
    if not taal:
        return nederlands
    if msgid(tekst) not in trans_real.translation(taal)._catalog:
        # Shown in Dutch only; the test of every page in every language fails on this line.
        logger.warning("Geen vertaling (%s) voor %r", taal, msgid(tekst))
    vertaald = in_taal(tekst, waarden, taal)
    if vertaald == nederlands:
        return nederlands
    richting = "rtl" if taal in RECHTS_NAAR_LINKS else "ltr"
    return format_html(
        '{}<span class="vertaling" lang="{}" dir="{}">{}</span>',
        nederlands,
        taal,
        richting,
        vertaald,
    )


@functools.cache
def _svg(naam: str) -> str:
    pad = finders.find(f"portaal/pictogrammen/{naam}.svg")
    if not pad:
        raise template.TemplateSyntaxError(
            f"Geen pictogram {naam!r} in static/portaal/pictogrammen"
        )
    with open(pad, encoding="utf-8") as f:
        svg = f.read().strip()
    svg = re.sub(
        r'class="[^"]*"', 'class="pictogram" aria-hidden="true" focusable="false"', svg, count=1
    )
    return mark_safe(svg)  # noqa: S308 - a vendored file of ours, never input


@register.simple_tag
def pictogram(naam):
    return _svg(naam)


@register.simple_tag
def keuzepictogram(veld, waarde):
    """The pictogram of one choice of a profile question, if it has one (zelfprofiel.py)."""
    naam = getattr(veld, "pictogrammen", {}).get(waarde)
    return _svg(naam) if naam else ""
