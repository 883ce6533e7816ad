# Schakel production image. One image for every role: web (gunicorn, the default CMD),
# migrate, Celery worker and Celery beat; docker-compose.yml only changes the command.
FROM python:3.11-slim-bookworm

# PYTHONPATH: the code is used from /app (see below), also by celery and gunicorn.
# STATICFILES_STORAGE is set for the image as a whole: the manifest written by collectstatic
# below must be the one the running app uses to resolve {% static %} names.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage

# Runtime libraries only. No libpq: psycopg[binary] ships its own.
# Pango/HarfBuzz + a font are what WeasyPrint (agreements, claim specifications) loads at runtime;
# DejaVu is embedded in every PDF (docs/documenten.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 schakel \
    && useradd --system --uid 10001 --gid schakel --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin schakel

WORKDIR /app

# Dependencies first, so this layer is only rebuilt when pyproject.toml changes.
# With only pyproject.toml present, setuptools finds none of the packages, so this installs
# the dependencies plus an empty "schakel" distribution; the code itself is run from /app.
# (Keeping config/ out of site-packages matters: settings derive BASE_DIR from config/'s
# location and look for templates/ and static/ next to it.)
COPY pyproject.toml ./
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info

COPY manage.py ./
COPY config/ config/
COPY organisaties/ organisaties/
COPY trajecten/ trajecten/
COPY werving/ werving/
COPY financiering/ financiering/
COPY begeleiding/ begeleiding/
COPY templates/ templates/
COPY static/ static/
# When compiled translations exist (LOCALE_PATHS = BASE_DIR / "locale"), add: COPY locale/ locale/

# Static files are baked into the image and served by WhiteNoise. Settings refuse to import
# without SECRET_KEY and DATABASE_URL; these dummies exist only for this build step (no
# database is contacted) and are not kept in the image. /app/media is created here, owned by
# the app user, so that a named volume mounted on it starts out with that owner.
RUN SECRET_KEY=build-only \
    DATABASE_URL=postgres://x@localhost/x \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown schakel:schakel /app/media

USER schakel

EXPOSE 8000

# Expects a TLS-terminating reverse proxy in front that sets X-Forwarded-Proto (docs/deploy.md).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
