"""Settings for the test suite: the real settings, with a fixed secret and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks-0123456789")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from sabor.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", ".test", "localhost", "127.0.0.1"]
# Each test runs with its own cache prefix (see conftest), so rate-limit counters
# never leak between tests or between parallel workers sharing one Redis.
STATIC_ROOT = None  # tests serve static files from the finders; nothing is collected
# The browser tests talk plain HTTP to a live server on localhost.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
