"""Settings, read from the environment (12-factor).

With no environment at all the product runs embedded: SQLite under ``var/``, e-mail to
files under ``var/mail/``, Celery tasks executed eagerly. Every variable is listed in the
README with its default. Production sets ``DATABASE_URL``, ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``CELERY_BROKER_URL`` and an anymail ``EMAIL_BACKEND``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return default if value is None else int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(make run sets DEBUG=true for the embedded default)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public base URL used in e-mails (links to the portal); no trailing slash.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "anymail",
    "viewflow",
    "viewflow.workflow",
    "regio",
    "termijnen",
    "meldpunt",
    "dossieroverleg",
    "juridisch",
    "brieven",
    "workflows",
    "notifications",
    "rapportage",
    "privacy",
    "signalen",
    "pgtrigger",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, hashed, compressed and cached for a year
    # (``config.storage``); with DEBUG the development server's own serving stays.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early: a NUL byte or broken UTF-8 is refused before any view or lookup meets it.
    "regio.middleware.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "regio.twofactor.TwoFactorMiddleware",
    "regio.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "regio.middleware.LoginFirstMiddleware",
    # Two people, one task: a task under another process is a 404, a lost race a 409.
    "workflows.middleware.TaskConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: django-axes turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "regio.context_processors.roles",
                "regio.context_processors.login_options",
                "signalen.context_processors.signalen",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# No DATABASE_URL: an SQLite file under var/. postgres://... uses psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A few people clicking at once must wait for each other, never see "database is
    # locked": WAL lets readers go on while one writes; every transaction takes the write
    # lock when it begins (IMMEDIATE), so two writers never deadlock on an upgrade from a
    # read lock, which the busy timeout cannot wait out; the busy timeout is the wait.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=env_int("SQLITE_BUSY_TIMEOUT", 20),
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: at a million reports the planner's estimates for the work
    # queue cross PostgreSQL's JIT thresholds, and compiling its functions took 13 of
    # the query's 14 seconds; the pages' queries are short and never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Seconds a task waits for the lock on its process (another person's click on the same
# dossier) before it is answered with 409 and the reason (workflows/locking.py).
WORKFLOW_LOCK_TIMEOUT = float(env("WORKFLOW_LOCK_TIMEOUT", "5"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))

# Uploaded documents (attachments) are stored outside any web root and only served
# through views that check permissions; there is no MEDIA_URL route for them. They live
# under PRIVATE_MEDIA_ROOT, which with more than one app server must be a volume every
# server and worker mounts (NFS, a shared disk); or, with S3_BUCKET set, in S3-compatible
# object storage (django-storages, the optional dependency group ``s3``), private objects
# that the same views stream.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    FILES_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty: AWS itself; for another provider (MinIO, a government cloud) its URL.
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "region_name": env("S3_REGION"),
            # Empty: boto3 finds them itself (AWS_* variables, an instance role).
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            # Objects under this prefix, so that one bucket can hold more than one install.
            "location": env("S3_PREFIX", ""),
            # "path" for providers without a DNS name per bucket (MinIO).
            "addressing_style": env("S3_ADDRESSING_STYLE"),
            # Private: no ACL of our own (the bucket's default, private), never overwrite
            # a file of the same name, and any link made is signed and short-lived.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
else:
    FILES_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    }
STORAGES = {
    "default": FILES_STORAGE,
    "staticfiles": {"BACKEND": "config.storage.StaticFiles"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 15 * 1024 * 1024)

# E-mail: files under var/mail/ unless EMAIL_BACKEND says otherwise. For production set
# EMAIL_BACKEND to an anymail backend (e.g. anymail.backends.mailgun.EmailBackend) and
# its keys as ANYMAIL_<NAME> variables; every ANYMAIL_* variable lands in ANYMAIL.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Regionaal Meldpunt Zorg <meldpunt@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Mail providers whose inbound and tracking webhooks are served under /webhooks/anymail/.
ANYMAIL_WEBHOOK_ESPS = env_list("ANYMAIL_WEBHOOK_ESPS", "postmark")
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_WEBHOOK_ESPS" and value
}

# Celery: no broker configured -> tasks run eagerly in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
CELERY_TASK_EAGER_PROPAGATES = True
# A report delivered through the API is accepted in the request and processed by a worker
# (ADR 12); without a broker (the embedded default) it is processed in the request.
INTAKE_ASYNC = env_bool("INTAKE_ASYNC", not CELERY_TASK_ALWAYS_EAGER)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    # Re-send mails left waiting (broker was down, temporary failure after its backoff).
    "notificaties-nasturen": {"task": "notifications.tasks.sweep", "schedule": 60.0},
    # Fire due workflow timers (follow-ups of forwarded reports, extra work).
    "werkstroom-timers": {"task": "workflows.tasks.fire_timers", "schedule": 60.0},
    # Reminders and escalations of terms now due (termijnen.bewaking).
    "termijnen-bewaken": {"task": "termijnen.tasks.sweep", "schedule": 60.0},
    # Reports accepted through the API that no worker processed (meldpunt.tasks; ADR 12).
    "intake-nalopen": {"task": "meldpunt.tasks.sweep_intake", "schedule": 60.0},
    "anonimiseren": {
        "task": "privacy.tasks.anonymise_due",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(hour=2, minute=30),
    },
    "wekelijks-overzicht": {
        "task": "notifications.tasks.weekly_digest",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(
            hour=7, minute=0, day_of_week=1
        ),
    },
    # Each staff member who asked for it: their signals of the past day.
    "dagelijkse-signalen": {
        "task": "signalen.tasks.daily_mail",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(hour=7, minute=0),
    },
    # The informational changes of the past day, one mail per municipality contact.
    "dagelijks-overzicht": {
        "task": "notifications.tasks.daily_overview",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(
            hour=env_int("NOTIFICATIONS_DAILY_OVERVIEW_HOUR", 7), minute=0
        ),
    },
    # After each half year, its report to every municipality (DVO BW/MO art. 3.8 sub a).
    "halfjaarrapportage": {
        "task": "rapportage.tasks.send_half_year_reports",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(
            hour=7, minute=30, day_of_month=1, month_of_year="1,7"
        ),
    },
    # After each month, the casework overview to the ROB partners (seed 000 art. 2.2.f).
    "casuistiek-rob": {
        "task": "rapportage.tasks.send_casework_overviews",
        "schedule": __import__("celery.schedules", fromlist=["crontab"]).crontab(
            hour=7, minute=30, day_of_month=1
        ),
    },
}

# Notifications: how often a temporary delivery failure is retried, and the first wait
# (doubled after every attempt).
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)
NOTIFICATIONS_RETRY_SECONDS = env_int("NOTIFICATIONS_RETRY_SECONDS", 60)
# The sweep re-enqueues a waiting mail only this long after its attempt was due: until
# then the task enqueued at the commit (or its retry) has it.
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env_int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 60)
# A mail still marked "verzenden" this long after its attempt began was interrupted (its
# worker stopped): the sweep sends it again, with the same Message-ID. Well above the
# longest a send can take (EMAIL_TIMEOUT per step of the SMTP conversation).
NOTIFICATIONS_SENDING_STALE_SECONDS = env_int("NOTIFICATIONS_SENDING_STALE_SECONDS", 300)

# The private link to a municipality's half-year report works this many days.
RAPPORTAGE_LINK_GELDIG_DAGEN = env_int("RAPPORTAGE_LINK_GELDIG_DAGEN", 90)

# Deadlines: a reminder this many working days before a term ends; the days a
# municipality gets to arrange alternative care after a contract ends.
TERMIJN_HERINNERING_WERKDAGEN = env_int("TERMIJN_HERINNERING_WERKDAGEN", 3)
# A term counted in hours (a data breach: 24 hours) is reminded this many hours before.
TERMIJN_HERINNERING_UREN = env_int("TERMIJN_HERINNERING_UREN", 6)
NAZORG_TERMIJN_DAGEN = env_int("NAZORG_TERMIJN_DAGEN", 14)
# Letters are made final as a PDF by LibreOffice headless: the program (a name on the PATH
# or a full path), and how many seconds one conversion may take.
BRIEVEN_SOFFICE = env("BRIEVEN_SOFFICE", "soffice")
BRIEVEN_SOFFICE_TIMEOUT = env_int("BRIEVEN_SOFFICE_TIMEOUT", 60)
# Personal data are anonymised this many days after a dossier closed or a report ended
# without a dossier (seed 000 Bijlage 1 art. 3).
ANONIMISEREN_NA_DAGEN = env_int("ANONIMISEREN_NA_DAGEN", 365)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regio.twofactor.SystemTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # The API speaks JSON only, as its schema says: nested input (a report's clients) has
    # no form encoding, and Swagger UI (/api/v1/docs/) replaces DRF's HTML pages.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # drf-spectacular's, with the error answers every operation can give.
    "DEFAULT_SCHEMA_CLASS": "regio.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "regio.api.Paginering",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Handhaving Wmo en Jeugd API",
    "DESCRIPTION": "Meldingen, dossiers en taken van de regionale handhaving.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation are for logged-in staff and systems, not the public.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI and Redoc from the installed drf-spectacular-sidecar: the documentation
    # works offline and the CSP needs no other origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the public validator service: the page asks only its own origin.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "MeldingStatusEnum": "meldpunt.models.Status",
        "DossierStatusEnum": "dossieroverleg.models.Status",
        "TaakStatusEnum": "viewflow.workflow.status.STATUS",
        "FormulierVeldTypeEnum": "workflows.serializers.FIELD_TYPES",
    },
}

# Security: secure by default whenever DEBUG is off; each can be turned off explicitly
# (e.g. SECURE_SSL_REDIRECT=false behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# HSTS preloading is a commitment of the whole domain (and its subdomains) that only the
# municipality that owns the domain can make; it stays off by default, so its deploy
# check warning (security.W021) is silenced until SECURE_HSTS_PRELOAD=true is chosen.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Cache: per process unless CACHE_URL names a shared one (needed with several workers, so
# that the public form's rate limit counts across them).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not env("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
}
# Sessions live in the database, which every app server shares; with a shared cache they
# are read from it first and written to both (cached_db): no session query per page, and
# emptying the cache logs nobody out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("CACHE_URL")
    else "django.contrib.sessions.backends.db"
)
RATELIMIT_VIEW = "meldpunt.views.rate_limited"
RATELIMIT_USE_CACHE = "default"
# django-ratelimit refuses the per-process cache (E003) even for the embedded default with
# DEBUG; our own check (regio.W001) warns about it only where it matters: without DEBUG.
# Its W001 names the backends it tested, and Django's own RedisCache (which increments
# atomically) is not among them.
SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
PUBLIC_FORM_RATE = env("PUBLIC_FORM_RATE", "10/h")
# Wrong receipt codes one address may try before the reporter's code page refuses it for
# the rest of the period (django-ratelimit's notation: count/period).
MELDER_CODE_RATE = env("MELDER_CODE_RATE", "10/h")
# The number of reverse proxies in front of the app that append to X-Forwarded-For; 0 takes
# the client from REMOTE_ADDR. Used by the rate limit and the audit trail (regio.proxy).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
if TRUSTED_PROXY_HOPS < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_HOPS must be 0 or more")
RATELIMIT_IP_META_KEY = "regio.proxy.client_ip"

# Meldpunt: days after forwarding before the officer asks the receiver for the outcome;
# days a reporter has to answer a question.
MELDPUNT_NAVRAGEN_DAGEN = env_int("MELDPUNT_NAVRAGEN_DAGEN", 28)
MELDPUNT_REACTIE_DAGEN = env_int("MELDPUNT_REACTIE_DAGEN", 14)
# Days the link in a forwarded report's mail opens the report for its named recipient.
DOORGELEIDING_LINK_GELDIG_DAGEN = env_int("DOORGELEIDING_LINK_GELDIG_DAGEN", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}

# viewflow draws CheckboxSelectMultiple with a web component it never defines; ours draws
# plain checkboxes with their label and error (regio/renderers.py).
VIEWFLOW = {
    "WIDGET_RENDERERS": {
        "django.forms.CheckboxSelectMultiple": "regio.renderers.CheckboxListRenderer",
    }
}

# Product settings: the region's reference data shipped with the code.
REGIO_DATA_FILE = BASE_DIR / "regio" / "data" / "regio.json"


# Login (BIO): a second factor for everyone who logs in with a password; lock-out after
# repeated failures (django-axes); OpenID Connect as an option (mozilla-django-oidc).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Handhaving Wmo en Jeugd")
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "regio/geblokkeerd.html"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, reading permissions and roles in one query per request.
    "regio.backends.PermissionsBackend",
]
OIDC_ENABLED = bool(env("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("regio.oidc.ExistingUserBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = "openid email"
    OIDC_CREATE_USER = False  # accounts are made by beheer, with their role
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"

# Content Security Policy (django-csp): only this site's scripts; inline style attributes
# are used by the staff UI's components.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
