"""Oversized and mis-typed uploads are refused with a clear message and the rest of the form
kept; hostile file names never choose where a file is stored or what a download serves."""

import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from incubator.models import MilestoneEvidence, OrganisationDocument
from subsidies.models import SubsidyApplication
from tenders.models import TenderBid
from tests.factories import milestone_for, tender_page
from tests.permissions.world import build_world
from tests.security.hostile import PDF

pytestmark = pytest.mark.django_db

KEPT = "本段文字必须保留"  # typed beside the bad file; the refused form must show it again


def _bad_files() -> list[tuple[str, SimpleUploadedFile, str]]:
    """(label, file, words the refusal must contain) for every kind of bad upload."""
    limit = settings.PRIVATE_UPLOAD_MAX_BYTES
    return [
        ("limit+1", SimpleUploadedFile("big.pdf", PDF + b"0" * (limit + 1 - len(PDF))), "MB"),
        ("exe as pdf", SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\x00" * 60), ".pdf"),
        ("pdf as exe", SimpleUploadedFile("report.exe", PDF), "pdf, docx"),
        (
            "html as png",
            SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>"),
            ".png",
        ),
        ("zip as docx", SimpleUploadedFile("plan.docx", _zip({"a.txt": b"x"})), ".docx"),
        ("empty", SimpleUploadedFile("empty.pdf", b""), ""),
    ]


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def world():
    return build_world()


def _forms(world):
    """(url, data with the text typed, file field, who posts, the model that must stay
    unchanged) of every portal form taking private files."""
    milestone = milestone_for(world.objects["organisation"])
    tender = tender_page()
    line = {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-name": KEPT,
        "lines-0-title": "社工",
        "lines-0-qualification": "none",
        "lines-0-employment_started_on": "2025-06-01",
        "lines-0-monthly_salary": "6000",
        "lines-0-months": "12",
    }
    return {
        "document": (reverse("portal:documents"), {"title": KEPT, "kind": "other"}, "file"),
        "evidence": (reverse("portal:milestone", args=[milestone.pk]), {"note": KEPT}, "files"),
        "bid": (
            reverse("tenders_portal:bid", args=[tender.pk]),
            {"method_statement": KEPT, "price": "1000"},
            "attachments",
        ),
        "subsidy": (
            reverse("subsidies:apply", args=[world.objects["open_scheme"].pk]),
            line,
            "payroll",
        ),
    }


def _counts():
    from subsidies.models import SubsidyAttachment

    return (
        OrganisationDocument.objects.count(),
        MilestoneEvidence.objects.count(),
        TenderBid.objects.count(),
        SubsidyAttachment.objects.count(),
    )


@pytest.mark.parametrize("form", ["document", "evidence", "bid", "subsidy"])
def test_bad_uploads_are_refused_with_a_message_and_the_form_kept(client, world, form):
    url, data, field = _forms(world)[form]
    client.force_login(world.users["org_a_admin"])
    before = _counts()
    for label, upload, words in _bad_files():
        response = client.post(url, {**data, field: upload})
        assert response.status_code == 200, f"{label}: answered {response.status_code}"
        html = response.content.decode()
        assert KEPT in html, f"{label}: the text typed was lost"
        errors = " ".join(
            str(error)
            for key in ("form", "attachments_form")
            if key in response.context and response.context[key] is not None
            for error in response.context[key].errors.get(field, [])
        )
        assert errors, f"{label}: no error on {field}"
        assert words in errors, f"{label}: unclear message {errors!r}"
        assert _counts() == before, f"{label}: something was stored"


HOSTILE_NAMES = [
    "../../etc/passwd.pdf",
    "..\\..\\windows\\x.pdf",
    "/etc/passwd.pdf",
    "C:\\Windows\\system32\\x.pdf",
    "a\x00b.pdf",
    "%2e%2e%2fx.pdf",
    "x" * 400 + ".pdf",
    "résumé\u202egnp.pdf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_names_are_stored_under_our_name_inside_private_storage(client, world, name):
    milestone = milestone_for(world.objects["organisation"])
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("portal:milestone", args=[milestone.pk]),
        {"note": "", "files": SimpleUploadedFile(name, PDF)},
    )
    assert response.status_code == 302
    evidence = milestone.evidence.get()
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    stored = Path(evidence.file.path).resolve()
    assert stored.is_relative_to(root)
    assert stored.read_bytes() == PDF
    # Our name: <area>/<year>/<month>/<32 hex>.pdf, nothing of the uploader's.
    assert re.fullmatch(r"[a-z-]+/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", evidence.file.name)
    assert len(evidence.original_name) <= 255
    assert "/" not in evidence.original_name and "\\" not in evidence.original_name
    download = client.get(reverse("files:milestone_evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    filename = download["Content-Disposition"].split("filename", 1)[1]
    for bad in ("/", "\\", "..", "\x00", "\n", "\r"):
        assert bad not in filename, (bad, filename)


def test_downloads_serve_only_the_stored_file_of_the_object_named(client, world):
    """A download URL takes an id, never a path: other files, or paths, are 404."""
    client.force_login(world.users["org_a_admin"])
    url = reverse("files:organisation_document", args=[world.objects["document"].pk])
    assert client.get(url).status_code == 200
    base = url.rstrip("/").rsplit("/", 1)[0]
    for forged in (
        f"{url}../../../etc/passwd",
        f"{base}/..%2f..%2fetc%2fpasswd/",
        f"{base}/{world.objects['document'].pk}%00/",
        f"{base}/-1/",
        f"{base}/99999999999999999999999/",
        f"{base}/{world.objects['letter'].pk + 1000}/",
    ):
        response = client.get(forged)
        assert response.status_code == 404, f"{forged} answered {response.status_code}"


MARKUP_NAME = "<img src=x onerror=alert(1)>.pdf"


def test_markup_in_a_file_name_is_escaped_wherever_the_name_shows(client, world):
    from django.utils.html import escape

    milestone = milestone_for(world.objects["organisation"])
    tender = tender_page()
    client.force_login(world.users["org_a_admin"])
    url = reverse("portal:milestone", args=[milestone.pk])
    assert client.post(url, {"files": SimpleUploadedFile(MARKUP_NAME, PDF)}).status_code == 302
    bid_url = reverse("tenders_portal:bid", args=[tender.pk])
    response = client.post(
        bid_url,
        {"price": "1000", "attachments": SimpleUploadedFile(MARKUP_NAME, PDF)},
    )
    assert response.status_code == 302
    scheme = world.objects["open_scheme"]
    data = {**_forms(world)["subsidy"][1], "payroll": SimpleUploadedFile(MARKUP_NAME, PDF)}
    data["action"] = "submit"
    assert client.post(reverse("subsidies:apply", args=[scheme.pk]), data).status_code == 302
    application = SubsidyApplication.objects.get(scheme=scheme)
    pages = {
        "portal milestone": url,
        "portal bid": bid_url,
        "portal subsidy": reverse("subsidies:detail", args=[application.pk]),
    }
    shown = {name: client.get(address).content.decode() for name, address in pages.items()}
    client.force_login(world.users["hub_a_manager"])
    shown["admin milestone"] = client.get(
        reverse("milestones:inspect", args=[milestone.pk])
    ).content.decode()
    shown["admin subsidy"] = client.get(
        reverse("subsidy_applications:inspect", args=[application.pk])
    ).content.decode()
    for name, html in shown.items():
        assert "<img src=x" not in html, f"raw file name on the {name} page"
        assert escape(MARKUP_NAME) in html, f"the {name} page does not show the file name"
