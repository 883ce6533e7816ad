from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ontbreekt(waarde, label):
    """The value (escaped as usual), or in the preview a visible mark of what is missing. A
    document with a missing value is never sent, so the mark never reaches a PDF."""
    if waarde not in (None, ""):
        return waarde
    return format_html('<mark class="ontbreekt">[{}: {}]</mark>', _("ontbreekt"), label)


@register.filter
def ja_nee(waarde):
    return _("ja") if waarde else _("in overleg")
