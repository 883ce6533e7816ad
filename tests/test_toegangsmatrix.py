"""The access matrix: every URL pattern of the project, every kind of visitor.

anonymous → login; member of another regio → 404; a role without the right → 403; the right
role → 200. The expected access is written down here, independently of the views' own
declarations (organisaties/access.py), in tests/paginas.py: a URL missing from BELEID, a view
without a declaration, or a declaration that differs from BELEID fails, and so does a URL with
arguments it does not know how to fill (add them to VOORBEELD_ARGUMENTEN there).
"""

from types import SimpleNamespace

import pytest
from django.urls import URLResolver, reverse
from django_scopes import scope

from organisaties import services
from organisaties.models import Lidmaatschap, Rol

from .factories import lid
from .paginas import (
    ALLEEN_POST,
    BELEID,
    EIGENAAR,
    PATRONEN,
    log_in_als_kandidaat,
    onbeschermde_views,
    portaal_in_a,
    url_voor,
)


def test_elke_view_heeft_een_toegangsbeleid():
    assert onbeschermde_views() == []


def test_een_view_zonder_beleid_wordt_gevonden():
    from django.urls import path

    def kale_view(request):  # pragma: no cover - never called
        raise AssertionError

    nep = SimpleNamespace(urlpatterns=[path("kaal/", kale_view)])
    assert onbeschermde_views(URLResolver(r"^/", nep)) == ["kaal/"]


def _is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("route", "naam", "view"), PATRONEN)
def test_toegangsmatrix(client, wereld, route, naam, view):
    assert naam in BELEID, f"{route}: leg in BELEID vast wie deze URL mag openen"
    verwacht = BELEID[naam]
    toegang = view.toegang
    if isinstance(verwacht, str):
        assert toegang.soort == verwacht, f"{naam}: verklaard {toegang}, verwacht {verwacht}"
    else:
        assert toegang.soort == "regio", naam
        assert set(toegang.rollen) == verwacht, f"{naam}: verklaard {set(toegang.rollen)}"
    url = url_voor(wereld, route, naam)

    anoniem = client.get(url)
    if toegang.soort == "publiek":
        assert anoniem.status_code in (200, 302, 410), url
        assert not _is_login_redirect(anoniem), url
        return
    if toegang.soort == "kandidaat":
        _kandidaatpagina(client, wereld, naam, url, anoniem)
        return
    if url.startswith("/api/"):
        # The API answers in JSON: 401 instead of the login page, also for a wrong key.
        assert anoniem.status_code == 401, f"{url}: anoniem kreeg {anoniem.status_code}"
        fout = client.get(url, headers={"Authorization": "Bearer schakel_onbekend"})
        assert fout.status_code == 401, url
    else:
        assert _is_login_redirect(anoniem), f"{url}: anoniem kreeg {anoniem.status_code}"
        _kandidaat_krijgt_404(client, wereld, url)

    if toegang.soort == "ingelogd":
        client.force_login(wereld.per_rol[Rol.OPLEIDER])
        assert client.get(url).status_code in (200, 302), url
        return

    assert toegang.soort == "regio"
    # A member of another regio, with every role there: the regio does not exist for them.
    client.force_login(wereld.alles_in_b)
    assert client.get(url).status_code == 404, f"{url}: lid van een andere regio"
    if route.count("<") > 1:
        # Own regio in the URL, an object of the other regio in the path: also 404.
        eigen = url_voor(wereld, route, naam, regio_slug=wereld.regio_b.slug)
        vraag = client.post if naam in ALLEEN_POST else client.get
        assert vraag(eigen).status_code == 404, f"{eigen}: object van een andere regio"

    for rol, user in wereld.per_rol.items():
        client.force_login(user)
        response = client.get(url)
        toegestaan = 405 if naam in ALLEEN_POST else 200
        if (
            naam in EIGENAAR
            and naam not in ALLEEN_POST
            and rol in verwacht
            and rol != EIGENAAR[naam]
        ):
            toegestaan = 404  # someone else's object: as if it does not exist
        code = toegestaan if rol in verwacht else 403
        assert response.status_code == code, (
            f"{url} als {rol}: {response.status_code}, verwacht {code}"
        )
        if code in (200, 405):
            # Pages of a regio hold personal data: never kept in a cache.
            assert "no-store" in response.get("Cache-Control", ""), f"{url}: te cachen"


def _kandidaatpagina(client, wereld, naam, url, anoniem):
    """A kandidaat's own page: anonymous to the kandidaat's way in; every professional, of every
    role, 404; the kandidaat in their own session 200 (405 for a POST-only URL), not cached."""
    assert anoniem.status_code == 302, url
    assert anoniem["Location"].startswith(reverse("portaal_inloggen")), url
    for rol, user in wereld.per_rol.items():
        client.force_login(user)
        assert client.get(url).status_code == 404, f"{url} als {rol}"
    client.logout()
    log_in_als_kandidaat(client, portaal_in_a(wereld))
    response = client.get(url)
    assert response.status_code == (405 if naam in ALLEEN_POST else 200), url
    assert "no-store" in response.get("Cache-Control", ""), f"{url}: te cachen"


def _kandidaat_krijgt_404(client, wereld, url):
    """With a kandidaat's session, a professional's page does not exist (no login form: the
    kandidaat has nothing to log in with there)."""
    log_in_als_kandidaat(client, portaal_in_a(wereld))
    assert client.get(url).status_code == 404, f"{url}: als kandidaat"
    client.logout()


def test_beeindigd_lidmaatschap_geeft_geen_toegang_meer(client, wereld):
    user = lid(wereld.regio_a, Rol.PROCESREGISSEUR)
    client.force_login(user)
    url = reverse("regio_home", kwargs={"regio_slug": wereld.regio_a.slug})
    assert client.get(url).status_code == 200
    with scope(regio=wereld.regio_a.pk):
        lidm = Lidmaatschap.objects.get(user=user)
        services.beeindig_lidmaatschap(lidmaatschap=lidm, door=wereld.per_rol[Rol.BEHEERDER])
    assert client.get(url).status_code == 404


def test_onbekende_regio_is_404(client, wereld):
    client.force_login(wereld.per_rol[Rol.PROCESREGISSEUR])
    assert client.get("/r/bestaat-niet/").status_code == 404


# ---- Financiers of every kind: their own statement, nothing of another's (issue 14) --------

FINANCIER_SOORTEN = ["oo_fonds", "rwc_wsp", "gemeente", "dienstverlener", "subsidiegever"]


@pytest.mark.parametrize("soort", FINANCIER_SOORTEN)
def test_financier_van_elke_soort_ziet_eigen_overzicht_niet_dat_van_een_ander(
    client, wereld, soort, monkeypatch
):
    """A financier of each kind that may finance a round (O&O-fonds, WSP, gemeente,
    dienstverlener, subsidy giver): its own statement of the round (page, CSV, PDF) answers 200,
    another financier's of the same round and a round it does not finance answer 404, and its
    pages never name the other financier."""
    from datetime import date
    from decimal import Decimal

    from financiering import services as fin
    from financiering.services import DekkingInvoer, RegelInvoer

    from .factories import OrganisatieFactory, maak_traject

    monkeypatch.setattr("documenten.renderer.render_pdf", lambda html, **kw: b"%PDF-1.7")
    regisseur = wereld.per_rol[Rol.PROCESREGISSEUR]
    eigen = OrganisatieFactory(soort=soort, naam="Eigen Financier", kvk_nummer="")
    ander = OrganisatieFactory(soort="rwc_wsp", naam="Andere Financier", kvk_nummer="")
    wereld.regio_a.organisaties.add(eigen, ander)
    financier = lid(wereld.regio_a, Rol.FINANCIER, organisatie=eigen)
    traject = maak_traject(wereld.regio_a, regisseur)
    niet_van_hem = maak_traject(wereld.regio_a, regisseur, naam="Andere ronde")
    with scope(regio=wereld.regio_a.pk):
        for t in (traject, niet_van_hem):
            fin.leg_afspraak_vast(
                traject=t,
                door=regisseur,
                soort="cofinanciering",
                regels=[RegelInvoer(financier=ander, aandeel_procent=Decimal(100))],
            )
        fin.leg_dekking_vast(
            traject=traject,
            door=regisseur,
            regels=[DekkingInvoer(financier=eigen, categorie="reiskosten", maximum=Decimal(900))],
        )
        fin.boek_uitgave(
            traject=traject,
            door=regisseur,
            categorie="reiskosten",
            datum=date(2026, 1, 5),
            omschrijving="Reiskosten",
            bedrag=Decimal(750),
        )
    client.force_login(financier)

    def pagina(naam, t, f):
        return reverse(naam, args=[wereld.regio_a.slug, t.pk, f.pk])

    for naam in ["financiersoverzicht", "financiersoverzicht_csv", "financiersoverzicht_pdf"]:
        eigen_antwoord = client.get(pagina(naam, traject, eigen))
        assert eigen_antwoord.status_code == 200, naam
        assert client.get(pagina(naam, traject, ander)).status_code == 404, naam
        assert client.get(pagina(naam, niet_van_hem, ander)).status_code == 404, naam
    assert "750,00" in client.get(pagina("financiersoverzicht", traject, eigen)).content.decode()
    traject_pagina = reverse("financiering_traject", args=[wereld.regio_a.slug, traject.pk])
    inhoud = client.get(traject_pagina).content.decode()
    assert "Eigen Financier" in inhoud and "Andere Financier" not in inhoud
    ander_traject = reverse("financiering_traject", args=[wereld.regio_a.slug, niet_van_hem.pk])
    assert client.get(ander_traject).status_code == 404
    overzicht = client.get(reverse("financiering_overzicht", args=[wereld.regio_a.slug]))
    assert "Andere ronde" not in overzicht.content.decode()
    # A financier without a fund sees no claims at all.
    if soort != "oo_fonds":
        with scope(regio=wereld.regio_a.pk):
            from financiering.selectors import vorderingen_zichtbaar_voor

            assert not vorderingen_zichtbaar_voor(financier, wereld.regio_a).exists()
