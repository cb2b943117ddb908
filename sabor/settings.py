"""Sabor settings. Everything that differs between installations comes from the
environment through the typed helpers in sabor.env; docs/deployment.md lists them."""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sabor.env import env_bool, env_choice, env_int, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SABOR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET = "django-insecure-development-only-key-never-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else None)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set to a secret value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where links in emails point when the municipality has no domain record (a
# single-municipality installation), e.g. https://sabor.lyaskovets.bg; empty: the
# first host of ALLOWED_HOSTS (sabor.core.mail.site_url).
SABOR_SITE_URL = env_str("SABOR_SITE_URL", "").rstrip("/")
if SABOR_SITE_URL and not re.fullmatch(r"https?://[^/\s]+", SABOR_SITE_URL):
    raise ImproperlyConfigured("SABOR_SITE_URL must be a scheme and host, e.g. https://sabor.lyaskovets.bg.")

# The municipality served when the request's host matches no municipality domain.
# Single-municipality installations set this and need no domain records.
SABOR_DEFAULT_MUNICIPALITY = env_str("SABOR_DEFAULT_MUNICIPALITY", "")
# Staff roles must use two-factor authentication before they reach the back office.
SABOR_STAFF_MFA_REQUIRED = env_bool("SABOR_STAFF_MFA_REQUIRED", True)

INSTALLED_APPS = [
    "sabor.core.admin_site.SaborAdminConfig",  # the admin behind the site's own sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's own form templates, for FORM_RENDERER below
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "sabor.core",
    "sabor.territory",
    "sabor.accounts",
    "sabor.planning",
    "sabor.monitoring",
    "sabor.training",
    "sabor.participation",
    "sabor.portal",  # the home page and the back office's overview: composes what apps register
    "sabor.demo",  # the Lyaskovets demo loader: imports every app, nothing imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "sabor.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sabor.core.middleware.MunicipalityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sabor.accounts.middleware.LanguageMiddleware",
    # Before the CSRF check's process_view, the first to read a body; after the language, for its page.
    "sabor.core.middleware.RequestSizeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sabor.core.middleware.InvalidFormStatusMiddleware",
]

ROOT_URLCONF = "sabor.urls"
WSGI_APPLICATION = "sabor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sabor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sabor.core.context_processors.municipality",
            ],
        },
    },
]

# Forms render through the project's templates, so that sabor/templates/django/forms/
# adds the error summary to every form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -----------------------------------------------------------------
# SQLite (WAL mode) is the embedded default; PostgreSQL is chosen by DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sabor.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sabor")}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks ---------------------------------------------------------
TASKS = {"default": {"BACKEND": env_choice(
    "TASKS_BACKEND", "django_tasks_db.DatabaseBackend",
    ["django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"],
)}}

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "sabor.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "portal:home"
LOGIN_URL = "account_login"

ACCOUNT_ADAPTER = "sabor.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "sabor.accounts.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "sabor.accounts.signup.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Never reveal whether an email address has an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sabor] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sabor"

# --- Email --------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sabor <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Languages ----------------------------------------------------------------
LANGUAGES = [("bg", _("Bulgarian")), ("en", _("English"))]
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "bg", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Sofia")
USE_I18N = True
FORMAT_MODULE_PATH = ["sabor.formats"]
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are served by a view that applies their objects' visibility (core.files), never
# straight from MEDIA_ROOT. With SABOR_FILES_ACCEL_REDIRECT set (e.g. /_files/), the view
# hands the bytes to nginx's internal location of that name (see docs/deployment.md).
MEDIA_URL = "/files/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SABOR_FILES_ACCEL_REDIRECT = env_str("SABOR_FILES_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "sabor.core.files.FileStorage"},
    "staticfiles": {"BACKEND": (
        "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The fields of a form, files apart: the longest Markdown texts are a few hundred kilobytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A whole request: the largest upload (a training material, 20 MB) with room for the form
# around it. Larger bodies are refused with 413 before anything reads them (core.middleware).
SABOR_MAX_REQUEST_BYTES = env_int("SABOR_MAX_REQUEST_MB", 21) * 1024 * 1024

# --- Security -----------------------------------------------------------------
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies whose X-Forwarded-For is believed: the client's address for rate
# limits is the right-most hop that is not one of them (sabor.core.clientip).
SABOR_TRUSTED_PROXIES = env_networks("SABOR_TRUSTED_PROXIES", [])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Only Sabor's own files run, load and receive forms; the one inline element (the
# municipality's colours in <style>) carries the request's nonce. Scripts live in
# static/js; no inline script, no inline event handler, no style attribute.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF, NONCE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
}}

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # WeasyPrint and fontTools narrate every page of a report at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO",
                                                          ["DEBUG", "INFO", "WARNING", "ERROR"])},
}
