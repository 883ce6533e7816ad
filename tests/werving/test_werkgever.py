from datetime import date, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from organisaties.models import Lidmaatschap, Organisatie, Rol
from tests.factories import meld_aan
from trajecten.models import PartnerRol, Traject
from werving import selectors
from werving.models import IntakeStatus, Vacature, WerkgeverIntake

BEDRIJF = {
    "kvk_nummer": "17123456",
    "vestigingsplaats": "Oss",
    "postcode": "5342AB",
    "aantal_medewerkers": "25",
}
CONTACT = {
    "contactpersoon": "Jan de Boer", "email": "jan@isolatieoss.nl", "telefoon": "0412-123456",
    "projectleider": "Anja Smit", "projectleider_email": "anja@isolatieoss.nl",
    "plaatsvervanger": "Piet Kok", "plaatsvervanger_email": "piet@isolatieoss.nl",
}  # fmt: skip


def vacature(i=0, **extra):
    data = {
        f"vacature-{i}-functie": "Isolatiemonteur", f"vacature-{i}-aantal_plaatsen": "2",
        f"vacature-{i}-werklocatie": "Oss", f"vacature-{i}-ov_bereikbaar": "on",
        f"vacature-{i}-uren_per_week": "36", f"vacature-{i}-contract_maanden": "12",
        f"vacature-{i}-cao": "Cao Bouw & Infra", f"vacature-{i}-taaleis": "A2",
        f"vacature-{i}-vca_vereist": "on", f"vacature-{i}-buddy_beschikbaar": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def beheer(n):
    return {
        "vacature-TOTAL_FORMS": str(n),
        "vacature-INITIAL_FORMS": "0",
        "vacature-MIN_NUM_FORMS": "1",
        "vacature-MAX_NUM_FORMS": "1000",
    }


def test_formulier_in_stappen_met_bewaren_en_hervatten(client, wereld, link):
    stap = link + "stap/{}/"
    assert client.get(link)["Location"] == stap.format(1)
    pagina = client.get(stap.format(1)).content.decode()
    # The name from the invitation stays; the werkgever may only suggest a correction.
    assert "Bedrijfsnaam: <strong>Isolatie Oss B.V.</strong>" in pagina
    assert 'name="bedrijfsnaam"' not in pagina

    # A wrong KvK number and postcode: messages next to the fields, everything typed stays.
    r = client.post(
        stap.format(1), {**BEDRIJF, "kvk_nummer": "1712", "postcode": "53", "actie": "volgende"}
    )
    inhoud = r.content.decode()
    assert r.status_code == 200
    assert (
        "Een KvK-nummer bestaat uit precies 8 cijfers" in inhoud
        and 'id="id_kvk_nummer_error"' in inhoud
    )
    assert "Vul een Nederlandse postcode in" in inhoud
    assert 'value="1712"' in inhoud and 'value="Oss"' in inhoud and 'value="25"' in inhoud
    # The tab is closed; the link later resumes with what was typed (and its errors).
    hervat = client.get(client.get(link)["Location"]).content.decode()
    assert 'value="1712"' in hervat and "Een KvK-nummer bestaat uit precies 8 cijfers" in hervat
    # Cannot skip ahead.
    assert client.get(stap.format(3))["Location"] == stap.format(1)

    assert client.post(stap.format(1), {**BEDRIJF, "actie": "volgende"})["Location"] == stap.format(
        2
    )
    # Half-filled contact step, then back: nothing lost.
    client.post(stap.format(2), {"contactpersoon": "Jan de Boer", "actie": "vorige"})
    assert 'value="Jan de Boer"' in client.get(stap.format(2)).content.decode()
    assert client.post(stap.format(2), {**CONTACT, "actie": "volgende"})["Location"] == stap.format(
        3
    )

    # Vacatures: add a second one, the first stays.
    r = client.post(stap.format(3), {**beheer(1), **vacature(0), "actie": "extra_vacature"})
    assert (
        'name="vacature-1-functie"' in r.content.decode()
        and 'value="Isolatiemonteur"' in r.content.decode()
    )
    r = client.post(
        stap.format(3),
        {
            **beheer(2),
            **vacature(0),
            **vacature(
                1, **{"vacature-1-functie": "Hulpmonteur", "vacature-1-aantal_plaatsen": "1"}
            ),
            "actie": "volgende",
        },
    )
    assert r["Location"] == stap.format(4)
    assert client.post(
        stap.format(4),
        {
            "cultuur_op_de_werkvloer": "on",
            "subsidie_informatie": ["lks", "no_risk"],
            "actie": "volgende",
        },
    )["Location"] == stap.format(5)
    controle = client.get(stap.format(5)).content.decode()
    assert "Hulpmonteur" in controle and "17123456" in controle and "Anja Smit" in controle
    assert client.post(stap.format(5), {"actie": "indienen"})["Location"] == link
    assert "Bedankt" in client.get(link).content.decode()
    with scope(regio=wereld.regio_a.pk):
        intake = WerkgeverIntake.objects.get()
    assert intake.status == IntakeStatus.INGEDIEND
    # After sending in, the steps cannot be changed any more.
    assert (
        "Bedankt" in client.post(stap.format(1), {**BEDRIJF, "actie": "volgende"}).content.decode()
    )


def test_verlopen_en_gewijzigde_link(client, wereld, link, settings):
    later = timezone.now() + timedelta(days=settings.WERKGEVER_LINK_GELDIG_DAGEN, minutes=1)
    with time_machine.travel(later):
        r = client.get(link)
    assert r.status_code == 410 and "verlopen" in r.content.decode()
    r = client.get(link.replace("/werkgever/", "/werkgever/x"))
    assert r.status_code == 410 and "niet geldig" in r.content.decode()
    assert client.get("/werkgever/onzin/stap/2/").status_code == 410


def _vul_in(client, link):
    stap = link + "stap/{}/"
    client.post(stap.format(1), {**BEDRIJF, "actie": "volgende"})
    client.post(stap.format(2), {**CONTACT, "actie": "volgende"})
    client.post(stap.format(3), {**beheer(1), **vacature(0), "actie": "volgende"})
    client.post(stap.format(4), {"actie": "volgende"})
    client.post(stap.format(5), {"actie": "indienen"})


def test_beoordelen_baangarantie_en_login_voor_de_werkgever(
    client, wereld, regisseur, traject, link, django_capture_on_commit_callbacks
):
    _vul_in(client, link)
    with scope(regio=wereld.regio_a.pk):
        intake = WerkgeverIntake.objects.get()
    client.force_login(regisseur)
    doel = reverse(
        "werkgever_beoordelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": intake.pk}
    )
    r = client.post(doel, {"besluit": "afgewezen", "reden_afwijzing": ""})
    assert "Geef de reden waarom de werkgever niet meedoet." in r.content.decode()
    r = client.post(
        doel,
        {
            "besluit": "akkoord",
            "gesprek_datum": "2026-11-20",
            "gesprek_verslag": "Buddy en projectleider aanwezig.",
        },
    )
    assert r.status_code == 302
    org = Organisatie.objects.get(kvk_nummer="17123456")
    with scope(regio=wereld.regio_a.pk):
        assert traject.partners.filter(rol=PartnerRol.WERKGEVER, organisatie=org).exists()
        v = Vacature.objects.get(werkgever=org)
        assert (v.functie, v.aantal_plaatsen, v.traject) == ("Isolatiemonteur", 2, traject)
        dekking = selectors.baangarantie_dekking(traject=traject)
    assert dekking == {"plaatsen": 0, "groep": 10, "tekort": 10}
    detail = client.get(
        reverse("traject_detail", kwargs={"regio_slug": wereld.regio_a.slug, "pk": traject.pk})
    ).content.decode()
    assert "Er ontbreken 10 baangaranties" in detail

    garanties = reverse(
        "baangaranties", kwargs={"regio_slug": wereld.regio_a.slug, "pk": traject.pk}
    )
    r = client.post(garanties, {"werkgever": org.pk, "aantal_plaatsen": "2"})
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        assert selectors.baangarantie_dekking(traject=traject)["plaatsen"] == 2
    # The signed date is no longer typed: signing the inspanningsovereenkomst sets it
    # (tests/documenten), and then invites the werkgever's signer to log in.
    pagina = client.get(garanties).content.decode()
    assert 'name="inspanningsovereenkomst_getekend_op"' not in pagina
    assert "nog niet getekend" in pagina and "Overeenkomst opstellen" in pagina


def test_baangarantie_vraagt_minstens_een_plek(client, wereld, regisseur, traject):
    from tests.factories import OrganisatieFactory

    org = OrganisatieFactory(soort="werkgever")
    wereld.regio_a.organisaties.add(org)
    client.force_login(regisseur)
    garanties = reverse(
        "baangaranties", kwargs={"regio_slug": wereld.regio_a.slug, "pk": traject.pk}
    )
    r = client.post(garanties, {"werkgever": org.pk, "aantal_plaatsen": "0"})
    assert r.status_code == 200 and 'id="id_aantal_plaatsen_error"' in r.content.decode()


def test_werkgever_ziet_eigen_deelnemers_maar_geen_intake(
    client, wereld, regisseur, traject, in_regio_a
):
    from trajecten import services as traject_services
    from werving import services as werving_services

    werkgever_org = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie
    werkgever = wereld.per_rol[Rol.WERKGEVER]
    Lidmaatschap.objects.filter(user=werkgever).update(organisatie=werkgever_org)
    v = Vacature.objects.create(
        regio=wereld.regio_a,
        werkgever=werkgever_org,
        traject=traject,
        functie="Glaszetter",
        werklocatie="Oss",
    )
    geplaatst, zonder_toestemming, elders = meld_aan(traject, regisseur, 3)
    werving_services.trek_toestemming_in(
        kandidaat=zonder_toestemming.kandidaat, ontvanger="werkgever", door=regisseur
    )
    werving_services.leg_intake_vast(
        deelname=geplaatst,
        door=regisseur,
        thuissituatie="Geheime thuissituatie",
        motivatie="Wil graag bouwen",
    )
    for d in (geplaatst, zonder_toestemming):
        traject_services.koppel_vacature(deelname=d, vacature=v, door=regisseur)
    client.force_login(werkgever)
    inhoud = client.get(
        reverse("mijn_vacatures", kwargs={"regio_slug": wereld.regio_a.slug})
    ).content.decode()
    assert "Glaszetter" in inhoud
    assert geplaatst.kandidaat.achternaam in inhoud
    assert zonder_toestemming.kandidaat.achternaam not in inhoud  # no consent for the werkgever
    assert elders.kandidaat.achternaam not in inhoud  # not placed here
    assert "Geheime thuissituatie" not in inhoud and "Wil graag bouwen" not in inhoud


def test_nieuwe_ronde_neemt_open_vacatures_mee(wereld, regisseur, traject, in_regio_a):
    from trajecten import services as traject_services

    org = traject.partners.get(rol=PartnerRol.WERKGEVER).organisatie
    open_ = Vacature.objects.create(
        regio=wereld.regio_a, werkgever=org, traject=traject, functie="A", werklocatie="Oss"
    )
    vervuld = Vacature.objects.create(
        regio=wereld.regio_a,
        werkgever=org,
        traject=traject,
        functie="B",
        werklocatie="Oss",
        status="vervuld",
    )
    nieuw = traject_services.start_nieuwe_ronde(
        traject=traject, door=regisseur, start=date(2027, 9, 1)
    )
    open_.refresh_from_db()
    vervuld.refresh_from_db()
    assert (open_.traject, vervuld.traject) == (nieuw, traject)
    assert Traject.objects.get(pk=nieuw.pk).partners.filter(organisatie=org).exists()


def test_intake_en_assessment_vastleggen(client, wereld, regisseur, traject):
    d = meld_aan(traject, regisseur)[0]
    client.force_login(regisseur)
    r = client.post(
        reverse("intake", kwargs={"regio_slug": wereld.regio_a.slug, "dpk": d.pk}),
        {"datum": "2026-11-20", "motivatie": "Wil vakman worden", "tolk": "on"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("assessment", kwargs={"regio_slug": wereld.regio_a.slug, "dpk": d.pk}),
        {"datum": "2026-11-27", "uitslag": ""},
    )
    assert r.status_code == 200 and 'id="id_uitslag_error"' in r.content.decode()
    r = client.post(
        reverse("assessment", kwargs={"regio_slug": wereld.regio_a.slug, "dpk": d.pk}),
        {"datum": "2026-11-27", "uitslag": "geschikt", "toelichting": "Handig met gereedschap"},
    )
    assert r.status_code == 302
    with scope(regio=wereld.regio_a.pk):
        d.refresh_from_db()
        assert d.status == "assessment"
        assert d.intake.motivatie == "Wil vakman worden" and d.assessment.uitslag == "geschikt"
        assert selectors.intake_indicator(traject=traject) == {
            "intakes": 1,
            "plaatsen": 10,
            "doel": 20,
            "gehaald": False,
        }


def test_bedrijfsnaam_blijft_en_correctie_is_een_voorstel(client, wereld, regisseur, link):
    stap = link + "stap/{}/"
    pagina = client.get(stap.format(1)).content.decode()
    assert "U bent uitgenodigd door" in pagina and regisseur.email in pagina
    client.post(
        stap.format(1),
        {**BEDRIJF, "naam_correctie": "Isolatie Oss Noord B.V.", "actie": "volgende"},
    )
    with scope(regio=wereld.regio_a.pk):
        intake = WerkgeverIntake.objects.get()
        from werving.forms import ingevuld

        bedrijf = ingevuld(intake)["bedrijf"]
    assert bedrijf["bedrijfsnaam"] == "Isolatie Oss B.V."
    assert bedrijf["naam_correctie"] == "Isolatie Oss Noord B.V."
    client.force_login(regisseur)
    beoordelen = client.get(
        reverse("werkgever_beoordelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": intake.pk})
    ).content.decode()
    assert "stelt een andere bedrijfsnaam voor: Isolatie Oss Noord B.V." in beoordelen


def test_procesregisseur_ziet_en_mailt_de_link_opnieuw(
    client, wereld, regisseur, link, mailoutbox, django_capture_on_commit_callbacks
):
    with scope(regio=wereld.regio_a.pk):
        intake = WerkgeverIntake.objects.get()
    client.force_login(regisseur)
    kw = {"regio_slug": wereld.regio_a.slug, "pk": intake.pk}
    pagina = client.get(reverse("werkgever_beoordelen", kwargs=kw)).content.decode()
    assert 'id="werkgeverlink"' in pagina and "/werkgever/" in pagina
    assert "Link opnieuw e-mailen" in pagina
    voor = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("werkgever_link_opnieuw", kwargs=kw))
    assert r.status_code == 302
    assert len(mailoutbox) == voor + 1
    assert mailoutbox[-1].to == ["info@isolatieoss.nl"]


def test_na_goedkeuren_volgt_de_baangarantie(client, wereld, regisseur, traject, link):
    _vul_in(client, link)
    with scope(regio=wereld.regio_a.pk):
        intake = WerkgeverIntake.objects.get()
    client.force_login(regisseur)
    doel = reverse(
        "werkgever_beoordelen", kwargs={"regio_slug": wereld.regio_a.slug, "pk": intake.pk}
    )
    r = client.post(doel, {"besluit": "akkoord", "gesprek_datum": "2026-11-20"}, follow=True)
    org = Organisatie.objects.get(kvk_nummer="17123456")
    assert r.redirect_chain[-1][0].endswith(f"/baangaranties/?werkgever={org.pk}")
    inhoud = r.content.decode()
    assert "Leg nu de baangarantie vast." in inhoud
    assert f'<option value="{org.pk}" selected>' in inhoud
