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
