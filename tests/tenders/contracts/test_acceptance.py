"""Acceptance (验收): recorded as a draft against every KPI and any other standard, numbered
1, 2, … per contract, the final one only once; signed off only with a conclusion, a written
finding and service users who took part (named or counted), which issues the acceptance
letter and tells the provider; then published. Bureau officers only; each step audited."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.services.letters import letter_html
from incubator.models import Letter, Notification
from tenders.models import ContractAcceptance
from tenders.services import acceptance as service
from tenders.services.acceptance import (
    contract_acceptance_publish,
    contract_acceptance_record,
    contract_acceptance_sign_off,
)
from tenders.services.contracts import contract_publish

from .acceptance_scene import findings, record, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(signed, officer):
    return running(signed, officer)


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as error:
        call(*args, **kwargs)
    assert error.value.code == code, error.value.message
    return error.value


def test_a_draft_is_recorded_with_a_finding_per_kpi_and_free_standards(live, officer):
    extra = [{"kpi": None, "standard": "消防设施", "result": "partly", "finding": "灭火器过期"}]
    acceptance = record(live, officer, items=findings(live, extra=extra))
    assert acceptance.number == 1 and not acceptance.is_signed_off
    items = list(acceptance.items.all())
    standards = ["服务时长", "服务人数", "满意度", "安全事故", "消防设施"]
    assert [item.standard for item in items] == standards
    assert items[-1].kpi is None and items[-1].result == "partly"
    assert acceptance.participant_names == ["张秀英", "李桂兰"]
    assert acceptance.participant_count == 5
    assert ModelLogEntry.objects.filter(
        object_id=str(live.pk), action="tenders.acceptance.record"
    ).exists()


def test_acceptances_are_numbered_per_contract_and_a_draft_can_be_changed(live, officer):
    first, second = record(live, officer), record(live, officer)
    assert (first.number, second.number) == (1, 2)
    changed = record(live, officer, acceptance=first, participants_named="", participants_unnamed=4)
    assert changed.pk == first.pk and changed.number == 1
    assert changed.participant_count == 4 and changed.items.count() == 4


def test_the_final_acceptance_comes_once(live, officer):
    record(live, officer, kind="final")
    error = _refused("final_twice", record, live, officer, kind="final")
    assert error.message == service.FINAL_TWICE
    assert ContractAcceptance.objects.filter(kind="final").count() == 1


def test_an_unsigned_contract_is_not_accepted(contract, officer):
    today = timezone.localdate()
    _refused(
        "not_signed",
        contract_acceptance_record,
        contract=contract,
        kind="interim",
        held_on=today,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on,
        items=[{"standard": "服务", "result": "met"}],
        by=officer,
    )


@pytest.mark.parametrize(
    ("code", "change"),
    [
        ("kind", lambda c: {"kind": "annual"}),
        ("period_reversed", lambda c: {"period_ends_on": c.starts_on - timedelta(days=1)}),
        ("period_outside", lambda c: {"period_starts_on": c.starts_on - timedelta(days=1)}),
        ("period_outside", lambda c: {"period_ends_on": c.ends_on + timedelta(days=1)}),
        ("held_in_future", lambda c: {"held_on": timezone.localdate() + timedelta(days=1)}),
        ("held_too_early", lambda c: {"held_on": c.starts_on - timedelta(days=1)}),
        ("unnamed", lambda c: {"participants_unnamed": -1}),
        ("conclusion", lambda c: {"conclusion": "excellent"}),
        ("items_required", lambda c: {"items": []}),
        ("kpi_missing", lambda c: {"items": findings(c)[1:]}),
        ("result_required", lambda c: {"items": [{**row, "result": ""} for row in findings(c)]}),
        (
            "standard_required",
            lambda c: {"items": [*findings(c), {"kpi": None, "standard": " ", "result": "met"}]},
        ),
        ("kpi_foreign", lambda c: {"items": [*findings(c), {"kpi": 999999, "result": "met"}]}),
    ],
)
def test_bad_input_is_refused_and_nothing_recorded(live, officer, code, change):
    _refused(code, record, live, officer, **change(live))
    assert not ContractAcceptance.objects.exists()


def test_a_signed_off_acceptance_cannot_be_changed_or_signed_again(live, officer):
    acceptance = contract_acceptance_sign_off(
        acceptance=record(live, officer), conclusion="passed", by=officer
    )
    _refused("signed_off", record, live, officer, acceptance=acceptance)
    _refused("signed_off", contract_acceptance_sign_off, acceptance=acceptance, by=officer)


def test_sign_off_needs_a_conclusion(live, officer):
    acceptance = record(live, officer)
    error = _refused("conclusion", contract_acceptance_sign_off, acceptance=acceptance, by=officer)
    assert error.message == service.CONCLUSION_REQUIRED
    acceptance.refresh_from_db()
    assert not acceptance.is_signed_off


def test_sign_off_needs_a_written_finding(live, officer):
    acceptance = record(live, officer, items=findings(live, finding=""), conclusion="passed")
    error = _refused("finding", contract_acceptance_sign_off, acceptance=acceptance, by=officer)
    assert error.message == service.FINDING_REQUIRED


def test_sign_off_needs_service_users_who_took_part(live, officer):
    acceptance = record(live, officer, participants_named="", participants_unnamed=0)
    error = _refused(
        "participants",
        contract_acceptance_sign_off,
        acceptance=acceptance,
        conclusion="passed",
        by=officer,
    )
    assert error.message == service.PARTICIPANTS_REQUIRED
    assert not Letter.objects.filter(kind="contract_acceptance").exists()


def test_counted_service_users_alone_are_enough(live, officer):
    acceptance = record(live, officer, participants_named="", participants_unnamed=2)
    acceptance = contract_acceptance_sign_off(
        acceptance=acceptance, conclusion="conditional", by=officer
    )
    assert acceptance.is_signed_off and acceptance.conclusion == "conditional"


def test_sign_off_issues_the_letter_and_tells_the_provider(live, officer, provider):
    Notification.objects.all().delete()
    acceptance = contract_acceptance_sign_off(
        acceptance=record(live, officer), conclusion="passed", by=officer
    )
    assert acceptance.signed_off_by == officer and acceptance.signed_off_at is not None
    letter = Letter.objects.get(kind="contract_acceptance")
    assert letter.recipient == live.organisation and letter.subject == acceptance
    assert letter.details["participants_named"] == ["张秀英", "李桂兰"]
    assert letter.details["participant_count"] == 5
    assert Notification.objects.filter(user=provider).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(live.pk), action="tenders.acceptance.sign_off"
    ).exists()


def test_the_letter_reads_as_a_notice_with_the_findings_and_participants(live, officer):
    extra = [{"kpi": None, "standard": "消防设施", "result": "not_met", "finding": "灭火器过期。"}]
    acceptance = record(live, officer, items=findings(live, extra=extra))
    contract_acceptance_sign_off(acceptance=acceptance, conclusion="conditional", by=officer)
    html = letter_html(Letter.objects.get(kind="contract_acceptance"))
    assert "<h1>服务验收通知书</h1>" in html
    assert "第四十五条" in html and "第1次验收（阶段性验收）" in html
    assert "消防设施" in html and "未达到" in html and "灭火器过期。" in html
    assert "张秀英、李桂兰" in html
    assert "另有3名服务对象参与，未具名。" in html
    assert "验收结论：基本合格。" in html
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in html


def test_publishing_needs_the_sign_off_and_the_published_contract(live, officer):
    acceptance = record(live, officer)
    _refused("not_signed_off", contract_acceptance_publish, acceptance=acceptance, by=officer)
    contract_acceptance_sign_off(acceptance=acceptance, conclusion="passed", by=officer)
    error = _refused(
        "contract_not_published", contract_acceptance_publish, acceptance=acceptance, by=officer
    )
    assert error.message == service.CONTRACT_NOT_PUBLISHED
    contract_publish(contract=live, by=officer)
    acceptance = contract_acceptance_publish(acceptance=acceptance, by=officer)
    assert acceptance.published_at is not None
    _refused("published", contract_acceptance_publish, acceptance=acceptance, by=officer)
    assert ModelLogEntry.objects.filter(
        object_id=str(live.pk), action="tenders.acceptance.publish"
    ).exists()


@pytest.mark.parametrize("who", ["hub_manager", "provider"])
def test_only_bureau_officers_record_sign_off_and_publish(request, live, officer, who):
    user = request.getfixturevalue(who)
    _refused("not_allowed", record, live, user)
    acceptance = record(live, officer)
    _refused(
        "not_allowed",
        contract_acceptance_sign_off,
        acceptance=acceptance,
        conclusion="passed",
        by=user,
    )
    contract_acceptance_sign_off(acceptance=acceptance, conclusion="passed", by=officer)
    _refused("not_allowed", contract_acceptance_publish, acceptance=acceptance, by=user)
