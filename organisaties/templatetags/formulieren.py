"""`{% eenmalig %}` in every POST form: a fresh key that makes a double submission count once
(organisaties.middleware.EenmaligVersturen). Loaded as a builtin (config/settings.py)."""

import uuid

from django import template
from django.utils.html import format_html

from organisaties.middleware import SLEUTEL_VELD

register = template.Library()


@register.simple_tag
def eenmalig():
    return format_html('<input type="hidden" name="{}" value="{}">', SLEUTEL_VELD, uuid.uuid4().hex)
