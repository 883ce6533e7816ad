import factory
from factory.django import DjangoModelFactory

from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User

factory.Faker._DEFAULT_LOCALE = "nl_NL"


class RegioFactory(DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Arbeidsmarktregio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Faker("company")
    soort = Organisatie.Soort.WERKGEVER
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    naam = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _opslaan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# The organisation kind that fits each role (see ROL_ORGANISATIESOORTEN).
SOORT_VOOR_ROL = {
    Rol.PROCESREGISSEUR: Organisatie.Soort.RWC_WSP,
    Rol.KLANTMANAGER: Organisatie.Soort.GEMEENTE,
    Rol.FINANCIER: Organisatie.Soort.OO_FONDS,
    Rol.OPLEIDER: Organisatie.Soort.OPLEIDER,
    Rol.BEGELEIDER: Organisatie.Soort.DIENSTVERLENER,
    Rol.WERKGEVER: Organisatie.Soort.WERKGEVER,
    Rol.BEHEERDER: Organisatie.Soort.RWC_WSP,
}


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap
        skip_postgeneration_save = True

    regio = factory.SubFactory(RegioFactory)
    user = factory.SubFactory(UserFactory)
    rol = Rol.PROCESREGISSEUR
    organisatie = factory.SubFactory(
        OrganisatieFactory,
        soort=factory.LazyAttribute(lambda o: SOORT_VOOR_ROL[o.factory_parent.rol]),
    )

    @factory.post_generation
    def _in_regio(obj, create, extracted, **kwargs):
        if create:
            obj.regio.organisaties.add(obj.organisatie)


def lid(regio, rol, organisatie=None, user=None, **kwargs):
    """A user with one active membership in `regio`."""
    extra = {"organisatie": organisatie} if organisatie else {}
    if user:
        extra["user"] = user
    return LidmaatschapFactory(regio=regio, rol=rol, **extra, **kwargs).user


def maak_traject(regio, door, *, start=None, gemeenten=1, werkgevers=1, **kwargs):
    """A traject built through the service, with a procesregisseur, gemeenten and werkgevers."""
    from datetime import date

    from django_scopes import scope

    from trajecten import services
    from trajecten.models import Beroep, PartnerRol

    def org(soort):
        o = OrganisatieFactory(soort=soort, kvk_nummer="")
        regio.organisaties.add(o)
        return o

    partners = {
        PartnerRol.PROCESREGISSEUR: [org(Organisatie.Soort.RWC_WSP)],
        PartnerRol.OO_FONDS: [org(Organisatie.Soort.OO_FONDS)],
        PartnerRol.OPLEIDER: [org(Organisatie.Soort.OPLEIDER)],
        PartnerRol.GEMEENTE: [org(Organisatie.Soort.GEMEENTE) for _ in range(gemeenten)],
        PartnerRol.WERKGEVER: [org(Organisatie.Soort.WERKGEVER) for _ in range(werkgevers)],
    }
    velden = {
        "naam": "Glaszetter Noordoost-Brabant, ronde 1",
        "branche": "glas",
        # get_or_create: the live-server (browser) tests flush the rows the migrations seeded.
        "beroep": Beroep.objects.get_or_create(naam="Glaszetter", defaults={"branche": "glas"})[0],
        "groepsgrootte": 10,
        "planning": services.standaard_faseplanning(start or date(2026, 12, 1)),
        "partners": partners,
    }
    velden.update(kwargs)
    with scope(regio=regio.pk):
        return services.maak_traject(regio=regio, door=door, **velden)


def meld_aan(traject, door, n=1, gemeente=None, toestemmingen=None):
    """n kandidaten of a gemeente of the traject, registered with consent and in the traject."""
    from django_scopes import scope

    from trajecten.models import PartnerRol
    from werving import services
    from werving.models import Ontvanger

    toestemmingen = toestemmingen or set(Ontvanger.values)
    with scope(regio=traject.regio_id):
        gemeente = gemeente or traject.partners.filter(rol=PartnerRol.GEMEENTE).first().organisatie
        return [
            services.meld_aan(
                traject=traject,
                door=door,
                voornaam=factory.Faker("first_name").evaluate(None, None, {"locale": "nl_NL"}),
                achternaam=f"Deelnemer {i}",
                gemeente=gemeente,
                toestemmingen=toestemmingen,
            )
            for i in range(n)
        ]


def ga_naar(deelname, door, doel, *, contract_start=None, contract_maanden=12, afwijking=""):
    """Moves a deelname along the main path up to `doel` through the real service."""
    from datetime import date

    from django_scopes import scope

    from trajecten import services
    from trajecten.models import DeelnameStatus as S
    from trajecten.models import PartnerRol

    volgorde = [S.INTAKE, S.ASSESSMENT, S.GESELECTEERD, S.VOORSCHAKELTRAJECT, S.VAKOPLEIDING,
                S.PROEFPERIODE, S.IN_DIENST]  # fmt: skip
    with scope(regio=deelname.regio_id):
        deelname.refresh_from_db()
        werkgever = deelname.traject.partners.filter(rol=PartnerRol.WERKGEVER).first().organisatie
        start = volgorde.index(deelname.status) + 1 if deelname.status in volgorde else 0
        for naar in volgorde[start : volgorde.index(doel) + 1]:
            gegevens = {}
            if naar == S.PROEFPERIODE:
                gegevens = {"werkgever": werkgever}
            if naar == S.IN_DIENST:
                gegevens = {
                    "contract_start": contract_start or date(2027, 6, 1),
                    "contract_duur_maanden": contract_maanden,
                    "contract_uren_per_week": 36,
                    "cao": "Cao Glas",
                    "contract_afwijking_reden": afwijking,
                }
            # No intake, coach or VCA is recorded on the way: the steps that warn want a reason.
            services.verplaats_deelname(
                deelname=deelname, naar=naar, door=door, gegevens=gegevens,
                reden="Nagespeeld zonder verslagen",
            )  # fmt: skip
        deelname.refresh_from_db()
    return deelname
