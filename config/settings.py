"""Schakel settings: one module, every deployment difference comes from the environment.

Required: DATABASE_URL, SECRET_KEY (unless DEBUG). Optional: DEBUG, ALLOWED_HOSTS, REDIS_URL,
EMAIL_URL, DEFAULT_FROM_EMAIL, BASE_URL, CELERY_TASK_ALWAYS_EAGER, SECURE_SSL_REDIRECT,
CSRF_TRUSTED_ORIGINS, MEDIA_ROOT and more: the table in docs/deploy.md.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY.")
    SECRET_KEY = "django-insecure-alleen-voor-lokaal-ontwikkelen"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address used in e-mails (invitation links, password reset is request-based).
BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "csp",
    # Two-step login (organisaties/tweestaps.py): the app's codes and the recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "organisaties",
    "trajecten",
    "werving",
    "begeleiding",
    "financiering",
    "signalen",
    "overzicht",
    "documenten",
    "portaal",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # API keys (Authorization: Bearer …) on /api/ paths: the token's service account becomes
    # the user, so regio_view checks its membership like a person's.
    "api.authentication.TokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After CSRF, sessions and messages: a form sent twice has effect once.
    "organisaties.middleware.EenmaligVersturen",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisaties.context_processors.regio_keuze",
            ],
            "builtins": ["organisaties.templatetags.formulieren"],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the Celery broker and the cache. `make run` works without it (tasks run eagerly,
# the cache lives in the process); every other setup sets REDIS_URL.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "schakel",
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTH_USER_MODEL = "organisaties.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Our subclass: Django 5.2's Dutch catalogue lacks this validator's messages.
        "NAME": "organisaties.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
UITNODIGING_GELDIG_DAGEN = env.int("UITNODIGING_GELDIG_DAGEN", default=7)
WERKGEVER_LINK_GELDIG_DAGEN = env.int("WERKGEVER_LINK_GELDIG_DAGEN", default=30)
# The link with which a werkgever signs an agreement (single use; see docs/documenten.md).
ONDERTEKEN_LINK_GELDIG_DAGEN = env.int("ONDERTEKEN_LINK_GELDIG_DAGEN", default=14)
# The kandidaat's own page (docs/portaal.md): a link in works once and for this many hours; a
# session ends after this many quiet minutes, and after this many hours in all.
PORTAAL_LINK_UREN = env.int("PORTAAL_LINK_UREN", default=72)
PORTAAL_SESSIE_STIL_MINUTEN = env.int("PORTAAL_SESSIE_STIL_MINUTEN", default=20)
PORTAAL_SESSIE_MAX_UREN = env.int("PORTAAL_SESSIE_MAX_UREN", default=2)
# Fernet keys for encrypted fields (BSN), newest first; see werving/versleuteling.py.
VELDSLEUTELS = env.list("VELDSLEUTELS", default=[])

# Throttling of failed logins (django-axes): lock the combination of account and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
# The second step (TOTP, ADR 0015): the name an authenticator app shows; django-otp doubles the
# wait after each wrong code (OTP_TOTP_THROTTLE_FACTOR seconds, then 2×, 4×, …).
OTP_TOTP_ISSUER = "Schakel"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Dutch only for now: every UI text goes through gettext, so an English locale (and
# LocaleMiddleware) can follow once there are translations; until then the browser's language
# would only switch dates to English.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / ".staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / ".media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Schakel <noreply@schakel.example>")

# The broker may live in another Redis database than the cache (CELERY_BROKER_URL), so that
# clearing the cache never drops queued tasks; by default both use REDIS_URL.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Periodic work is declared here, in code (see docs/adr/0003-achtergrondwerk.md and
# docs/signalen.md): planned transitions and the signalen scan every morning, the daily
# overview of signalen by e-mail after it.
SIGNALEN_SCAN_UUR = env.int("SIGNALEN_SCAN_UUR", default=6)
SIGNALEN_DAGOVERZICHT_UUR = env.int("SIGNALEN_DAGOVERZICHT_UUR", default=7)
CELERY_BEAT_SCHEDULE: dict = {
    # "In dienst" planned for the first day of a contract takes effect that morning.
    "geplande-overgangen": {
        "task": "trajecten.tasks.voer_geplande_overgangen_uit",
        "schedule": crontab(hour=6, minute=0),
    },
    "signalen-scan": {
        "task": "signalen.tasks.scan_alle_regios",
        "schedule": crontab(hour=SIGNALEN_SCAN_UUR, minute=15),
    },
    # AVG: kandidaten past their regio's retention period are anonymised (docs/avg.md).
    "avg-anonimiseren": {
        "task": "werving.tasks.anonimiseer_alle_regios",
        "schedule": crontab(hour=3, minute=30),
    },
    "signalen-dagoverzicht": {
        "task": "signalen.tasks.verstuur_dagoverzichten",
        "schedule": crontab(hour=SIGNALEN_DAGOVERZICHT_UUR, minute=0),
    },
}

# How long the person who moved a deelnemer on the fasebord may undo that step.
ONGEDAAN_MAKEN_MINUTEN = env.int("ONGEDAAN_MAKEN_MINUTEN", default=15)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "ORDERING_PARAM": "sorteer",
    # Every list endpoint is paginated unless it says otherwise (docs/performance.md).
    "DEFAULT_PAGINATION_CLASS": "api.paginering.Paginering",
    "UNAUTHENTICATED_USER": None,
}
# The OpenAPI schema (docs/api.md); committed as docs/api/openapi.yaml, a test keeps it current.
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": "Leerwerktrajecten per arbeidsmarktregio. Zie docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.voeg_fouten_toe",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DeelnameStatusEnum": "trajecten.models.DeelnameStatus",
        "TrajectStatusEnum": "trajecten.models.TrajectStatus",
        "MijlpaalStatusEnum": "trajecten.models.MijlpaalStatus",
        "VacatureStatusEnum": "werving.models.VacatureStatus",
        "TaalniveauEnum": "werving.models.Taalniveau",
        "SignaalStatusEnum": "signalen.models.SignaalStatus",
        "VorderingStatusEnum": "financiering.models.VorderingStatus",
        "RekeningEnum": "financiering.models.Rekening",
    },
}

# Content-Security-Policy: nothing inline, nothing from elsewhere (all assets are vendored).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    # Behind a TLS-terminating proxy (see docker-compose.yml and docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every step of every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
