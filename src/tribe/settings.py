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
    TRIBE_SMTP_URL      the mail server, e.g. smtp://user:password@mail.example.org:587
                        (STARTTLS), smtps://…:465 (TLS from the start), smtp://127.0.0.1:25
                        (plain, for a relay on the same host); user and password are
                        percent-encoded. Without it mail is printed on the console.
    TRIBE_EMAIL_BACKEND dotted path of a Django e-mail backend (wins over TRIBE_SMTP_URL)
    TRIBE_FROM_EMAIL    the address Tribe's mail comes from (default tribe@localhost)
    TRIBE_TASKS         "immediate" runs background tasks inside the request that
                        queues them (tests, a one-off script); default: the database
                        queue that `tribe worker` (and `tribe serve`) work through
    TRIBE_OUTBOX_LEASE_SECONDS  how long a worker holds a message it is sending before
                        another may take it over (default 300)
    TRIBE_BEHIND_TLS_PROXY "1" when a proxy terminates TLS (sets X-Forwarded-Proto)
    TRIBE_BASE_URL      the site's address for links in e-mails, e.g. https://tribe.example.org
                        (default: the address the request came to)
    TRIBE_OIDC_*        signing in through an organisation's OpenID Connect provider
                        (TRIBE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _NAME, …): see
                        tribe/accounts/oidc_settings.py
    TRIBE_ENV           "production" for a server: TRIBE_SECRET_KEY (50 characters or
                        more) and TRIBE_ALLOWED_HOSTS are then required, debug is
                        refused, and HTTPS is enforced (redirect, HSTS, secure cookies),
                        so that `manage.py check --deploy --fail-level WARNING` passes.
                        See docs/deployment.md.

Test-only settings (not read from the environment): TRIBE_WEBHOOK_ALLOW_LOCAL_HTTP
(default False) lets tests post chat messages to a plain-HTTP webhook on 127.0.0.1.

Everything Tribe keeps in the data directory is its owner's alone: the folder
is 0700 and the files in it 0600 (the database, its -wal/-shm files, the
secret key, the outbox of mails with password-reset links).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
from pathlib import Path

import dj_database_url
import platformdirs
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from tribe.accounts.oidc_settings import oidc_settings

BASE_DIR = Path(__file__).resolve().parent

# Files and folders this process makes (SQLite's database and journals, the
# mail outbox, the secret key) are readable by their owner only. Settings are
# read first by every ``tribe`` command, ``manage`` and the WSGI app.
os.umask(0o077)

#: What Tribe itself keeps in the data directory, checked on every start.
PRIVATE_FILES = ("secret_key", "tribe.sqlite3", "tribe.sqlite3-wal", "tribe.sqlite3-shm")
PRIVATE_FOLDERS = ("outbox", "static")


def _data_dir() -> Path:
    configured = os.environ.get("TRIBE_DATA_DIR")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("tribe", "tribe"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _make_private(path)
    return path


def _make_private(data_dir: Path) -> None:
    """Close up a data directory made before Tribe kept it private (0644 files in 0755).

    What this user does not own (a folder an administrator set up, a file a
    root run left) is left as it is: the folder's 0700 already hides its files.
    """
    _restrict(data_dir, 0o700)
    for name in PRIVATE_FILES:
        _restrict(data_dir / name, 0o600)
    for name in PRIVATE_FOLDERS:
        folder = data_dir / name
        if folder.is_dir() and not folder.is_symlink():
            _restrict(folder, 0o700)
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_file(follow_symlinks=False):
                        _restrict(Path(entry.path), 0o600)


def _restrict(path: Path, mode: int) -> None:
    try:
        current = path.lstat()
        if not stat.S_ISLNK(current.st_mode) and stat.S_IMODE(current.st_mode) & 0o077:
            path.chmod(stat.S_IMODE(current.st_mode) & mode)
    except (FileNotFoundError, PermissionError):  # nothing there, or not ours to change
        pass


def _secret_key(data_dir: Path) -> str:
    configured = os.environ.get("TRIBE_SECRET_KEY")
    if configured:
        return configured
    # A personal install has nobody to set a key, so make one and keep it:
    # sessions and password-reset links must survive a restart.
    key_file = data_dir / "secret_key"
    try:
        # Created 0600 from the start (no moment at which others could read it);
        # O_EXCL: two first starts at once must not each write a different key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def _production_environment() -> None:
    """Refuse to start a production server without what only its operator can give."""
    problems = []
    key = os.environ.get("TRIBE_SECRET_KEY", "")
    if len(key) < 50 or len(set(key)) < 5:
        problems.append("TRIBE_SECRET_KEY must be set to 50 or more random characters")
    if not os.environ.get("TRIBE_ALLOWED_HOSTS", "").strip():
        problems.append("TRIBE_ALLOWED_HOSTS must name the site's host names")
    if os.environ.get("TRIBE_DEBUG", "") == "1":
        problems.append("TRIBE_DEBUG=1 shows tracebacks to visitors: unset it")
    if problems:
        raise ImproperlyConfigured("TRIBE_ENV=production: " + "; ".join(problems))


PRODUCTION = os.environ.get("TRIBE_ENV", "").strip().lower() == "production"
if PRODUCTION:
    _production_environment()
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
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Only for the API's browsable document (/api/docs): its Swagger UI files,
    # served from here, never a CDN.
    "ninja",
    "tribe.core",
    "tribe.outbox",
    "tribe.accounts",
    "tribe.people",
    "tribe.relationships",
    "tribe.meetings",
    "tribe.ledger",
    "tribe.coaching",
    "tribe.advocacy",
    "tribe.journal",
    "tribe.outreach",
    "tribe.matching",
    "tribe.programs",
    "tribe.notifications",
    "tribe.demo",
    "tribe.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every failure under /api/ answered as JSON (404, 405, 500 from Django too).
    "tribe.api.middleware.JsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (which may redirect to a URL in
    # the chosen language): picks the language from the cookie set_language
    # writes, then the browser's Accept-Language, else LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "tribe.web.middleware.PrivatePagesMiddleware",
    "tribe.accounts.idle.IdleLogoutMiddleware",
    "tribe.web.middleware.PersonTimezoneMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "tribe.sqlite3"
# Each of the server's threads keeps its connection between requests (opening
# one costs more than most pages' queries: a PostgreSQL log-in, or SQLite's
# file open and PRAGMAs); the health check replaces a connection the database
# dropped before a request uses it. Ten minutes, then it is opened afresh.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_sqlite_path}", conn_max_age=600, conn_health_checks=True
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out log-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Signing in through an organisation's OpenID Connect provider (TRIBE_OIDC_*, see
# tribe/accounts/oidc_settings.py and docs/deployment.md): on only when configured,
# after the password backends, which it leaves as they are.
globals().update(oidc_settings(os.environ, backends=AUTHENTICATION_BACKENDS))
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:today"
LOGOUT_REDIRECT_URL = "web:landing"

# Log-in throttling (django-axes). Five failures in a row for one address from
# one client address lock that pair out for 15 minutes, and every further try
# meanwhile starts the 15 minutes again; the right password does not get in
# while the lock holds. Counting the pair, not the address alone, means nobody
# can lock someone else out of their account by typing their address wrongly
# on purpose; not the client address alone, so that colleagues behind one
# office router do not lock each other out. Five tries in 15 minutes leave a
# guesser about 500 a day per client address: hopeless against the 12-character,
# not-common passwords required below. A successful log-in clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The log-in form's field is "username" (it holds the e-mail address).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "tribe.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "tribe.accounts.lockout.client_ip"
# The log-in page again with the reason and the wait, as HTTP 429.
AXES_LOCKOUT_CALLABLE = "tribe.accounts.lockout.lockout_response"
# Failed attempts are kept (they are the count) until they expire; a log of
# every successful log-in with its IP address and browser is not.
AXES_DISABLE_ACCESS_LOG = True
# Not in the admin: failed attempts hold typed addresses and IP addresses, and
# the admin shows no such thing. A lock can be lifted early from the command
# line: `tribe manage axes_reset_username maya@example.com`.
AXES_ENABLE_ADMIN = False

# Sessions: logged out after 3 days without a visit, and after 14 days in all.
# Tribe is used around meetings, a few times a week: three days keep a person
# signed in through a busy week, while a session left open on a shared or lost
# computer ends soon, and a stolen session cookie cannot be kept alive for ever.
# The idle clock is kept by tribe.accounts.idle, which writes the session at most
# once an hour rather than on every request.
SESSION_COOKIE_AGE = int(dt.timedelta(days=14).total_seconds())
TRIBE_SESSION_IDLE = dt.timedelta(days=3)
TRIBE_SESSION_MAX_AGE = dt.timedelta(days=14)

LANGUAGE_CODE = "en"
#: Every language with a complete catalog in ``locale/``; a test fails when a
#: marked message lacks a translation in one of them.
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Tribe's own date formats per language (``locale/<lang>/formats.py``), laid
# out as Django's own ``conf/locale``; what they do not name comes from Django.
FORMAT_MODULE_PATH = ["tribe.locale"]
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Stays empty (assets come from the finders), but WhiteNoise expects it to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from the apps' static folders: a laptop install has no
# collectstatic step, and every asset ships inside the package.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG


def _smtp_settings(url: str) -> dict[str, object]:
    """Django's SMTP settings from one ``smtp://`` or ``smtps://`` address."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured(
            "TRIBE_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465"
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("TRIBE_SMTP_URL: the port is not a number") from None
    ssl = parts.scheme == "smtps"
    port = port or (465 if ssl else 587)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": ssl,
        # STARTTLS on the submission port; a relay on port 25 of the same host
        # (or a test server) speaks plain SMTP.
        "EMAIL_USE_TLS": not ssl and port == 587,
        "EMAIL_TIMEOUT": 20,
    }


EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = "localhost", 25, "", ""
EMAIL_USE_SSL = EMAIL_USE_TLS = False
EMAIL_TIMEOUT: int | None = None
if os.environ.get("TRIBE_SMTP_URL", "").strip():
    globals().update(_smtp_settings(os.environ["TRIBE_SMTP_URL"].strip()))
EMAIL_BACKEND = os.environ.get("TRIBE_EMAIL_BACKEND", "").strip() or EMAIL_BACKEND
EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = os.environ.get("TRIBE_FROM_EMAIL", "tribe@localhost")

# Background work (django-tasks): a queue in the database, so the embedded
# default needs no other service; `tribe worker` works through it, and
# `tribe serve` runs one beside the web app. On PostgreSQL several workers on
# several machines share it (rows claimed with SKIP LOCKED).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TRIBE_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
TRIBE_OUTBOX_LEASE_SECONDS = int(os.environ.get("TRIBE_OUTBOX_LEASE_SECONDS", "300"))
TRIBE_BASE_URL = os.environ.get("TRIBE_BASE_URL", "").strip().rstrip("/")
#: Test-only, never set from the environment: lets a chat message go to a plain-HTTP
#: webhook on 127.0.0.1 (a server the test starts); real webhooks must be https.
TRIBE_WEBHOOK_ALLOW_LOCAL_HTTP = False

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
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# What a page may load: its own scripts, styles, images and fonts, nothing from
# elsewhere, no plugin, no frame around it. Tribe's pages have no inline script
# or style; one that needs it carries the request's nonce (csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

if PRODUCTION:
    # HTTPS only: redirect plain HTTP, tell browsers to never use it again for a
    # year (and the subdomains), and send cookies only over TLS. A proxy that
    # terminates TLS must set X-Forwarded-Proto (TRIBE_BEHIND_TLS_PROXY=1).
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # /health/ answers the load balancer's plain-HTTP probe.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TRIBE_LOG_LEVEL", "WARNING")},
}
