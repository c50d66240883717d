"""Django settings for tcdesk, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies); `make run` and the tests switch on
development behaviour explicitly. The embedded default database is SQLite in `var/`; set
DATABASE_URL (e.g. postgres://user@host/db) for PostgreSQL and REDIS_URL (redis://host:6379/0) for the
cache shared by several app servers. docs/operations.md lists every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TCDESK_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("TCDESK_DEBUG", False)

SECRET_KEY = os.environ.get("TCDESK_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    # Development only: a fixed key is fine because nothing signed with it leaves the laptop.
    SECRET_KEY = "tcdesk-development-key-not-for-production"  # noqa: S105
# Without a key in production, Django refuses everything that signs (sessions, CSRF, password
# resets) and the application servers refuse to start (tcdesk/wsgi.py); offline commands such as
# makemigrations still run.

ALLOWED_HOSTS = _env_list("TCDESK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = _env_list("TCDESK_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # django-ninja as an app: /api/docs then renders Swagger UI from the package's own static files
    # (ninja/static/ninja/), served by WhiteNoise within the CSP, instead of its CDN template.
    "ninja",
    "django_tasks_db",
    "simple_history",
    "tcdesk.core",
    "tcdesk.accounts",
    "tcdesk.mandates",
    "tcdesk.treaties",
    "tcdesk.assistance",
    "tcdesk.funds",
    "tcdesk.portfolio",
    "tcdesk.assets",
    "tcdesk.planning",
    "tcdesk.reports",
    "tcdesk.opendata",
    "tcdesk.operations",
]

MIDDLEWARE = [
    # Request id, access log and metrics wrap everything; probes answer before host checks and sessions.
    "tcdesk.operations.middleware.RequestContextMiddleware",
    "tcdesk.operations.middleware.ProbesMiddleware",
    # Control characters, out-of-range numbers and dates, non-object or too deep JSON, oversized bodies:
    # refused here once for every app, before sessions, CSRF or any view read them (tcdesk/core/edge.py).
    "tcdesk.core.edge.InputHygieneMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tcdesk.operations.middleware.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tcdesk.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tcdesk.accounts.middleware.LoginRequiredPagesMiddleware",
]

ROOT_URLCONF = "tcdesk.urls"
WSGI_APPLICATION = "tcdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tcdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tcdesk.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tcdesk.sqlite3'}",
        conn_max_age=int(os.environ.get("TCDESK_DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# WAL and a busy timeout let the web server and the task worker share the file; IMMEDIATE
# transactions take the write lock up front, so concurrent writers wait instead of failing with
# "database is locked" when a read-then-write transaction cannot upgrade its lock.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The folder of the file is made by the entry points (tcdesk.cli, tcdesk.wsgi), not on import.
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

# The cache: Redis when REDIS_URL is set (shared by every app server: rate limits, sessions, public
# pages); otherwise each process keeps its own in memory, which is right for one laptop only.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("TCDESK_CACHE_PREFIX", "tcdesk"),
            # Fail fast: a stuck cache must not hold a request (or the readiness probe) for long.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from Redis and written through to the database, so a restart of Redis signs
    # nobody out, and any app server reads a session another one made.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tcdesk"}}

# A written IATI feed is served as is for this many seconds even when the data has changed since (its
# ETag holds, so pollers get 304 under constant writes); after that it is rebuilt in the background.
TCDESK_OPEN_FEED_MIN_AGE = int(os.environ.get("TCDESK_OPEN_FEED_MIN_AGE", "300"))
# Anonymous reads of open data are served from the cache for this many seconds (0: off).
TCDESK_PUBLIC_CACHE_SECONDS = int(os.environ.get("TCDESK_PUBLIC_CACHE_SECONDS", "60"))
TCDESK_PUBLIC_CACHE_PREFIXES = _env_list(
    "TCDESK_PUBLIC_CACHE_PREFIXES", "/open/,/api/open/,/api/core/,/api/treaties/,/api/mandates/"
)
# The bearer token Prometheus sends to read /metrics; without it the endpoint answers 404.
TCDESK_METRICS_TOKEN = os.environ.get("TCDESK_METRICS_TOKEN", "")
# Probes are called over plain HTTP by load balancers inside the network: no HTTPS redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "tcdesk" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Project-wide assets (the stylesheet); each app ships its own under <app>/static/.
STATICFILES_DIRS = [BASE_DIR / "tcdesk" / "static"]
STATIC_ROOT = Path(os.environ.get("TCDESK_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("TCDESK_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads: refuse large bodies early; per-field limits are checked by each form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
TCDESK_MAX_UPLOAD_BYTES = int(os.environ.get("TCDESK_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# Uploads are counted as they arrive and stopped past the limit (also when no length is declared),
# before Django spools them to disk; the edge middleware refuses a declared length past it at once.
FILE_UPLOAD_HANDLERS = [
    "tcdesk.core.uploads.BudgetUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Budgets of work on one input (see docs/operations.md): PDF extraction, import files.
TCDESK_PDF_MAX_PAGES = int(os.environ.get("TCDESK_PDF_MAX_PAGES", "300"))
TCDESK_PDF_MAX_SECONDS = float(os.environ.get("TCDESK_PDF_MAX_SECONDS", "20"))
# The longest single text a request may carry (a description is 20,000 at most): core/edge.py.
TCDESK_MAX_TEXT_CHARS = int(os.environ.get("TCDESK_MAX_TEXT_CHARS", "20000"))
TCDESK_IMPORT_MAX_ROWS = int(os.environ.get("TCDESK_IMPORT_MAX_ROWS", "10000"))
TCDESK_IMPORT_MAX_ERRORS = int(os.environ.get("TCDESK_IMPORT_MAX_ERRORS", "200"))
# Web and API imports of more rows than this run as a background job (the CLI stays synchronous).
TCDESK_IMPORT_SYNC_ROWS = int(os.environ.get("TCDESK_IMPORT_SYNC_ROWS", "500"))
# Sign-in attempts (web, admin, API token) per account and per client address, in the shared cache.
TCDESK_SIGN_IN_RATE_PER_ACCOUNT = os.environ.get("TCDESK_SIGN_IN_RATE_PER_ACCOUNT", "20/h")
TCDESK_SIGN_IN_RATE_PER_ADDRESS = os.environ.get("TCDESK_SIGN_IN_RATE_PER_ADDRESS", "100/h")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TCDESK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "TCDESK_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {"host": os.environ.get("TCDESK_EMAIL_HOST", "localhost")}
        if not DEBUG and "TCDESK_EMAIL_BACKEND" not in os.environ
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("TCDESK_FROM_EMAIL", "tcdesk@localhost")
# Where users reach this site: e-mails carry absolute links built on it.
TCDESK_SITE_URL = os.environ.get("TCDESK_SITE_URL", "http://localhost:8000").rstrip("/")
# Notifications and deadline reminders (`tcdesk send_reminders`, docs/operations.md).
TCDESK_NOTIFICATION_KEEP_DAYS = int(os.environ.get("TCDESK_NOTIFICATION_KEEP_DAYS", "90"))
TCDESK_REMINDER_KEEP_DAYS = int(os.environ.get("TCDESK_REMINDER_KEEP_DAYS", "400"))
TCDESK_REMINDER_REPEAT_DAYS = int(os.environ.get("TCDESK_REMINDER_REPEAT_DAYS", "7"))
# A request in a status that needs an officer, submitted this many days ago (the officers' "overdue").
TCDESK_REMINDER_WAITING_DAYS = int(os.environ.get("TCDESK_REMINDER_WAITING_DAYS", "60"))
# Information asked of a State and not given after this many days.
TCDESK_REMINDER_UNANSWERED_DAYS = int(os.environ.get("TCDESK_REMINDER_UNANSWERED_DAYS", "14"))

# Content Security Policy: everything is served by the project itself, no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_SECURE = _env_bool("TCDESK_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _env_bool("TCDESK_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("TCDESK_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = _env_bool("TCDESK_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _env_bool("TCDESK_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Rate limits identify clients by address: trust X-Forwarded-For only behind our own proxy (one hop),
# otherwise a client could pick its own address and escape the limit.
NINJA_NUM_PROXIES = 1 if _env_bool("TCDESK_BEHIND_PROXY", False) else 0
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 500

# Logs: one JSON object a line with the request id (production), or readable lines (development).
# The access log (one line per request) is on by default outside development.
LOG_FORMAT = os.environ.get("TCDESK_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tcdesk.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "tcdesk.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TCDESK_LOG_LEVEL", "WARNING")},
    "loggers": {
        "tcdesk.access": {"level": "INFO" if _env_bool("TCDESK_ACCESS_LOG", not DEBUG) else "WARNING"},
    },
}
