"""Sabor without its system libraries: the site starts, and `make` installs them or
stops at once with the command that does (scripts/system-libraries)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Imports every module of Sabor and runs Django's checks (which load every URL and view)
# in a process where cairocffi and WeasyPrint fail as they do without Cairo and Pango.
WITHOUT_CAIRO_AND_PANGO = """
import importlib, os, pkgutil, sys

class Unloadable:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("cairocffi", "weasyprint"):
            raise OSError("cannot load library 'libcairo.so.2': no such file")

sys.meta_path.insert(0, Unloadable())
os.environ["DJANGO_SETTINGS_MODULE"] = "sabor.settings"
import django
django.setup()
from django.core.management import call_command
call_command("check")
import sabor
for module in pkgutil.walk_packages(sabor.__path__, "sabor."):
    if ".tests" not in module.name and module.name != "sabor.conftest":
        importlib.import_module(module.name)
print("started")
"""


def test_sabor_starts_without_cairo_and_pango(tmp_path):
    env = {**os.environ, "DEBUG": "1", "SABOR_DEFAULT_MUNICIPALITY": "alpha", "DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", WITHOUT_CAIRO_AND_PANGO], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("started")


def _fake(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


@pytest.fixture
def debian(tmp_path):
    """A Debian machine on which only the packages in `installed` are installed; apt-get
    and sudo record what they are asked to do."""
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    bin_dir.mkdir()
    installed = tmp_path / "installed"
    installed.write_text("")
    _fake(bin_dir, "dpkg-query", f'for p; do :; done; grep -qx "$p" {installed} && echo installed || exit 1')
    _fake(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')

    for tool in ("sh", "grep"):  # the only tools of the machine besides the fakes: no sudo unless faked
        (bin_dir / tool).symlink_to(next(p for p in (Path("/usr/bin", tool), Path("/bin", tool)) if p.exists()))

    def run(*, uid: int = 1000, sudo: str | None = None, have: str = ""):
        installed.write_text(have.replace(" ", "\n") + "\n")
        _fake(bin_dir, "id", f"echo {uid}")
        (bin_dir / "sudo").unlink(missing_ok=True)
        if sudo is not None:
            _fake(bin_dir, "sudo", f'[ "$1" = -n ] && shift; {sudo}; echo "sudo $*" >> {log}; "$@"')
        result = subprocess.run([str(bin_dir / "sh"), str(ROOT / "scripts/system-libraries")], capture_output=True,
                                env={"PATH": str(bin_dir), "LANG": "C.UTF-8"}, text=True, timeout=30)
        return result, log.read_text() if log.exists() else ""

    return run


EVERYTHING = "libcairo2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig gettext"


def test_it_does_nothing_when_everything_is_installed(debian):
    result, log = debian(have=EVERYTHING)
    assert result.returncode == 0 and result.stdout == result.stderr == "" and log == ""


def test_it_stops_with_the_one_command_when_it_cannot_install(debian):
    result, log = debian(have="fontconfig gettext")
    assert result.returncode == 1 and log == ""
    assert ("    apt-get install libcairo2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core\n"
            in result.stderr)
    assert "as root" in result.stderr


def test_it_names_sudo_when_sudo_asks_for_a_password(debian):
    result, log = debian(sudo="exit 1", have=EVERYTHING.removeprefix("libcairo2 "))
    assert result.returncode == 1 and log == ""
    assert "    sudo apt-get install libcairo2\n" in result.stderr


def test_it_installs_what_is_missing_with_sudo(debian):
    result, log = debian(sudo=":", have=EVERYTHING.replace(" gettext", ""))
    assert result.returncode == 0, result.stderr
    assert "sudo apt-get install -y -qq --no-install-recommends gettext" in log.splitlines()


def test_it_installs_what_is_missing_as_root(debian):
    result, log = debian(uid=0, have="gettext")
    assert result.returncode == 0, result.stderr
    assert log.splitlines() == ["apt-get update -qq", "apt-get install -y -qq --no-install-recommends libcairo2 "
                                "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig"]


def test_the_docs_name_every_system_package_that_make_installs():
    script = (ROOT / "scripts/system-libraries").read_text()
    packages = set(re.search(r'^PACKAGES="([^"]+)"', script, re.MULTILINE).group(1).split())
    assert packages == set(EVERYTHING.split())
    installation = (ROOT / "docs/installation.md").read_text()
    assert all(f"`{package}`" in installation for package in packages)
    deployment = (ROOT / "docs/deployment.md").read_text()
    production = set(re.search(r"^sudo apt-get install (.+)$", deployment, re.MULTILINE).group(1).split())
    assert production == packages - {"gettext"}  # gettext serves development only
