"""Settings for the Bang Phlat Model Portal.

Configuration comes only from the environment (12-factor); with nothing set it runs in
development mode on a SQLite file in ``var/``. ``DATABASE_URL`` switches to PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    """A typo ("ture", "O") stops start-up naming the variable instead of silently meaning
    False: DJANGO_DEBUG=Flase must never run production in debug mode (healthchecks' envbool)."""
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r}: use 1/0, true/false, yes/no or on/off"
    )


def envint(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r}: must be at least {minimum}")
    return number


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)
if DEBUG:
    # A development key only; production must set its own.
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "django-insecure-bangphlat-development-key-never-use-in-production"
    )
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if len(SECRET_KEY) < 32 or SECRET_KEY.startswith(("django-insecure", "change-me")):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 32 characters when "
            "DJANGO_DEBUG=0 (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the portal's host names when DJANGO_DEBUG=0 "
        "(e.g. DJANGO_ALLOWED_HOSTS=portal.example.org)"
    )
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    # django-import-export is used as a library only (communities.io): as an installed app it
    # would bring its admin module, which the admin's autodiscovery imports in every process
    # with openpyxl behind it (70 ms of each start), for an admin integration the portal does
    # not use. It has no Thai translations or templates the portal needs.
    "simple_history",
    "axes",
    "ops",  # before django_tasks_db: its db_worker also recovers abandoned builds
    "django_tasks_db",
    # Project apps
    "bangphlat",
    "accounts",
    "districts",
    "notices",
    "lineoa",
    "periods",
    "communities",
    "mentoring",
    "lessons",
    "handbook",
    "dashboard",
    "reporting",
    "training",
    "evaluation",
    "api",
    "opendata",
    "scheduled",
    "privacy",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    # First: it times everything below and logs one line per request.
    "bangphlat.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bangphlat.middleware.ThaiFirstMiddleware",
    # Below the locale and above the views: it rewrites the headings of the rendered page.
    "bangphlat.middleware.ThaiHeadingsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last, as its docs ask: it needs the authenticated user and request set up.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bangphlat.urls"
WSGI_APPLICATION = "bangphlat.wsgi.application"
ASGI_APPLICATION = "bangphlat.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["bangphlat.templatetags.thai", "bangphlat.templatetags.links"],
        },
    }
]

# --- Database -------------------------------------------------------------------------
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        # Production keeps each worker's connection for a minute: opening one per request cost
        # 3-6x of the capacity (bench/README.md "Capacity"). The health check at the start of
        # each request reconnects after a database restart instead of failing the request.
        conn_max_age=envint("DJANGO_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
# Fail fast: a database that accepts connections but never answers must not hang a request
# until gunicorn kills the worker. The statement limit applies to web processes only
# (bangphlat/db.py, connected in wsgi.py); the task worker runs long builds.
DB_CONNECT_TIMEOUT = envint("DJANGO_DB_CONNECT_TIMEOUT", 5, minimum=1)
DB_STATEMENT_TIMEOUT = envint("DJANGO_DB_STATEMENT_TIMEOUT", 30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with the kept connection's check made without a round trip
    # (bangphlat/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "bangphlat.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DB_CONNECT_TIMEOUT
    # PgBouncer in transaction pooling cannot keep a server-side cursor across transactions.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = envbool("DJANGO_PGBOUNCER", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several users at once on the embedded default: a write transaction takes the write lock
    # when it begins (a read-then-write transaction cannot be refused half-way with "database
    # is locked"), a writer waits up to 20 s for another instead of failing at once, and WAL
    # lets readers go on while one writer writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: failures counted three ways, each with its own limit (accounts/lockout.py):
# a person's typos lock that person at that address; one account guessed from many addresses
# or one address trying many accounts locks later, so an office behind one NAT address is not
# locked out together by a few typos.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_LIMITS = [
    (["username", "ip_address"], AXES_FAILURE_LIMIT),
    (["username"], envint("AXES_USERNAME_FAILURE_LIMIT", 10, minimum=1)),
    (["ip_address"], envint("AXES_IP_FAILURE_LIMIT", 20, minimum=1)),
]
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _limit in LOGIN_LOCKOUT_LIMITS]
AXES_HANDLER = "accounts.lockout.PortalLockoutHandler"
# Behind nginx on a unix socket REMOTE_ADDR is empty: the address nginx saw comes from
# X-Forwarded-For, believed only from these peers (bangphlat/client_ip.py).
AXES_CLIENT_IP_CALLABLE = "bangphlat.client_ip.client_ip"
TRUSTED_PROXIES = envlist("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Internationalisation: Thai first -------------------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
# Thai dictionary order with numbers compared as numbers (ซอย 5 before ซอย 12): an ICU
# collation (th-TH-u-kn-true) that bangphlat/0004 creates on PostgreSQL; on SQLite we
# register the same order by this name (bangphlat.apps).
THAI_COLLATION = "thai_numeric"

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded and generated files are never public: /media/<name> is a view that asks
# the owning app's access rule first (bangphlat/files.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Behind nginx the view answers with X-Accel-Redirect to this internal location
# (deploy/nginx/bangphlat.conf) so nginx, not Python, sends large files.
MEDIA_ACCEL_REDIRECT = os.environ.get("DJANGO_MEDIA_ACCEL_REDIRECT", "")
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE == "local":
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    # Object storage for several app servers (README "Scaling out"); the bucket stays
    # private and downloads get a short-lived presigned URL after the permission check.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("DJANGO_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": envint("DJANGO_S3_URL_SECONDS", 300, minimum=1),
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
    if not _media_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET")
else:
    raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE={MEDIA_STORAGE!r}: use local or s3")
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Background tasks (handbook builds) -----------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running build beats every few seconds; one silent for longer than the stale limit lost its
# worker (killed, restarted) and every worker queues it again (handbook.services; each worker
# looks at start and at every beat). Four missed beats in a row before a live build is taken
# for dead. On PostgreSQL the dead worker's advisory lock shows it sooner: two missed beats.
HANDBOOK_BUILD_HEARTBEAT_SECONDS = 5
HANDBOOK_BUILD_STALE_SECONDS = 20

# --- LINE Official Account (lineoa: notices on LINE, README "LINE") --------------------
# Without a channel access token the LINE channel is off: no pushes, the webhook answers 404.
LINE_CHANNEL_ACCESS_TOKEN = os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "").strip()
LINE_CHANNEL_SECRET = os.environ.get("LINE_CHANNEL_SECRET", "").strip()
# Tests and proxies point this at another host.
LINE_API_BASE = os.environ.get("LINE_API_BASE", "https://api.line.me").strip().rstrip("/")
# The Official Account's basic ID (@123abcde): the linking page's QR adds it as a friend.
LINE_BASIC_ID = os.environ.get("LINE_BASIC_ID", "").strip()
# A push answered 429 or 5xx is tried again after 2, 4, 8, … seconds, this many times in all.
LINE_PUSH_ATTEMPTS = 5
LINE_RETRY_BASE_SECONDS = 2.0
# The strategy office is told once a month when this share of the message quota is used.
LINE_QUOTA_WARNING_SHARE = 0.8
# The portal's address as its users reach it, for links in messages that leave the site
# (LINE). Default: the first trusted origin.
PORTAL_URL = os.environ.get("PORTAL_URL", "").strip().rstrip("/") or (
    CSRF_TRUSTED_ORIGINS[0] if CSRF_TRUSTED_ORIGINS else "http://localhost:8000"
)

# --- Training certificates ------------------------------------------------------------
# Who signs the certificates (name, position), printed under the signature line. Without a
# name the line stays dotted, to be signed and named by hand.
TRAINING_CERTIFICATE_SIGNATORY = (
    os.environ.get("TRAINING_CERTIFICATE_SIGNER", ""),
    os.environ.get(
        "TRAINING_CERTIFICATE_SIGNER_POSITION", "ผู้อำนวยการสำนักยุทธศาสตร์และประเมินผล กรุงเทพมหานคร"
    ),
)

# --- Personal data retention (privacy/categories.py; `manage.py apply_retention`, daily) ---
# Periods per category, overridable here or in the environment: days, except unconfirmed
# uploads in hours (as the import page has always kept them).
PRIVACY_RETENTION = {
    "community_contacts": envint("RETENTION_CONTACTS_DAYS", 365, minimum=1),
    "training_participants": envint("RETENTION_PARTICIPANT_PHONES_DAYS", 730, minimum=1),
    "user_accounts": envint("RETENTION_CLOSED_ACCOUNTS_DAYS", 730, minimum=1),
    "notices": envint("RETENTION_NOTICES_DAYS", 365, minimum=1),
    "uploads": envint("RETENTION_UPLOADS_HOURS", 24, minimum=1),
    "change_history": envint("RETENTION_HISTORY_DAYS", 5 * 365, minimum=1),
}

# --- Cache ----------------------------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# --- Email: console in development, SMTP (EMAIL_HOST, …) in production ----------------------
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if not DEBUG and "smtp" in MAILERS["default"]["BACKEND"]:
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25, minimum=1),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": envbool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "bangphlat-portal@localhost")

# --- Security -------------------------------------------------------------------------
# Django's own CSP: everything from our origin, no inline script anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The installable app (bangphlat/pwa.py): its service worker and manifest, from here only.
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # Production sits behind a TLS proxy that sets X-Forwarded-Proto (deploy/nginx): plain
    # HTTP is redirected and cookies are Secure-only.
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo (browsers ship the list for months): only when asked for.
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy recommends preloading; leaving it off is this deployment's choice.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_LEVEL={LOG_LEVEL!r}: use DEBUG, INFO, WARNING or ERROR")
# Logs go to stdout (systemd's journal in production), one line per request from
# bangphlat.middleware.RequestLogMiddleware.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The offset on every line, in gunicorn's format (deploy/gunicorn.conf.py sets the same zone).
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # WeasyPrint logs every rendering step at INFO; its warnings are kept with each build.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Our request line replaces Django's own 4xx/5xx lines (no duplicates in the log).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Demo password for `seed_demo` (never used in production: the command refuses there).
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "bangphlat-demo")

# --- The JSON API (/api/v1/, api/) --------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    # Requests per hour for each personal token (or each browser session).
    "DEFAULT_THROTTLE_RATES": {"api": f"{envint('API_REQUESTS_PER_HOUR', 600, minimum=1)}/hour"},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bang Phlat Model Portal API",
    "DESCRIPTION": (
        "API ของพอร์ทัลรูปแบบบางพลัด: อ่านข้อมูลตามสิทธิ์เดียวกับหน้าเว็บ "
        "เข้าสู่ระบบด้วยเซสชันของเบราว์เซอร์ หรือโทเคนส่วนตัว (Authorization: Bearer bp_…) "
        "ที่สร้างได้ที่ /accounts/tokens/ แบ่งหน้าด้วย cursor ไม่เกิน 500 แถวต่อหน้า\n\n"
        "The Bang Phlat Model Portal API: the same data and the same permissions as the web "
        "pages. Authenticate with the browser session or a personal token "
        "(Authorization: Bearer bp_…) created at /accounts/tokens/. Cursor pagination, at most "
        "500 rows a page. Open data without login: /open-data/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set used by several fields.
    "ENUM_NAME_OVERRIDES": {
        "RolloutStageEnum": "districts.models.RolloutStage",
        "ModelStepEnum": "communities.models.ModelStep",
        "ActivityStepEnum": "api.schema.activity_step_choices",
    },
}
