"""Tenants (Regio), organisations, users and their memberships.

Regio, Organisatie and User are global: one organisation (an O&O-fonds, say) works in several
regio's and one person can act in several. Everything a regio owns carries a `regio` foreign key
and a `ScopedManager`, so that a query without an active regio scope raises instead of returning
every regio's rows (see organisaties/access.py and docs/adr/0001-tenancy.md).
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .validators import valideer_kvk_nummer


class AlleenToevoegen(Exception):
    """Raised when code tries to change or delete a row of an append-only table."""


class AlleenToevoegenQuerySet(models.QuerySet):
    """For append-only tables: bulk update and delete are refused too."""

    def update(self, **kwargs):
        raise AlleenToevoegen("Deze rijen worden niet gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Deze rijen worden niet verwijderd.")


def alleen_toevoegen_manager():
    return ScopedManager(
        _manager_class=models.Manager.from_queryset(AlleenToevoegenQuerySet), regio="regio"
    )


class RegioGebonden(models.Model):
    """A row owned by one regio. Its default manager refuses to query without an active regio
    scope (django-scopes, set by organisaties.access.regio_view), so a list can never show
    another regio's rows by accident."""

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(regio="regio")

    class Meta:
        abstract = True


class Regio(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    # AVG: months after a kandidaat's last deelname ended before the kandidaat is anonymised
    # (werving.services.anonimiseer_kandidaten; defaults and reasons in docs/avg.md).
    bewaartermijn_maanden = models.PositiveSmallIntegerField(
        _("bewaartermijn (maanden)"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )
    organisaties = models.ManyToManyField(
        "Organisatie",
        related_name="regios",
        blank=True,
        verbose_name=_("organisaties in deze regio"),
        help_text=_(
            "Gemeenten, fondsen, opleiders, dienstverleners en werkgevers die hier meedoen."
        ),
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    @property
    def gemeenten(self):
        return self.organisaties.filter(soort=Organisatie.Soort.GEMEENTE)


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        OO_FONDS = "oo_fonds", _("O&O-fonds")
        RWC_WSP = "rwc_wsp", _("Regionaal Werkcentrum / WSP")
        OPLEIDER = "opleider", _("Opleider")
        DIENSTVERLENER = "dienstverlener", _("Maatschappelijk dienstverlener")
        WERKGEVER = "werkgever", _("Werkgever")
        SUBSIDIEGEVER = "subsidiegever", _("Subsidiegever")

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    kvk_nummer = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[valideer_kvk_nummer],
        help_text=_("Acht cijfers, zoals in het Handelsregister."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_nummer"],
                condition=~Q(kvk_nummer=""),
                name="organisatie_kvk_uniek",
                violation_error_message=_("Er is al een organisatie met dit KvK-nummer."),
            ),
        ]

    def __str__(self):
        return self.naam


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. Access comes only from Lidmaatschappen."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("technisch beheer"), default=False)
    # The account behind one API token (ApiToken): it cannot log in with a password, gets no
    # signalen or e-mail, and holds exactly one membership.
    is_dienstaccount = models.BooleanField(_("API-account"), default=False, editable=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["naam"]

    def __str__(self):
        return self.naam or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.naam

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email


class Rol(models.TextChoices):
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    KLANTMANAGER = "klantmanager", _("Klantmanager")
    FINANCIER = "financier", _("Financier")
    OPLEIDER = "opleider", _("Opleider")
    BEGELEIDER = "begeleider", _("Begeleider")
    WERKGEVER = "werkgever", _("Werkgever")
    BEHEERDER = "beheerder", _("Beheerder")


# Who may finance a round (seed 000 §4.2): an O&O-fonds, a WSP or regionaal werkcentrum, a
# gemeente (travel costs, say), a dienstverlener or a subsidy giver. Their people can hold the
# financier role and see only the rounds and amounts their organisation finances.
FINANCIER_SOORTEN = frozenset(
    {
        Organisatie.Soort.OO_FONDS,
        Organisatie.Soort.RWC_WSP,
        Organisatie.Soort.GEMEENTE,
        Organisatie.Soort.DIENSTVERLENER,
        Organisatie.Soort.SUBSIDIEGEVER,
    }
)

# Which kind of organisation a role may be held for: a klantmanager works for a gemeente,
# a werkgever-login belongs to a werkgever, a financier to a kind that finances. Roles not
# listed may be held for any organisation (an O&O-fonds like OOI also gives the vakopleiding,
# a dienstverlener also coaches).
ROL_ORGANISATIESOORTEN = {
    Rol.KLANTMANAGER: {Organisatie.Soort.GEMEENTE},
    Rol.WERKGEVER: {Organisatie.Soort.WERKGEVER},
    Rol.FINANCIER: set(FINANCIER_SOORTEN),
}


def controleer_rol_past_bij_organisatie(rol, organisatie):
    toegestaan = ROL_ORGANISATIESOORTEN.get(rol)
    if toegestaan and organisatie.soort not in toegestaan:
        soorten = ", ".join(str(Organisatie.Soort(s).label) for s in sorted(toegestaan))
        raise ValidationError(
            {
                "organisatie": _("De rol %(rol)s hoort bij een organisatie van soort: %(soorten)s.")
                % {"rol": Rol(rol).label, "soorten": soorten}
            }
        )


class Lidmaatschap(models.Model):
    """Gives a user one role, for one organisation, in one regio. Ended, never deleted."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="lidmaatschappen")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="lidmaatschappen")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    begonnen_op = models.DateTimeField(_("begonnen op"), default=timezone.now)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(regio="regio")

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["user__naam", "rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "user", "organisatie", "rol"],
                condition=Q(beeindigd_op__isnull=True),
                name="lidmaatschap_actief_uniek",
                violation_error_message=_("Deze persoon heeft deze rol hier al."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_rol_display()} ({self.organisatie}, {self.regio})"

    @property
    def is_actief(self):
        return self.beeindigd_op is None


# Roles that read confidential notes or grant roles: a second person approves the invitation
# (four-eyes principle), so that nobody can give such a role to themselves.
ROLLEN_MET_GOEDKEURING = frozenset({Rol.PROCESREGISSEUR, Rol.BEHEERDER})


class Uitnodiging(models.Model):
    """An invitation by e-mail to join a regio in a role; accepted once through a signed link.
    For ROLLEN_MET_GOEDKEURING it is sent only after another person approved it."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="uitnodigingen")
    email = models.EmailField(_("e-mailadres"))
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    # Empty when the invitation came from the `maak_regio` command (the first beheerder).
    uitgenodigd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    geaccepteerd_op = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    lidmaatschap = models.OneToOneField(
        Lidmaatschap, on_delete=models.PROTECT, null=True, blank=True, related_name="uitnodiging"
    )
    goedgekeurd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    afgewezen_door = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgewezen_op = models.DateTimeField(_("afgewezen op"), null=True, blank=True)

    objects = ScopedManager(regio="regio")

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.email} als {self.get_rol_display()} in {self.regio}"

    @property
    def vraagt_goedkeuring(self) -> bool:
        """Made by a member (not by the `maak_regio` command) for a role that needs four eyes."""
        return self.rol in ROLLEN_MET_GOEDKEURING and self.uitgenodigd_door_id is not None

    @property
    def wacht_op_goedkeuring(self) -> bool:
        return self.vraagt_goedkeuring and self.goedgekeurd_op is None and self.afgewezen_op is None


# Roles a token may act in. Not procesregisseur or beheerder: those roles read everything or
# grant roles, and are given only after a second person approves (four eyes) and with a second
# factor at login; a token has neither. See docs/adr/0014-api-sleutels.md.
TOKEN_ROLLEN = frozenset(
    {Rol.KLANTMANAGER, Rol.FINANCIER, Rol.OPLEIDER, Rol.BEGELEIDER, Rol.WERKGEVER}
)
TOKEN_MAX_DAGEN = 366


class ApiToken(models.Model):
    """A key with which an organisation's own system calls the API of one regio, in one role.

    It belongs to a service account (User.is_dienstaccount) with exactly one Lidmaatschap, so
    every API call goes through the same membership check and selectors as a person would.
    Only a SHA-256 hash of the key is stored; the key is shown once, when it is made."""

    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="+")
    lidmaatschap = models.OneToOneField(
        Lidmaatschap, on_delete=models.PROTECT, related_name="api_token", editable=False
    )
    naam = models.CharField(
        _("naam"), max_length=100, help_text=_("Waarvoor of voor welk systeem.")
    )
    prefix = models.CharField(max_length=8, editable=False)
    sleutel_hash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_door = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now, editable=False)
    verloopt_op = models.DateField(_("verloopt op"), editable=False)
    ingetrokken_op = models.DateTimeField(null=True, blank=True, editable=False)
    ingetrokken_door = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    laatst_gebruikt_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ScopedManager(regio="regio")

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.naam} ({self.prefix}…)"

    @property
    def is_geldig(self) -> bool:
        return self.ingetrokken_op is None and self.verloopt_op >= timezone.localdate()
