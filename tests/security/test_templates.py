"""Guards on the templates themselves: escaping is turned off only in plain-text emails, and
``|safe`` only on text we write ourselves. A new exception must be argued here."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Where |safe is allowed, and why: help texts are ours (Django's password rules are HTML);
# the QR code is an SVG we draw from a provisioning URI we build.
SAFE_ALLOWED = {
    "includes/form.html": "field.help_text|safe",
    "incubator/accounts/two_factor_set_up.html": "qr|safe",
}


def _templates():
    return sorted(path for path in TEMPLATES.rglob("*") if path.is_file())


def test_escaping_is_turned_off_only_in_plain_text_templates():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in _templates()
        if "autoescape off" in path.read_text(encoding="utf-8") and path.suffix != ".txt"
    ]
    assert not offenders


def test_safe_is_used_only_where_argued():
    found = {}
    for path in _templates():
        for match in re.finditer(r"[\w.]+\s*\|\s*safe\b", path.read_text(encoding="utf-8")):
            found.setdefault(str(path.relative_to(TEMPLATES)), set()).add(match.group())
    unexpected = {name: uses for name, uses in found.items() if uses != {SAFE_ALLOWED.get(name)}}
    assert not unexpected, f"|safe outside the allowed places: {unexpected}"


def test_emails_are_sent_as_plain_text_only():
    """Email bodies are .txt templates: no HTML part a mail client could run."""
    emails = [path for path in _templates() if "/email/" in str(path)]
    assert emails
    assert all(path.suffix == ".txt" for path in emails), [
        str(path) for path in emails if path.suffix != ".txt"
    ]


def test_no_code_of_ours_marks_text_safe():
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for app in ("incubator", "cms", "tenders", "subsidies")
        for path in (root / app).rglob("*.py")
        if re.search(r"\bmark_safe\b|\bSafeString\b", path.read_text(encoding="utf-8"))
    ]
    assert not offenders
