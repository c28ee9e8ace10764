"""The acceptance letter renders to a PDF (WeasyPrint, the real CJK font) with its table of
standards, results and findings, the named service users and the count of the others."""

import shutil
import subprocess

import pytest

from incubator.models import Letter
from tenders.services.acceptance import contract_acceptance_sign_off

from .acceptance_scene import findings, record, running

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


@pytest.fixture
def no_pdfs():
    """Letters render here (the package's fixture keeps them pending)."""


def test_the_acceptance_letter_renders_as_a_pdf(
    signed, officer, django_capture_on_commit_callbacks
):
    live = running(signed, officer)
    extra = [{"kpi": None, "standard": "消防设施", "result": "not_met", "finding": "灭火器过期。"}]
    acceptance = record(live, officer, items=findings(live, extra=extra))
    with django_capture_on_commit_callbacks(execute=True):
        contract_acceptance_sign_off(acceptance=acceptance, conclusion="passed", by=officer)
    letter = Letter.objects.get(kind="contract_acceptance")
    assert letter.render_status == Letter.RenderStatus.READY, letter.render_error
    assert letter.reference.startswith("太民购验〔")
    text = subprocess.run(
        ["pdftotext", letter.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert "服务验收通知书" in squeezed
    assert "消防设施" in squeezed and "灭火器过期。" in squeezed
    assert "张秀英、李桂兰" in squeezed
    assert "另有3名服务对象参与，未具名。" in squeezed
