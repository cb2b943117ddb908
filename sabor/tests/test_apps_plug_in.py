"""A new app plugs in without an edit to core or the portal (see sabor/tests/example)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_an_example_app_plugs_its_menu_queue_audit_code_and_personal_data_in():
    base = Path(settings.BASE_DIR)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_XDIST")}
    env["DJANGO_SETTINGS_MODULE"] = "sabor.tests.example.settings"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "--ds", "sabor.tests.example.settings",
         "sabor/tests/example/plugged.py"], cwd=base, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout
