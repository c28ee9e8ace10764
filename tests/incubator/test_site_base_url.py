"""Letters' verification links and QR codes point at the site's public address
(SITE_BASE_URL), and `make run HOST=…` sets that address to the host it serves on."""

import os
import shutil
import subprocess
from pathlib import Path

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import pytest

from incubator.kernel.services.letters import _qr_data_uri, letter_html
from tests.factories import OrganisationFactory, issue_letter

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@override_settings(SITE_BASE_URL="https://mzj.taicang.example.gov.cn/")
def test_the_verification_link_and_qr_code_use_the_site_base_url():
    letter = issue_letter(OrganisationFactory())
    with translation.override(letter.language):
        path = reverse("letter_verify", args=[letter.verification_code])
    expected = "https://mzj.taicang.example.gov.cn" + path
    html = letter_html(letter)
    assert expected in html
    assert _qr_data_uri(expected) in html
    assert "testserver" not in html and "127.0.0.1" not in html


def _run_line_environment(*, host: str, environment: dict) -> str:
    """What SITE_BASE_URL the runserver line of `make run HOST=host` sees."""
    printed = subprocess.run(
        ["make", "-n", "run", f"HOST={host}", "PY=printenv SITE_BASE_URL; :"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "SITE_BASE_URL"},
    ).stdout
    line = next(line for line in printed.splitlines() if "runserver" in line)
    return subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, check=True, env=environment
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_sets_the_site_base_url_to_its_host_unless_set():
    path = {"PATH": os.environ["PATH"]}
    assert _run_line_environment(host="192.168.1.20:8000", environment=path) == (
        "http://192.168.1.20:8000"
    )
    chosen = {**path, "SITE_BASE_URL": "https://incubator.example.gov.cn"}
    assert _run_line_environment(host="0.0.0.0:8000", environment=chosen) == (
        "https://incubator.example.gov.cn"
    )
