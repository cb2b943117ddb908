"""Checks on the project as a whole: migrations, the embedded database, production settings."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

BASE = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exit_})")


def _production_environment() -> dict[str, str]:
    """The example production environment, exactly as docs/deployment.md shows it."""
    text = (BASE / "docs" / "deployment.md").read_text(encoding="utf-8")
    block = re.search(r"```sh title=production\.env\n(.*?)```", text, re.DOTALL)
    assert block, "docs/deployment.md lost its production.env example"
    environment = {}
    for line in block.group(1).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            environment[name] = value.strip("'\"")
    return environment


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE",
                                                                          "DATABASE_URL", "REDIS_URL"}}
    env.update(_production_environment())
    # The check needs no running database or Redis; keep it local to this test.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "sabor.settings"
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=BASE, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": "sabor.settings", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE, env=env, capture_output=True,
                            text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_embedded_database_runs_in_wal_mode(tmp_path):
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "sabor.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}"}
    code = "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); " \
           "print(c.fetchone()[0])"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=BASE, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
