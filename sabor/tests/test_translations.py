"""Bulgarian is complete: every message in the source has a Bulgarian translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "bg" / "LC_MESSAGES" / "django.po"


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def test_every_bulgarian_entry_is_translated_and_not_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_translations_keep_their_placeholders():
    catalogue = polib.pofile(str(CATALOGUE))
    for entry in catalogue.translated_entries():
        if "python-format" in entry.flags:
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            for translation in translations:
                for placeholder in ("%(field)s", "%(name)s", "%(errors)s", "%(counter)s"):
                    if placeholder in entry.msgid:
                        assert placeholder in translation, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_the_catalogue_covers_every_message_in_the_source(tmp_path):
    """Extracts the messages afresh from a copy of the source and checks each one
    has a Bulgarian translation, so a string added without translating it fails."""
    base = Path(settings.BASE_DIR)
    shutil.copytree(base / "sabor", tmp_path / "sabor", ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sabor.test_settings", "PYTHONPATH": str(tmp_path)}
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "bg", "-v0"], cwd=tmp_path, env=env,
                   check=True)
    fresh = polib.pofile(str(tmp_path / "locale" / "bg" / "LC_MESSAGES" / "django.po"))
    translated = {_key(entry) for entry in polib.pofile(str(CATALOGUE)).translated_entries()}
    missing = sorted(entry.msgid for entry in fresh if entry.msgid and _key(entry) not in translated)
    assert not missing, "messages without a Bulgarian translation (run `make messages`):\n" + "\n".join(missing)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_the_catalogue_is_valid_for_gettext_tools():
    result = subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, str(CATALOGUE)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
