"""Settings, driven by the environment.

With no configuration Tribe is a personal app: an SQLite database (WAL mode)
in the user's data directory and a secret key generated once and kept there.
``DATABASE_URL`` switches to PostgreSQL (or any database dj-database-url reads).

Environment variables:
    TRIBE_DATA_DIR      where the SQLite file, secret key and uploads live
    DATABASE_URL        e.g. postgres://user@127.0.0.1:5432/tribe
    TRIBE_SECRET_KEY    overrides the generated key (set it in production)
    TRIBE_DEBUG         "1" to turn on Django's debug pages
    TRIBE_ALLOWED_HOSTS comma-separated host names (default: localhost names)
    TRIBE_EMAIL_BACKEND dotted path of a Django e-mail backend
    TRIBE_BEHIND_TLS_PROXY "1" when a proxy terminates TLS (sets X-Forwarded-Proto)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def _data_dir() -> Path:
    configured = os.environ.get("TRIBE_DATA_DIR")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("tribe", "tribe"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(data_dir: Path) -> str:
    configured = os.environ.get("TRIBE_SECRET_KEY")
    if configured:
        return configured
    # A personal install has nobody to set a key, so make one and keep it:
    # sessions and password-reset links must survive a restart.
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DATA_DIR = _data_dir()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = os.environ.get("TRIBE_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TRIBE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(
        ","
    )
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tribe.core",
    "tribe.people",
    "tribe.relationships",
    "tribe.meetings",
    "tribe.matching",
    "tribe.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tribe.web.middleware.PersonTimezoneMiddleware",
]

ROOT_URLCONF = "tribe.urls"
WSGI_APPLICATION = "tribe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "tribe.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_sqlite_path}", conn_max_age=0, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the web server read while a CLI command writes;
            # IMMEDIATE transactions avoid "database is locked" on upgrade.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Person"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "landing"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Stays empty (assets come from the finders), but WhiteNoise expects it to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from the apps' static folders: a laptop install has no
# collectstatic step, and every asset ships inside the package.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "TRIBE_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = os.environ.get("TRIBE_FROM_EMAIL", "tribe@localhost")

if os.environ.get("TRIBE_BEHIND_TLS_PROXY") == "1":
    # Behind a TLS-terminating proxy: trust its header so links (such as
    # calendar feeds) say https, and mark cookies secure.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRIBE_LOG_LEVEL", "WARNING")},
}
