"""Every read of the begeleiding app. Who may read confidential notes is decided here, once:
`mag_vertrouwelijk_lezen`."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from organisaties.datums import loopt
from organisaties.models import Regio, Rol, User
from organisaties.selectors import rollen_in_regio
from trajecten.models import Deelname, DeelnameStatus, Mijlpaal, MijlpaalStatus, Traject
from trajecten.selectors import (
    NIET_IN_MODULES,
    begeleid_door,
    deelnames_zichtbaar_voor,
    in_lopende_ronde,
)

from .models import (
    WERKGEVERSMODULES,
    Contactmoment,
    Koppeling,
    Module,
    Presentie,
    Resultaat,
    Sessie,
    VertrouwelijkeNotitie,
)


def is_begeleider_van(user: User, deelname: Deelname) -> bool:
    return Deelname.objects.filter(pk=deelname.pk).filter(begeleid_door(user)).exists()


def mag_vertrouwelijk_lezen(user: User, regio: Regio, deelname: Deelname) -> bool:
    """Confidential notes: the procesregisseur and the begeleiders of this deelnemer — never
    werkgever, opleider, financier or klantmanager, whatever else they may see."""
    rollen = rollen_in_regio(user, regio)
    if not deelnames_zichtbaar_voor(user, regio).filter(pk=deelname.pk).exists():
        return False
    if Rol.PROCESREGISSEUR in rollen:
        return True
    return Rol.BEGELEIDER in rollen and is_begeleider_van(user, deelname)


def vertrouwelijke_notities(
    *, user: User, regio: Regio, deelname: Deelname
) -> QuerySet[VertrouwelijkeNotitie]:
    if not mag_vertrouwelijk_lezen(user, regio, deelname):
        return VertrouwelijkeNotitie.objects.none()
    return deelname.vertrouwelijke_notities.select_related("auteur")


def dossier_deelname(*, user: User, regio: Regio, pk: int) -> Deelname:
    """The begeleiding dossier: the procesregisseur, or a begeleider linked to the deelnemer."""
    rollen = rollen_in_regio(user, regio)
    qs = deelnames_zichtbaar_voor(user, regio).select_related("kandidaat", "traject", "werkgever")
    if Rol.PROCESREGISSEUR not in rollen:
        qs = qs.filter(begeleid_door(user)).distinct()
    return qs.prefetch_related(
        Prefetch("coaches", queryset=Koppeling.objects.select_related("persoon")),
        Prefetch(
            "contactmomenten",
            queryset=Contactmoment.objects.select_related("vervolg_eigenaar", "vastgelegd_door"),
        ),
        "evaluaties",
        "nazorgcontacten",
    ).get(pk=pk)


def heeft_coach_of_buddy(deelname: Deelname) -> bool:
    return deelname.coaches.filter(loopt()).exists()


def zonder_begeleiding(*, traject: Traject) -> set[int]:
    """Deelnames from the voorschakeltraject on without an active coach or buddy (warning)."""
    actief = Koppeling.objects.filter(loopt(), deelname=OuterRef("pk"))
    return set(
        traject.deelnames.filter(status__in=["voorschakeltraject", "vakopleiding", "proefperiode"])
        .exclude(Exists(actief))
        .values_list("pk", flat=True)
    )


def caseload(*, user: User, regio: Regio) -> QuerySet[Deelname]:
    return (
        deelnames_zichtbaar_voor(user, regio)
        # A subquery, not a join: no DISTINCT over whole rows (a page and its count stay cheap).
        .filter(pk__in=Deelname.objects.filter(begeleid_door(user)).values("pk"))
        .select_related("kandidaat", "traject")
        .prefetch_related(
            Prefetch(
                "mijlpalen",
                queryset=Mijlpaal.objects.filter(
                    status=MijlpaalStatus.OPEN, eigenaar_rol=Rol.BEGELEIDER
                ).order_by("vervaldatum"),
                to_attr="open_mijlpalen",
            )
        )
        .order_by("kandidaat__achternaam", "pk")
    )


def open_vervolgacties(*, user: User, regio: Regio) -> QuerySet[Contactmoment]:
    return (
        Contactmoment.objects.filter(
            regio=regio, vervolg_eigenaar=user, vervolg_afgerond_op__isnull=True
        )
        .exclude(vervolgactie="")
        .filter(deelname__in=deelnames_zichtbaar_voor(user, regio))
        .select_related("deelname__kandidaat", "deelname__traject")
        .order_by("vervolg_datum")
    )


def contactmoment(*, user: User, regio: Regio, pk: int) -> Contactmoment:
    return Contactmoment.objects.filter(deelname__in=deelnames_zichtbaar_voor(user, regio)).get(
        pk=pk
    )


def modules_voor(user: User, regio: Regio) -> QuerySet[Module]:
    """Procesregisseur: all modules; opleider: the modules their organisation gives."""
    rollen = rollen_in_regio(user, regio)
    qs = Module.objects.filter(regio=regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    return qs.filter(aanbieder__in=rollen.get(Rol.OPLEIDER, set()))


def modules_van_traject(*, user: User, regio: Regio, traject: Traject) -> QuerySet[Module]:
    return (
        modules_voor(user, regio)
        .filter(traject=traject)
        .select_related("aanbieder")
        .annotate(
            aantal_sessies=Count("sessies", distinct=True),
            aantal_resultaten=Count("resultaten", distinct=True),
        )
    )


def module(*, user: User, regio: Regio, pk: int) -> Module:
    return modules_voor(user, regio).select_related("traject", "aanbieder").get(pk=pk)


def deelnemers_van_module(*, user: User, regio: Regio, module: Module) -> list[Deelname]:
    resultaten = Resultaat.objects.filter(module=module)
    return list(
        deelnames_zichtbaar_voor(user, regio)
        .filter(traject=module.traject_id)
        .exclude(status__in=NIET_IN_MODULES)
        .select_related("kandidaat")
        .prefetch_related(Prefetch("resultaten", queryset=resultaten, to_attr="resultaat_hier"))
        .order_by("kandidaat__achternaam")
    )


# Who takes part in a module's sessions: the deelnemers in the phases in which modules run.
ACTIEF_IN_MODULE = frozenset(
    {
        DeelnameStatus.VOORSCHAKELTRAJECT,
        DeelnameStatus.VAKOPLEIDING,
        DeelnameStatus.PROEFPERIODE,
    }
)


def actief_in_module_of_vastgelegd(sessie: Sessie) -> Q:
    """Active in the module now, or already on this session's attendance list (so a record
    made before someone moved on stays visible and correctable)."""
    return Q(status__in=ACTIEF_IN_MODULE) | Q(presenties__sessie=sessie)


def deelnemers_voor_presentie(*, user: User, regio: Regio, sessie: Sessie) -> list[Deelname]:
    """The attendance list of a session: only deelnemers active in the module."""
    return list(
        deelnames_zichtbaar_voor(user, regio)
        .filter(traject=sessie.module.traject_id)
        .filter(actief_in_module_of_vastgelegd(sessie))
        .distinct()
        .select_related("kandidaat")
        .order_by("kandidaat__achternaam", "pk")
    )


def resultaat_met_bewijs(*, user: User, regio: Regio, pk: int) -> Resultaat:
    """For downloading evidence: only who may see the module (procesregisseur, its opleider)
    and the deelnemer."""
    return (
        Resultaat.objects.filter(
            module__in=modules_voor(user, regio), deelname__in=deelnames_zichtbaar_voor(user, regio)
        )
        .exclude(bewijs="")
        .get(pk=pk)
    )


def sessie(*, user: User, regio: Regio, pk: int) -> Sessie:
    return (
        Sessie.objects.filter(module__in=modules_voor(user, regio))
        .select_related("module__traject")
        .get(pk=pk)
    )


def presentie_van(*, sessie: Sessie) -> dict[int, str]:
    return dict(Presentie.objects.filter(sessie=sessie).values_list("deelname_id", "aanwezigheid"))


def te_registreren_sessies(*, user: User, regio: Regio) -> QuerySet[Sessie]:
    """Sessions whose attendance can be recorded and is not yet (the opleider's to-do): held,
    not a training for werkgevers, in a round that still runs, without any attendance."""
    return (
        Sessie.objects.filter(
            in_lopende_ronde("module__traject"),
            module__in=modules_voor(user, regio),
            datum__lte=timezone.localdate(),
        )
        .exclude(module__soort__in=WERKGEVERSMODULES)
        .exclude(Exists(Presentie.objects.filter(sessie=OuterRef("pk"))))
        .select_related("module__traject")
        .order_by("datum", "pk")
    )


def komende_sessies(*, user: User, regio: Regio) -> QuerySet[Sessie]:
    return (
        Sessie.objects.filter(module__in=modules_voor(user, regio), datum__gte=timezone.localdate())
        .select_related("module__traject")
        .order_by("datum", "begintijd")[:20]
    )


def resultaten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Resultaat]:
    """Results of the modules the user sees, of the deelnemers the user sees."""
    return Resultaat.objects.filter(
        regio=regio,
        module__in=modules_voor(user, regio),
        deelname__in=deelnames_zichtbaar_voor(user, regio),
    )
