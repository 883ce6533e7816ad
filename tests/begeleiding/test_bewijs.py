"""Evidence of results: stored under a generated name, and a replaced file is removed (it is
personal data without a purpose any more)."""

import re

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from begeleiding.models import Resultaat
from organisaties.models import Rol


def _upload(client, wereld, module, deelname, naam, inhoud):
    return client.post(
        reverse(
            "resultaat",
            kwargs={"regio_slug": wereld.regio_a.slug, "mpk": module.pk, "dpk": deelname.pk},
        ),
        {"behaald": "on", "certificaat": "vca", "datum": "2026-11-02",
         "bewijs": SimpleUploadedFile(naam, inhoud)},
    )  # fmt: skip


def test_vervangen_bewijs_verdwijnt_en_namen_zijn_gegenereerd(
    client, wereld, deelname, module, django_capture_on_commit_callbacks
):
    client.force_login(wereld.per_rol[Rol.OPLEIDER])
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, wereld, module, deelname, "Certificaat Semhar T. BSN.pdf", b"%PDF-1.4 a")
    with scope(regio=wereld.regio_a.pk):
        eerste = Resultaat.objects.get().bewijs.name
    assert re.fullmatch(r"bewijs/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", eerste)
    assert default_storage.exists(eerste)

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, wereld, module, deelname, "nieuw.pdf", b"%PDF-1.4 b")
    with scope(regio=wereld.regio_a.pk):
        resultaat = Resultaat.objects.get()
    assert resultaat.bewijs.name != eerste
    assert default_storage.exists(resultaat.bewijs.name)
    assert not default_storage.exists(eerste)

    download = client.get(
        reverse("bewijs", kwargs={"regio_slug": wereld.regio_a.slug, "rpk": resultaat.pk})
    )
    assert f'filename="bewijs-vca-{deelname.pk}.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 b"
