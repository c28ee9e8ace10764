"""Taking residents' answers: the rules, one answer per phone, site and day (China Standard
Time), masking personal details before publication, moderation (audited), and erasing
comments when the retention period ends."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import CommentState, FeedbackResponse
from tenders.services.feedback import (
    device_mark,
    feedback_anonymise,
    feedback_moderate,
    feedback_submit,
    mask_personal_details,
)
from tests.factories import member_of

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def test_an_answer_is_recorded_with_a_device_mark_never_the_token(site):
    answer = feedback_submit(site=site, rating=4, comment=" 饭菜可口。 ", device_token="tok-1")
    assert (answer.rating, answer.comment) == (4, "饭菜可口。")
    assert answer.comment_state == CommentState.PENDING and answer.respondent == "resident"
    assert answer.device == device_mark("tok-1") and "tok-1" not in answer.device
    silent = feedback_submit(site=site, rating=5, device_token="tok-2")
    assert silent.comment_state == CommentState.NONE


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"rating": 0}, "bad_rating"),
        ({"rating": 6}, "bad_rating"),
        ({"rating": 3, "respondent": "stranger"}, "bad_respondent"),
        ({"rating": 3, "comment": "长" * 501}, "comment_too_long"),
    ],
)
def test_bad_answers_are_refused(site, fields, code):
    with pytest.raises(ServiceError) as error:
        feedback_submit(site=site, device_token="tok", **fields)
    assert error.value.code == code
    assert not FeedbackResponse.objects.exists()


def test_a_closed_site_takes_no_answer(site):
    site.feedback_open = False
    site.save()
    with pytest.raises(ServiceError) as error:
        feedback_submit(site=site, rating=5, device_token="tok")
    assert error.value.code == "feedback_closed"


def test_one_phone_answers_once_a_day_in_china_standard_time(site, contract):
    # 23:30 on 3 March in Beijing, then 00:10 on 4 March: two days there (one day in UTC).
    evening = datetime(2026, 3, 3, 23, 30, tzinfo=CST)
    feedback_submit(site=site, rating=5, device_token="phone", now=evening)
    with pytest.raises(ServiceError) as error:
        feedback_submit(
            site=site, rating=1, device_token="phone", now=evening + timedelta(minutes=20)
        )
    assert error.value.code == "already_answered"
    feedback_submit(site=site, rating=4, device_token="phone", now=evening + timedelta(minutes=40))
    feedback_submit(site=site, rating=4, device_token="other phone", now=evening)
    from tests.factories.sites import service_site

    elsewhere = service_site(contract, name="城厢镇助餐点")
    feedback_submit(site=elsewhere, rating=3, device_token="phone", now=evening)
    assert FeedbackResponse.objects.filter(site=site).count() == 3


def test_personal_details_are_masked():
    text = (
        "护理员态度好，我儿子电话13812345678，座机0512-53521234，"
        "身份证320585195001011234，邮箱 wang.li@example.com。"
    )
    assert mask_personal_details(text) == (
        "护理员态度好，我儿子电话[手机号]，座机[电话]，身份证[身份证号]，邮箱 [邮箱]。"
    )
    assert mask_personal_details("138 1234 5678") == "[手机号]"
    # Ordinary numbers stay: a count, a year, an amount.
    assert mask_personal_details("每周3次，2026年，收费12元") == "每周3次，2026年，收费12元"


def test_moderation_publishes_masked_or_hides_with_a_reason_audited(site, officer):
    answer = feedback_submit(
        site=site, rating=2, comment="送餐晚了，请打13812345678。", device_token="t"
    )
    published = feedback_moderate(response=answer, publish=True, by=officer)
    assert published.comment_state == CommentState.PUBLISHED
    assert published.published_comment == "送餐晚了，请打[手机号]。"
    with pytest.raises(ServiceError) as error:
        feedback_moderate(response=answer, publish=False, reason=" ", by=officer)
    assert error.value.code == "reason_required"
    hidden = feedback_moderate(response=answer, publish=False, reason="辱骂工作人员", by=officer)
    assert hidden.comment_state == CommentState.HIDDEN and hidden.published_comment == ""
    actions = ModelLogEntry.objects.filter(
        object_id=str(answer.pk), action__startswith="tenders.feedback."
    ).values_list("action", flat=True)
    assert sorted(actions) == ["tenders.feedback.hidden", "tenders.feedback.published"]


def test_only_bureau_officers_moderate(site, contract):
    answer = feedback_submit(site=site, rating=2, comment="一般。", device_token="t")
    provider = member_of(contract.organisation, "admin")
    with pytest.raises(ServiceError) as error:
        feedback_moderate(response=answer, publish=True, by=provider)
    assert error.value.code == "not_allowed"
    answer.refresh_from_db()
    assert answer.comment_state == CommentState.PENDING


def test_comments_and_device_marks_are_erased_after_the_retention_period(site, officer):
    now = datetime(2027, 6, 1, 12, tzinfo=CST)
    old = feedback_submit(
        site=site,
        rating=2,
        comment="太吵了。",
        device_token="a",
        now=now - timedelta(days=365, hours=1),
    )
    feedback_moderate(response=old, publish=False, reason="含他人姓名", by=officer)
    recent = feedback_submit(
        site=site, rating=5, comment="很好。", device_token="b", now=now - timedelta(days=10)
    )
    assert feedback_anonymise(now=now) == 1
    assert feedback_anonymise(now=now) == 0  # run again: nothing more
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.device, old.hidden_reason, old.rating) == ("", "", "", 2)
    assert old.comment_state == CommentState.NONE and old.anonymised_at == now
    assert recent.comment == "很好。" and recent.device
