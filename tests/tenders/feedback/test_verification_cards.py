"""One-time verification cards: issued in batches by officers, each code verifies one answer at
its own site once; a wrong or used code is refused with what was typed kept; the cards print
as PDF with a QR code that fills the code in."""

import subprocess

import pytest

from incubator.kernel.errors import ServiceError
from tenders.feedback_views import DEVICE_COOKIE
from tenders.models import FeedbackCode, FeedbackResponse
from tenders.services.feedback import feedback_codes_issue, feedback_submit
from tests.factories import member_of
from tests.factories.sites import service_site

pytestmark = pytest.mark.django_db


def test_officers_issue_batches_of_unique_codes(site, officer):
    assert feedback_codes_issue(site=site, count=30, by=officer) == 1
    assert feedback_codes_issue(site=site, count=5, by=officer) == 2
    codes = FeedbackCode.objects.filter(site=site)
    assert codes.count() == 35 and codes.filter(batch=2).count() == 5
    assert len(set(codes.values_list("code", flat=True))) == 35
    for bad in (0, 501):
        with pytest.raises(ServiceError) as error:
            feedback_codes_issue(site=site, count=bad, by=officer)
        assert error.value.code == "bad_count"


def test_the_provider_cannot_issue_codes(site, contract):
    with pytest.raises(ServiceError) as error:
        feedback_codes_issue(site=site, count=5, by=member_of(contract.organisation, "admin"))
    assert error.value.code == "not_allowed"
    assert not FeedbackCode.objects.exists()


def test_a_code_verifies_one_answer_at_its_own_site_once(site, contract, officer):
    feedback_codes_issue(site=site, count=2, by=officer)
    first, second = FeedbackCode.objects.order_by("pk")
    typed = f" {first.display.lower()} "  # as a resident may type it: spaces, any case
    answer = feedback_submit(site=site, rating=5, device_token="a", code=typed)
    assert answer.verified and answer.code == first
    first.refresh_from_db()
    assert first.used_at is not None
    with pytest.raises(ServiceError) as used:
        feedback_submit(site=site, rating=4, device_token="b", code=first.code)
    assert used.value.code == "bad_code"
    elsewhere = service_site(contract, name="城厢镇助餐点")
    with pytest.raises(ServiceError) as wrong_site:
        feedback_submit(site=elsewhere, rating=4, device_token="c", code=second.code)
    assert wrong_site.value.code == "bad_code"
    unverified = feedback_submit(site=site, rating=3, device_token="d")
    assert not unverified.verified and unverified.code is None
    assert FeedbackResponse.objects.filter(verified=True).count() == 1


def test_the_cards_qr_code_fills_the_code_and_a_bad_code_keeps_the_answer(client, site, officer):
    feedback_codes_issue(site=site, count=1, by=officer)
    card = FeedbackCode.objects.get()
    page = client.get(f"/zh-hans/feedback/{site.code}/?code={card.code}").content.decode()
    assert f'value="{card.code}"' in page and "卡片核验码" in page
    client.cookies[DEVICE_COOKIE] = "phone-1"
    refused = client.post(
        f"/zh-hans/feedback/{site.code}/",
        {"rating": "4", "comment": "很好。", "respondent": "resident", "code": "zzzz-zzzz"},
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "该核验码不适用于本站点" in text and "很好。" in text and "zzzz-zzzz" in text
    done = client.post(
        f"/zh-hans/feedback/{site.code}/",
        {"rating": "4", "respondent": "resident", "code": card.display},
    )
    assert done.status_code == 302
    assert FeedbackResponse.objects.get().verified


def test_the_cards_print_with_each_unused_code(client, site, officer, tmp_path):
    feedback_codes_issue(site=site, count=10, by=officer)
    used = FeedbackCode.objects.order_by("pk").first()
    feedback_submit(site=site, rating=5, device_token="a", code=used.code)
    client.force_login(officer)
    inspect = client.get(f"/admin/service_sites/inspect/{site.pk}/").content.decode()
    assert "打印未使用的卡片" in inspect
    response = client.get(f"/admin/service_sites/cards/{site.pk}/1/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "cards.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    unused = FeedbackCode.objects.filter(used_at__isnull=True)
    assert all(code.display in text for code in unused) and used.display not in text
    assert client.get(f"/admin/service_sites/cards/{site.pk}/9/").status_code == 404
