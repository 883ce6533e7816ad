"""Every read of the werving app, scoped to user and regio."""

from datetime import datetime, time, timedelta

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from organisaties.models import Lidmaatschap, Organisatie, Regio, Rol, User
from organisaties.selectors import rollen_in_regio
from trajecten.models import (
    Deelname,
    DeelnameStatus,
    GebeurtenisSoort,
    Mijlpaal,
    MijlpaalStatus,
    Traject,
)
from trajecten.selectors import OPEN_VOOR_AANMELDING, deelnames_zichtbaar_voor, in_lopende_ronde

from . import versleuteling
from .models import (
    AvgVerzoek,
    AvgVerzoekStatus,
    Baangarantie,
    Kandidaat,
    MogelijkDubbel,
    Ontvanger,
    Raadpleging,
    Toestemming,
    Vacature,
    VacatureStatus,
    WerkgeverIntake,
)


def catalogus(*, user: User, regio: Regio) -> QuerySet[Traject]:
    """Open trajecten of the regio as a klantmanager sees them: what, for whom, when. No
    personal data."""
    return (
        Traject.objects.filter(regio=regio, status__in=OPEN_VOOR_AANMELDING)
        .select_related("beroep")
        .prefetch_related("faseplanning", "partners__organisatie")
        .order_by("naam")
    )


def catalogus_traject(*, user: User, regio: Regio, pk: int) -> Traject:
    return catalogus(user=user, regio=regio).get(pk=pk)


def eigen_gemeenten(user: User, regio: Regio) -> set[int]:
    return rollen_in_regio(user, regio).get(Rol.KLANTMANAGER, set())


def eigen_gemeenten_in_traject(
    *, user: User, regio: Regio, traject: Traject
) -> QuerySet[Organisatie]:
    """The klantmanager's gemeenten that take part in this traject (they may aanmelden)."""
    return Organisatie.objects.filter(
        pk__in=eigen_gemeenten(user, regio),
        trajectpartnerschappen__traject=traject,
        trajectpartnerschappen__rol="gemeente",
    )


def kandidaten_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Kandidaat]:
    """Klantmanager: their gemeente's kandidaten. Procesregisseur: those who consented to
    sharing with the procesregie."""
    rollen = rollen_in_regio(user, regio)
    zicht = Q(pk__in=[])
    if Rol.KLANTMANAGER in rollen:
        zicht |= Q(gemeente__in=rollen[Rol.KLANTMANAGER])
    if Rol.PROCESREGISSEUR in rollen:
        zicht |= Q(
            pk__in=Toestemming.objects.filter(
                regio=regio, ontvanger=Ontvanger.PROCESREGISSEUR, ingetrokken_op__isnull=True
            ).values("kandidaat")
        )
    return Kandidaat.objects.filter(regio=regio).filter(zicht)


def kandidaat_labels(user: User, regio: Regio, kandidaat_ids) -> dict[int, str]:
    """{kandidaat id: name} as the user may see it: the name only with consent (or for the own
    gemeente, `kandidaten_zichtbaar_voor`), otherwise a neutral label with the number."""
    ids = {i for i in kandidaat_ids if i}
    namen = {
        pk: f"{voornaam} {achternaam}"
        for pk, voornaam, achternaam in kandidaten_zichtbaar_voor(user, regio)
        .filter(pk__in=ids)
        .values_list("pk", "voornaam", "achternaam")
    }
    return {
        pk: namen.get(pk) or _("kandidaat %(nummer)s (geen toestemming)") % {"nummer": pk}
        for pk in ids
    }


def mogelijke_dubbelen(*, user: User, regio: Regio, open_: bool = True) -> list[MogelijkDubbel]:
    """For the procesregisseur: BSNs registered by two gemeenten, with both kandidaten named as
    consent allows."""
    qs = MogelijkDubbel.objects.filter(regio=regio, afgehandeld_op__isnull=open_)
    return _met_kandidaat_labels(user, regio, qs.order_by("-gemeld_op"))


def _met_kandidaat_labels(user: User, regio: Regio, dubbelen) -> list[MogelijkDubbel]:
    rijen = list(dubbelen.select_related("gemeente", "bestaande__gemeente", "afgehandeld_door"))
    labels = kandidaat_labels(
        user, regio, [r.kandidaat_id for r in rijen] + [r.bestaande_id for r in rijen]
    )
    for r in rijen:
        r.kandidaat_label = labels[r.kandidaat_id]
        r.bestaande_label = labels[r.bestaande_id]
    return rijen


def aantal_open_dubbelen(*, user: User, regio: Regio) -> int:
    return MogelijkDubbel.objects.filter(regio=regio, afgehandeld_op__isnull=True).count()


def mogelijk_dubbel(*, user: User, regio: Regio, pk: int) -> MogelijkDubbel:
    rijen = _met_kandidaat_labels(user, regio, MogelijkDubbel.objects.filter(regio=regio, pk=pk))
    if not rijen:
        raise MogelijkDubbel.DoesNotExist
    return rijen[0]


def mijn_kandidaten(*, user: User, regio: Regio, ook_eerder: bool = False) -> QuerySet[Kandidaat]:
    """The klantmanager's list: status per traject and the next open milestone, in a fixed
    number of queries. By default only what is current: kandidaten in a round that still runs
    (or not yet in any), with those deelnames; `ook_eerder` adds the history."""
    deelnames = deelnames_zichtbaar_voor(user, regio)
    if not ook_eerder:
        deelnames = deelnames.filter(in_lopende_ronde())
    deelnames = deelnames.select_related("traject").prefetch_related(
        Prefetch(
            "mijlpalen",
            queryset=Mijlpaal.objects.filter(status=MijlpaalStatus.OPEN).order_by("vervaldatum"),
            to_attr="open_mijlpalen",
        )
    )
    kandidaten = kandidaten_zichtbaar_voor(user, regio).filter(
        gemeente__in=eigen_gemeenten(user, regio)
    )
    if not ook_eerder:
        kandidaten = kandidaten.filter(
            Exists(deelnames.filter(kandidaat=OuterRef("pk")))
            | ~Exists(Deelname.objects.filter(kandidaat=OuterRef("pk")))
        )
    return (
        kandidaten.select_related("gemeente")
        .prefetch_related(Prefetch("deelnames", queryset=deelnames, to_attr="zichtbare_deelnames"))
        .order_by("achternaam", "voornaam", "pk")
    )


def kandidaat_detail(*, user: User, regio: Regio, pk: int) -> Kandidaat:
    return (
        kandidaten_zichtbaar_voor(user, regio)
        .select_related("gemeente", "klantmanager")
        .prefetch_related(
            Prefetch(
                "toestemmingen",
                queryset=Toestemming.objects.select_related("vastgelegd_door", "ingetrokken_door"),
            ),
            Prefetch(
                "deelnames",
                queryset=deelnames_zichtbaar_voor(user, regio).select_related(
                    "traject", "werkgever"
                ),
            ),
        )
        .get(pk=pk)
    )


def mag_bsn_zien(user: User, regio: Regio, kandidaat: Kandidaat) -> bool:
    """Only the gemeente that brought the kandidaat and the procesregisseur (with consent)."""
    rollen = rollen_in_regio(user, regio)
    if kandidaat.gemeente_id in rollen.get(Rol.KLANTMANAGER, set()):
        return True
    return (
        Rol.PROCESREGISSEUR in rollen
        and kandidaten_zichtbaar_voor(user, regio).filter(pk=kandidaat.pk).exists()
    )


def bsn_van(*, user: User, regio: Regio, kandidaat: Kandidaat) -> str | None:
    if not mag_bsn_zien(user, regio, kandidaat):
        return None
    return versleuteling.ontsleutel(kandidaat.bsn_versleuteld) or None


def deelname_voor_werving(*, user: User, regio: Regio, pk: int) -> Deelname:
    return (
        deelnames_zichtbaar_voor(user, regio)
        .select_related("traject", "kandidaat__gemeente")
        .get(pk=pk)
    )


def intake_indicator(*, traject: Traject) -> dict:
    """The model asks for twice as many intakes as places."""
    intakes = (
        traject.gebeurtenissen.filter(
            soort=GebeurtenisSoort.OVERGANG, naar_status=DeelnameStatus.INTAKE
        )
        .values("deelname")
        .distinct()
        .count()
    )
    doel = traject.groepsgrootte * 2
    return {
        "intakes": intakes,
        "plaatsen": traject.groepsgrootte,
        "doel": doel,
        "gehaald": intakes >= doel,
    }


def baangarantie_dekking(*, traject: Traject) -> dict:
    """Guaranteed places against the planned group (warning when fewer, before recruitment)."""
    totaal = traject.baangaranties.aggregate(n=Sum("aantal_plaatsen"))["n"] or 0
    return {
        "plaatsen": totaal,
        "groep": traject.groepsgrootte,
        "tekort": max(traject.groepsgrootte - totaal, 0),
    }


def baangaranties_van(*, traject: Traject) -> QuerySet[Baangarantie]:
    return (
        traject.baangaranties.select_related("werkgever")
        .prefetch_related("documenten")
        .order_by("werkgever__naam")
    )


def baangarantie(*, user: User, regio: Regio, pk: int) -> Baangarantie:
    """For the procesregisseur (who sees every baangarantie of the regio)."""
    return Baangarantie.objects.filter(regio=regio).select_related("werkgever").get(pk=pk)


def werkgever_intakes(*, user: User, regio: Regio) -> QuerySet[WerkgeverIntake]:
    return (
        WerkgeverIntake.objects.filter(regio=regio)
        .select_related("uitnodiging__traject", "organisatie")
        .annotate(aantal_vacatures=Count("vacatures"))
        .order_by("status", "-uitnodiging__aangemaakt_op")
    )


def werkgever_intake(*, user: User, regio: Regio, pk: int) -> WerkgeverIntake:
    return werkgever_intakes(user=user, regio=regio).get(pk=pk)


def werkgever_intake_op_uitnodiging(uitnodiging_id: int) -> WerkgeverIntake | None:
    """For the public link: the signed id is the key; the scope is the intake's own regio."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return (
            WerkgeverIntake.objects.select_related(
                "uitnodiging__traject", "uitnodiging__regio", "uitnodiging__uitgenodigd_door"
            )
            .filter(uitnodiging_id=uitnodiging_id)
            .first()
        )


def vacatures_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Vacature]:
    """Procesregisseur: all of the regio; werkgever: their own."""
    rollen = rollen_in_regio(user, regio)
    qs = Vacature.objects.filter(regio=regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    return qs.filter(werkgever__in=rollen.get(Rol.WERKGEVER, set()))


def vacature(*, user: User, regio: Regio, pk) -> Vacature:
    """`pk` may come straight from a form: anything but a number is 'not found'."""
    if not str(pk).isdigit():
        raise Vacature.DoesNotExist
    return vacatures_zichtbaar_voor(user, regio).select_related("werkgever").get(pk=pk)


def open_vacatures_voor_traject(*, user: User, regio: Regio, traject: Traject) -> list[Vacature]:
    werkgevers = traject.partners.filter(rol="werkgever").values("organisatie")
    return list(
        vacatures_zichtbaar_voor(user, regio)
        .filter(status=VacatureStatus.OPEN)
        .filter(Q(traject=traject) | Q(traject__isnull=True, werkgever__in=werkgevers))
        .select_related("werkgever")
        .order_by("werkgever__naam", "functie")
    )


MATCHBARE_STATUSSEN = [
    DeelnameStatus.ASSESSMENT,
    DeelnameStatus.GESELECTEERD,
    DeelnameStatus.VOORSCHAKELTRAJECT,
    DeelnameStatus.VAKOPLEIDING,
]


def te_matchen(*, user: User, regio: Regio, traject: Traject) -> list[Deelname]:
    return list(
        deelnames_zichtbaar_voor(user, regio)
        .filter(traject=traject, status__in=MATCHBARE_STATUSSEN)
        .select_related("kandidaat", "vacature__werkgever")
        .order_by("kandidaat__achternaam")
    )


def mijn_plaatsingen(*, user: User, regio: Regio) -> QuerySet[Deelname]:
    """What a werkgever sees of their deelnemers: name, traject, status. No intake, no coaching."""
    return (
        deelnames_zichtbaar_voor(user, regio)
        .filter(werkgever__in=rollen_in_regio(user, regio).get(Rol.WERKGEVER, set()))
        .select_related("kandidaat", "traject", "vacature")
        .only(
            "pk",
            "status",
            "status_sinds",
            "contract_start",
            "kandidaat__voornaam",
            "kandidaat__achternaam",
            "traject__naam",
            "vacature__functie",
        )
        .order_by("kandidaat__achternaam")
    )


def werkgevers_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Organisatie]:
    """The werkgevers of the regio: all for the procesregisseur, a werkgever only its own."""
    rollen = rollen_in_regio(user, regio)
    qs = regio.organisaties.filter(soort=Organisatie.Soort.WERKGEVER)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    return qs.filter(pk__in=rollen.get(Rol.WERKGEVER, set()))


def baangaranties_zichtbaar_voor(user: User, regio: Regio) -> QuerySet[Baangarantie]:
    """Procesregisseur: every baangarantie of the regio; werkgever: its own."""
    rollen = rollen_in_regio(user, regio)
    qs = Baangarantie.objects.filter(regio=regio)
    if Rol.PROCESREGISSEUR in rollen:
        return qs
    return qs.filter(werkgever__in=rollen.get(Rol.WERKGEVER, set()))


# A deelname in one of these has ended: the retention period runs from `status_sinds`.
EINDSTATUSSEN = frozenset(
    {
        DeelnameStatus.AFGEROND,
        DeelnameStatus.UITGEVALLEN,
        DeelnameStatus.NIET_GESELECTEERD,
        DeelnameStatus.PLAN_B,
    }
)


def te_anonimiseren(*, regio: Regio, vandaag) -> QuerySet[Kandidaat]:
    """Kandidaten whose every deelname ended more than the regio's retention period ago (and
    who have at least one: a kandidaat never placed is kept until one is, or removed by an
    erasure request)."""
    from dateutil.relativedelta import relativedelta

    grens = vandaag - relativedelta(months=regio.bewaartermijn_maanden)
    lopend = Deelname.objects.filter(kandidaat=OuterRef("pk")).filter(
        ~Q(status__in=EINDSTATUSSEN) | Q(status_sinds__date__gt=grens)
    )
    return (
        Kandidaat.objects.filter(regio=regio, geanonimiseerd_op__isnull=True)
        .filter(Exists(Deelname.objects.filter(kandidaat=OuterRef("pk"))))
        .exclude(Exists(lopend))
        .order_by("pk")
    )


def telefoon_van(user: User) -> str:
    """The phone number a professional gave on their contactkaart, or "" (the werkgever's form
    says whom to call)."""
    from portaal.models import Contactkaart

    return Contactkaart.objects.filter(user=user).values_list("telefoon", flat=True).first() or ""


def raadplegingen(
    *, user: User, regio: Regio, kandidaat=None, door=None, van=None, tot=None, soort=None
):
    """The access log of the regio, newest first, for the beheerder: filtered, with who looked.
    Kandidaten appear by number only (the log page needs no names)."""
    qs = Raadpleging.objects.filter(regio=regio).select_related("door")
    if kandidaat:
        qs = qs.filter(kandidaat_id=kandidaat)
    if door:
        qs = qs.filter(door=door)
    if soort:
        qs = qs.filter(soort=soort)
    zone = timezone.get_current_timezone()
    if van:
        qs = qs.filter(tijdstip__gte=datetime.combine(van, time.min, zone))
    if tot:
        qs = qs.filter(tijdstip__lt=datetime.combine(tot + timedelta(days=1), time.min, zone))
    return qs.order_by("-tijdstip", "-pk")


def raadplegers(*, user: User, regio: Regio) -> QuerySet[User]:
    """Who can appear in the access log: every (former) member of the regio, keys included."""
    return User.objects.filter(
        pk__in=Lidmaatschap.objects.filter(regio=regio).values("user")
    ).order_by("naam")


def avg_verzoeken(*, user: User, regio: Regio, status: str | None = None) -> QuerySet[AvgVerzoek]:
    """For the procesregisseur: the regio's correction and erasure requests, open ones first."""
    qs = AvgVerzoek.objects.filter(regio=regio).select_related("vastgelegd_door", "besloten_door")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(
        Case(When(status=AvgVerzoekStatus.OPEN, then=0), default=1), "-vastgelegd_op", "-pk"
    )


def met_kandidaat_namen(*, user: User, regio: Regio, verzoeken) -> list[AvgVerzoek]:
    """Sets `kandidaat_label` as consent allows (one query for the page)."""
    verzoeken = list(verzoeken)
    labels = kandidaat_labels(user, regio, [v.kandidaat_id for v in verzoeken])
    for v in verzoeken:
        v.kandidaat_label = labels[v.kandidaat_id]
    return verzoeken


def avg_verzoek(*, user: User, regio: Regio, pk: int) -> AvgVerzoek:
    verzoek = avg_verzoeken(user=user, regio=regio).get(pk=pk)
    return met_kandidaat_namen(user=user, regio=regio, verzoeken=[verzoek])[0]


def avg_verzoeken_van(*, kandidaat: Kandidaat) -> QuerySet[AvgVerzoek]:
    """The requests of one kandidaat, on their page (who may see the kandidaat sees these)."""
    return kandidaat.avg_verzoeken.select_related("vastgelegd_door", "besloten_door").order_by(
        "-vastgelegd_op", "-pk"
    )
