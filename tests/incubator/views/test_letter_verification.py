"""Anyone can check a letter by its code: genuine and valid, or revoked; nothing else leaks."""

from decimal import Decimal

import pytest

from incubator.kernel.services.letters import letter_reissue
from incubator.models import Letter
from tests.factories import OrganisationFactory, bureau_officer, issue_letter, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter():
    organisation = OrganisationFactory(name="太仓市颐康居家养老服务中心")
    return issue_letter(
        organisation, kind="subsidy_award", amount=Decimal("12300"), title="岗位补贴核定通知"
    )


def test_a_valid_letter_shows_its_facts(client, letter):
    response = client.get(f"/zh-hans/letters/verify/{letter.verification_code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "该函件真实有效" in html
    for fact in [letter.reference, "太仓市颐康居家养老服务中心", "¥12,300.00", "壹万贰仟叁佰元整"]:
        assert fact in html


def test_a_revoked_letter_says_so_and_its_replacement_is_valid(client, letter):
    replacement = letter_reissue(letter=letter, reason="金额更正", by=bureau_officer())
    old = client.get(f"/en/letters/verify/{letter.verification_code}/").content.decode()
    assert "was revoked on" in old
    assert replacement.reference in old
    new = client.get(f"/en/letters/verify/{replacement.verification_code}/").content.decode()
    assert "genuine and valid" in new


def test_an_unknown_code_is_plainly_not_found(client, letter):
    response = client.get("/en/letters/verify/not-a-real-code/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "No letter has this verification code" in html
    assert letter.reference not in html


def test_the_form_leads_to_the_letter(client, letter):
    response = client.get("/en/letters/verify/", {"code": f" {letter.verification_code} "})
    assert response.status_code == 302
    assert response["Location"] == f"/en/letters/verify/{letter.verification_code}/"
    assert "Verification code" in client.get("/en/letters/verify/").content.decode()


def test_the_portal_lists_the_organisations_letters_only(client, letter):
    other = issue_letter(OrganisationFactory(name="别的机构"))
    # Its PDF still with the worker (tests render at once: put it back to pending).
    Letter.objects.filter(pk=letter.pk).update(render_status="pending", file="", sha256="")
    client.force_login(member_of(letter.recipient, "member"))
    html = client.get("/en/portal/letters/").content.decode()
    assert letter.reference in html
    assert other.reference not in html
    assert "Being prepared" in html


def test_bureau_officer_revokes_and_reissues_from_the_back_office(client, letter):
    client.force_login(bureau_officer())
    inspect = client.get(f"/admin/letters/inspect/{letter.pk}/").content.decode()
    assert f"/admin/letters/reissue/{letter.pk}/" in inspect
    response = client.post(f"/admin/letters/reissue/{letter.pk}/", {"reason": "金额有误"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.revocation_reason == "金额有误"
    assert letter.replaced_by is not None


def test_reissuing_needs_a_reason(client, letter):
    client.force_login(bureau_officer())
    response = client.post(f"/admin/letters/reissue/{letter.pk}/", {"reason": ""})
    assert response.status_code == 200
    letter.refresh_from_db()
    assert letter.is_valid
