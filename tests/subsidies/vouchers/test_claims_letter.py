"""The settlement letter renders to a PDF (WeasyPrint, the real CJK font): the provider, the
month, each site's services and amount, and the amount in figures and Chinese capitals."""

import shutil
import subprocess

from django.utils import timezone

import pytest

from incubator.models import Letter
from subsidies.services.claims import (
    claim_approve,
    claim_draw_sample,
    claim_pay,
    claim_sample_check,
    claim_submit,
)
from tests.factories import bureau_officer
from tests.factories.claims import NOVEMBER, november_services, provider_admin
from tests.factories.letters import letterhead_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def test_the_settlement_letter_renders_as_a_pdf(
    scheme, contract, centre, staff, django_capture_on_commit_callbacks
):
    letterhead_settings()
    november_services(scheme, centre, staff, 5)
    officer = bureau_officer()
    claim = claim_submit(
        organisation=contract.organisation, month=NOVEMBER, by=provider_admin(contract)
    )
    claim = claim_draw_sample(claim=claim, by=officer)
    for item in claim.sample.all():
        claim_sample_check(item=item, outcome="confirmed", note="电话回访老人", by=officer)
    claim = claim_approve(claim=claim, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        claim_pay(
            claim=claim,
            paid_on=timezone.localdate(),
            payment_reference="TR20261205001",
            by=officer,
        )
    letter = Letter.objects.get(kind="voucher_settlement")
    assert letter.render_status == Letter.RenderStatus.READY, letter.render_error
    assert letter.file.read(5) == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", letter.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert "养老服务补贴结算通知书" in squeezed
    assert "2026年11月" in squeezed
    assert "城厢镇日间照料中心" in squeezed
    assert "人民币壹佰元整" in squeezed and "¥100.00" in squeezed
    assert "TR20261205001" in squeezed
