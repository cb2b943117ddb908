"""The layers of docs/architecture.md hold (the contracts in pyproject.toml, run by `make lint`),
and a forbidden import breaks them: the contracts are not vacuous."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=root,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def copy_of_the_source(tmp_path):
    shutil.copytree(BASE / "sabor", tmp_path / "sabor", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(BASE / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_import(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = root / module.replace(".", "/") / "__init__.py"
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")


def test_the_source_keeps_every_contract():
    result = _lint_imports(BASE)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "message"), [
    ("sabor.planning.models", "from sabor.monitoring import models", "sabor.planning is not allowed to import "
                                                                        "sabor.monitoring"),
    ("sabor.core.models", "import sabor.participation.models", "sabor.core is not allowed to import "
                                                               "sabor.participation"),
    ("sabor.training.models", "from sabor.participation import models", "sabor.training is not allowed to import "
                                                                        "sabor.participation"),
    ("sabor.portal.views", "from sabor.participation.views import public", "Illegal imports of protected package "
                                                                          "sabor.participation.views"),
])
def test_a_forbidden_import_breaks_a_contract(copy_of_the_source, module, line, message):
    _add_import(copy_of_the_source, module, line)
    result = _lint_imports(copy_of_the_source)
    assert result.returncode != 0
    assert message in " ".join(result.stdout.split())
