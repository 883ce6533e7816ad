from django import forms
from django.utils.translation import gettext_lazy as _


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Naam"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )  # fmt: skip

    def vraag(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""
