"""Every string we write is translatable, and the zh-Hans catalogue translates all of them."""

import shutil
import subprocess
import sys
from pathlib import Path

from django.utils import translation

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["incubator", "cms", "tenders", "subsidies", "templates", "locale", "manage.py"]
CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")

needs_gettext = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="gettext is not installed (apt-get install gettext)"
)


@needs_gettext
def test_zh_hans_catalogue_is_complete_and_current(tmp_path):
    """Extract strings afresh from a copy of the sources: none may be untranslated or fuzzy."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "incubator.settings.test", "PATH": "/usr/bin:/bin"},
    )
    catalogue = tmp_path / CATALOGUE
    for flag in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            ["msgattrib", flag, "--no-wrap", str(catalogue)],
            check=True,
            capture_output=True,
            text=True,
        )
        assert result.stdout.strip() == "", f"msgattrib {flag} found:\n{result.stdout}"


def test_compiled_catalogue_is_loaded():
    with translation.override("zh-hans"):
        assert translation.gettext("Skip to main content") == "跳到主要内容"
