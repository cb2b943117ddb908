"""The W3C Nu HTML checker (vnu.jar from the vnu-jar npm package, run on Debian's Java).
`make e2e` installs it into var/vnu; one run of the checker reads every page a test collected."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU = Path(os.environ.get("SABOR_VNU_JAR",
                         ROOT / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
JAVA = os.environ.get("SABOR_JAVA", "/usr/bin/java")


def html_errors(documents: dict[str, str]) -> list[str]:
    """Every error the checker finds in `documents` (name → HTML), as "name:line: message"."""
    if not VNU.exists() or not Path(JAVA).exists():
        raise AssertionError(f"The HTML checker needs {VNU} and {JAVA}: run `make e2e`, which installs it "
                             "(npm and Debian's default-jre-headless).")
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        result = subprocess.run([JAVA, "-Xss2m", "-jar", str(VNU), "--format", "json", "--errors-only",
                                 "--exit-zero-always", *sorted(str(p) for p in Path(folder).iterdir())],
                                capture_output=True, text=True, timeout=900, check=True)
    return [f"{names[Path(m['url']).name]}:{m.get('lastLine', '?')}: {m['message']} — "
            f"{m.get('extract', '').strip()[:120]}"
            for m in json.loads(result.stderr)["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]
