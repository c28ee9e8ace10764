"""Letters print what users typed as text: markup in an organisation's name, a staff line or
an award's conditions comes out literally in the PDF, never interpreted (no vanished tags, no
image fetched). The text is read back with pdftotext."""

import shutil
import subprocess
from decimal import Decimal

import pytest

from incubator.models import Letter
from subsidies.services import subsidy_application_approve
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    issue_letter,
    letterhead_settings,
    recommended_application,
    scheme_factory,
    staff_line,
)
from tests.security.hostile import PAYLOAD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

DETAILS = {
    "admission": {
        "hub_name": PAYLOAD,
        "start_date": PAYLOAD,
        "planned_end_date": "2027年11月30日",
    },
    "tender_award": {
        "tender_title": PAYLOAD,
        "tender_reference": "TCMZ-2026-001",
        "contract_period": "2026-06-01 – 2027-05-31",
    },
    "tender_regret": {
        "tender_title": PAYLOAD,
        "tender_reference": "TCMZ-2026-001",
        "contract_period": "2026-06-01 – 2027-05-31",
    },
    "contract_amendment": {
        "tender_title": PAYLOAD,
        "tender_reference": "TCMZ-2026-001",
        "commissioning_body": "太仓市民政局",
        "amendment_number": 1,
        "reason": PAYLOAD,
        "signed_on": "2026-06-01",
        "value_before": "¥200,000.00",
        "value_change": "¥10,000.00",
        "direction": "up",
        "value_after": "¥210,000.00",
        "original_value": "¥200,000.00",
        "ends_on": "",
    },
    "contract_acceptance": {
        "tender_title": PAYLOAD,
        "tender_reference": "TCMZ-2026-001",
        "commissioning_body": "太仓市民政局",
        "signed_on": "2026-06-01",
        "acceptance_number": 1,
        "acceptance_kind": "中期验收",
        "held_on": "2026-09-01",
        "period_starts_on": "2026-06-01",
        "period_ends_on": "2026-08-31",
        "summary": "",
        "items": [{"standard": "服务时长", "result": "达标", "finding": "台账一致。"}],
        "participants_named": ["张秀英"],
        "participants_unnamed": 1,
        "participant_count": 2,
        "conclusion": "合格",
    },
    # The settlement letter prints the provider, its sites and the payment's reference as typed.
    "voucher_settlement": {
        "provider_name": PAYLOAD,
        "claim_month": "2026年11月",
        "service_count": 5,
        "sample_size": 3,
        "paid_on": "2026年12月5日",
        "payment_reference": PAYLOAD,
        "claim_sites": [{"site_name": PAYLOAD, "site_count": 5, "site_amount": "100.00"}],
        "amount_figures": "100.00",
        "amount_capital": "壹佰元整",
    },
}


def _squeezed(text: str) -> str:
    # pdftotext breaks long lines; compare without whitespace.
    return "".join(text.split())


def _pdf_text(letter: Letter) -> str:
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.READY, letter.render_error
    return subprocess.run(
        ["pdftotext", letter.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_markup_in_a_letter_is_printed_literally(kind, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name=PAYLOAD)
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue_letter(organisation, kind=kind, title=PAYLOAD, details=DETAILS[kind])
    text = _squeezed(_pdf_text(letter))
    # Name, title and details: each printed as typed, so the payload appears at least thrice;
    # tender letters carry a fixed title (中标通知书, 未中标通知书) and name the project in
    # the text.
    fixed_titles = ("tender_award", "tender_regret", "contract_amendment", "contract_acceptance")
    expected = 2 if kind in fixed_titles else 3
    assert text.count(_squeezed(PAYLOAD)) >= expected, text


def test_markup_in_staff_lines_and_conditions_is_printed_literally_in_the_award_letter(
    django_capture_on_commit_callbacks,
):
    letterhead_settings()
    organisation = OrganisationFactory(name="太仓市颐康居家养老服务中心")
    line = staff_line(name=PAYLOAD, title=PAYLOAD)
    application = recommended_application(organisation, scheme_factory(), lines=[line])
    with django_capture_on_commit_callbacks(execute=True):
        application = subsidy_application_approve(
            application=application,
            approved_amount=Decimal("1000.00"),
            conditions=PAYLOAD,
            by=bureau_officer(),
        )
    text = _squeezed(_pdf_text(application.award_letter))
    assert text.count(_squeezed(PAYLOAD)) == 3, text
