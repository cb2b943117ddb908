"""The test settings with the example app installed: its line in INSTALLED_APPS and its include."""

from sabor.test_settings import *  # noqa: F403
from sabor.test_settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "sabor.tests.example"]
ROOT_URLCONF = "sabor.tests.example.root_urls"
