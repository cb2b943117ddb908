"""Settings of the site that bench/participation.py serves with gunicorn: the test
settings (DEBUG off, the benchmark's host allowed, no HTTPS redirect) with a URLconf
that adds the floor view. Only the benchmark uses them, so the product ships no
benchmark URL."""

from sabor.test_settings import *  # noqa: F403

ROOT_URLCONF = "server_urls"
