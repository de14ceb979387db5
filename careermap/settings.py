"""The one settings file. Every value comes from the environment (see .env.example).

Local use needs no configuration at all: SQLite under ./data, a secret key generated on first
start and kept in the data folder, e-mail printed to the console. Production mode
(CAREERMAP_PRODUCTION=true) refuses to start until its secrets and hosts are set.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    # A typo such as DEBUG=ture must fail loudly rather than silently mean "off".
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


PRODUCTION = envbool("CAREERMAP_PRODUCTION", False)
DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=true is not allowed with CAREERMAP_PRODUCTION=true.")

DATA_DIR = Path(os.environ.get("CAREERMAP_DATA_DIR", Path.cwd() / "data")).resolve()


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if PRODUCTION:
        if len(key) < 50:
            raise ImproperlyConfigured(
                "SECRET_KEY must be set to a random value of at least 50 characters in "
                "production mode (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
            )
        return key
    if key:
        return key
    # Local installs get a key of their own, generated once; no secret ships with the code.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names Careermap is served on.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "careermap.core.apps.AdminConfig",  # Django's admin with Careermap's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "django_ratelimit",
    "huey.contrib.djhuey",
    "careermap.core",
    "careermap.people",
    "careermap.frameworks",
    "careermap.conversations",
    "careermap.opportunities",
    "careermap.plans",
    "careermap.reminders",
    "careermap.audit",
    "careermap.live",
    "careermap.practice",
    "careermap.insights",
    "careermap.home",
]

MIDDLEWARE = [
    # First: the request's id, its metrics and log line, and /healthz, /readyz, /metrics.
    "careermap.core.middleware.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (a fresh nonce for each response) and Permissions-Policy.
    "careermap.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "careermap.frameworks.middleware.FrameworkVersionMiddleware",
    # Turns a refused rate-limited request into the "too many requests" page (429).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careermap.urls"
WSGI_APPLICATION = "careermap.wsgi.application"

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
                "careermap.people.context_processors.viewer",
            ],
        },
    }
]
# Django's form renderer with its inputs and text areas written in Python (same markup).
FORM_RENDERER = "careermap.core.form_renderer.FormRenderer"


def _database() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'careermap.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several browser tabs (and gunicorn workers) write at once: WAL lets readers go on
        # while one writes, IMMEDIATE takes the write lock at BEGIN so two writers queue
        # instead of failing half-way with "database is locked", and the timeout is the queue.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
        config["CONN_MAX_AGE"] = 0 if config["NAME"] == ":memory:" else config["CONN_MAX_AGE"]
        # Tests get a file of their own rather than Django's in-memory database: an in-memory
        # database is one connection shared by every thread, so a live server answering a page
        # while a live stream polls on another thread interleaves their transactions on it.
        # Named by process, so two test runs in one checkout never share a file.
        config["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"careermap-test-{os.getpid()}.sqlite3")
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Counts failed sign-ins and locks the address/e-mail pair out for a while.
    "axes.backends.AxesStandaloneBackend",
    "careermap.people.backends.PersonAwareBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The sign-in form posts the e-mail address as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
# Counted by the address as stored (lower case): another case is the same sign-in.
AXES_USERNAME_CALLABLE = "careermap.people.backends.sign_in_name"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy, counted by the client's address, not the proxy's (the rate limits too).
PROXY_COUNT = envint("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "careermap.core.addresses.client_address"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis errors count as cache misses (sessions are then read from the database): an outage
    # of Redis slows pages down but takes none of them away (careermap/core/cache.py).
    CACHES = {
        "default": {"BACKEND": "careermap.core.cache.TolerantRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        # Parts of pages, keyed by what they show: each process may keep its own copy.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Sessions and rate limits must be the same in every server process on the machine
        # (`careermap serve` runs several): a session ended in one process must not live on
        # in another's memory.
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "shared-cache"),
        },
    }
# Sessions live in the database and are read through a cache every process shares: a page view
# costs no session query, and signing out (or a password change) ends the session everywhere.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "default" if REDIS_URL else "shared"
# Rate limits count in a shared cache too: with REDIS_URL every instance and process counts in
# Redis, so a limit holds however many app servers stand behind the proxy. On the embedded
# default the processes count in files (not atomically: two requests at the same instant may
# both pass, which on one machine costs a request or two, never a limit per process).
RATELIMIT_USE_CACHE = SESSION_CACHE_ALIAS
RATELIMIT_VIEW = "careermap.core.views.too_many_requests"
RATELIMIT_IP_META_KEY = "careermap.core.addresses.client_address"
# W001 only says django-ratelimit does not list Django's own RedisCache, whose INCR is atomic;
# left in, it would print a warning at every start of every production server.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 14 * 24 * 3600)

# Background tasks (reminders) run on Huey. By default the queue is a SQLite file in the data
# folder: a real, persistent queue that survives restarts and needs no server, worked by the
# consumer `careermap serve` starts next to the web workers. With REDIS_URL the same task code
# runs on Redis, worked by `careermap worker` processes on any machine. Huey brings periodic
# tasks and retries with it; what must never happen twice (an e-mail) is guarded in the
# database by the services, not by the queue.
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    HUEY = {"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "tasks.sqlite3")}
HUEY |= {
    "name": "careermap",
    # Tasks always go through the queue, DEBUG or not (Huey would otherwise run them inline).
    "immediate": False,
    "results": False,  # nothing waits for a task's return value
    "consumer": {"workers": envint("TASK_WORKERS", 2), "worker_type": "thread"},
}

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves straight from the app folders: no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
# A mail server that hangs must not hold a reminder in "sending" for ever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Careermap <careermap@localhost>")
# Where people reach Careermap: e-mails sent from background tasks have no request to take
# the address from, and their links must be absolute.
CAREERMAP_BASE_URL = os.environ.get("CAREERMAP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Practice: the persona's wording may come from the organisation's own model server, any
# OpenAI-compatible endpoint (careermap/practice/generative.py). Unset, Careermap's own engine
# words every reply, offline. Either way the engine decides what is revealed and the feedback.
PRACTICE_MODEL_URL = os.environ.get("PRACTICE_MODEL_URL", "").strip()
PRACTICE_MODEL_NAME = os.environ.get("PRACTICE_MODEL_NAME", "").strip()
PRACTICE_MODEL_API_KEY = os.environ.get("PRACTICE_MODEL_API_KEY", "")
# Seconds to wait for the model's wording before the engine's own is used.
PRACTICE_MODEL_TIMEOUT = envint("PRACTICE_MODEL_TIMEOUT", 8)
if PRACTICE_MODEL_URL and not PRACTICE_MODEL_NAME:
    raise ImproperlyConfigured(
        "PRACTICE_MODEL_URL is set: PRACTICE_MODEL_NAME must name the model."
    )
# How many days a leaver's career data is kept after their leaving date before it is erased
# (careermap/core/erasure.py); unset or empty keeps it until an HR admin erases it.
CAREERMAP_LEAVER_RETENTION_DAYS: int | None = (
    envint("CAREERMAP_LEAVER_RETENTION_DAYS", 0)
    if os.environ.get("CAREERMAP_LEAVER_RETENTION_DAYS", "").strip()
    else None
)
if CAREERMAP_LEAVER_RETENTION_DAYS is not None and CAREERMAP_LEAVER_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("CAREERMAP_LEAVER_RETENTION_DAYS must be 0 or more days.")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# What a page may load and run (docs/operations.md, "Security headers"): everything from
# Careermap itself, no inline script but the few tagged with the response's nonce, no inline
# style at all, no plugins, no framing, forms and connections (live notes) to this origin only.
# Pico draws its icons (select arrows, check marks) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    if envbool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logs, metrics and request ids (docs/operations.md, "Monitor") ---------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL={LOG_LEVEL!r} is not DEBUG, INFO, WARNING or ERROR.")
# One JSON object a line in production, for a log collector; plain lines on a local install.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not json or text.")
# Use the X-Request-ID the reverse proxy sends instead of making one; only when the proxy
# always sets it (nginx: proxy_set_header X-Request-ID $request_id).
TRUST_X_REQUEST_ID = envbool("TRUST_X_REQUEST_ID", False)
# Without a token /metrics answers only scrapers on this machine that reach Careermap directly.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 16:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 16 characters long.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "careermap.core.logs.RequestIdFilter"},
        "answered": {"()": "careermap.core.logs.DropAnsweredRequests"},
    },
    "formatters": {
        "json": {"()": "careermap.core.logs.JsonFormatter"},
        "text": {"()": "careermap.core.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Each request has its own line (careermap.core.middleware); Django's repeats it.
        "django.request": {"filters": ["answered"]},
        # SQL statements carry what people write (notes, reflections) as parameters: they are
        # never logged, whatever LOG_LEVEL says.
        "django.db.backends": {"level": "INFO"},
    },
}
if LOG_FORMAT == "json":
    # The task worker's lines too (Huey only adds its own handler to a logger without one).
    LOGGING["loggers"]["huey"] = {"handlers": ["console"], "level": "INFO", "propagate": False}

PAGE_SIZE = 50
