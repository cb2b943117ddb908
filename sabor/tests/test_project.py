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


def _documented_block(kind: str) -> str:
    text = (BASE / "docs" / "deployment.md").read_text(encoding="utf-8")
    block = re.search(rf"```{kind}\n(.*?)```", text, re.DOTALL)
    assert block, f"docs/deployment.md lost its {kind} example"
    return block.group(1)


def _source(path: Path) -> dict[str, str]:
    """The variables that /bin/sh sets from the file `path`, as the cron lines read it."""
    result = subprocess.run(["/bin/sh", "-c", 'set -a; . "$1" && env -0', "sh", str(path)], capture_output=True,
                            env={"PATH": os.environ["PATH"]})
    assert result.returncode == 0 and not result.stderr, result.stderr.decode()
    pairs = (item.decode().partition("=") for item in result.stdout.split(b"\0") if item)
    return {name: value for name, _, value in pairs}


def _production_environment(tmp_path: Path) -> dict[str, str]:
    """The example production environment, exactly as /bin/sh reads it from docs/deployment.md."""
    block = _documented_block("sh title=production\\.env")
    path = tmp_path / "sabor.env"
    path.write_text(block, encoding="utf-8")
    documented = {line.partition("=")[0] for line in block.splitlines() if "=" in line and line[0] != "#"}
    sourced = _source(path)
    assert documented <= sourced.keys(), documented - sourced.keys()
    return {name: sourced[name] for name in documented}


def test_the_documented_environment_file_is_valid_shell(tmp_path):
    environment = _production_environment(tmp_path)
    assert environment["DEFAULT_FROM_EMAIL"] == "Sabor – Община Лясковец <sabor@lyaskovets.bg>"
    assert environment["SABOR_SITE_URL"] == "https://sabor.lyaskovets.bg"


def test_the_documented_cron_lines_run(tmp_path):
    """Each cron line, as documented, with the documented environment file (pointed at a
    scratch database and email that goes nowhere) and this checkout as the application."""
    env_file = tmp_path / "sabor.env"
    env_file.write_text(_documented_block("sh title=production\\.env") + "\n".join([
        f"DATABASE_URL=sqlite:///{tmp_path / 'cron.sqlite3'}", "REDIS_URL=", f"SABOR_VAR_DIR={tmp_path}",
        f"MEDIA_ROOT={tmp_path / 'media'}", "EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend", ""]), encoding="utf-8")
    clean = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE, capture_output=True,
                             text=True, env={**clean, **_source(env_file)})
    assert migrate.returncode == 0, migrate.stderr
    lines = [line for line in _documented_block("cron").splitlines() if line.strip() and line[0] != "#"]
    assert len(lines) == 2
    for line in lines:
        fields = line.split(None, 5)
        assert all(re.fullmatch(r"[\d*/,-]+", field) for field in fields[:5]), line
        command = fields[5].replace("/srv/sabor/app", str(BASE)).replace("/srv/sabor/sabor.env", str(env_file))
        result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, env=clean)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE",
                                                                          "DATABASE_URL", "REDIS_URL"}}
    env.update(_production_environment(tmp_path))
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
