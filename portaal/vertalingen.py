"""Compiles portaal/locale/*/LC_MESSAGES/django.po to django.mo with polib (no GNU gettext
needed), and checks what the tests check: every message translated, placeholders kept.

    python -m portaal.vertalingen          # compile
"""

import re
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent / "locale"
PLAATSHOUDER = re.compile(r"%\(\w+\)s")


def catalogi() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def fouten(po_pad: Path) -> list[str]:
    """Messages without a translation, or whose %(name)s placeholders differ."""
    uit = []
    for entry in polib.pofile(str(po_pad)):
        if entry.obsolete:
            continue
        if not entry.msgstr or "fuzzy" in entry.flags:
            uit.append(f"{po_pad.parent.parent.name}: niet vertaald: {entry.msgid!r}")
        elif sorted(PLAATSHOUDER.findall(entry.msgid)) != sorted(
            PLAATSHOUDER.findall(entry.msgstr)
        ):
            uit.append(f"{po_pad.parent.parent.name}: plaatshouders verschillen: {entry.msgid!r}")
    return uit


def compileer() -> None:
    for po_pad in catalogi():
        polib.pofile(str(po_pad)).save_as_mofile(str(po_pad.with_suffix(".mo")))
        print(f"{po_pad.with_suffix('.mo').relative_to(LOCALE.parent.parent)}")


if __name__ == "__main__":
    compileer()
