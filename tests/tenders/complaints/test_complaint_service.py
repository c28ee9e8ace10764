"""Filing a complaint (due date on the working-day calendar, refusals), answering it (the
provider; the bureau only once it is late; once), rating the answer (once, 1 to 5, only
after an answer), the database's own guard, and erasing after the retention period."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import Answerer, Complaint, ComplaintState
from tenders.services.complaints import (
    complaint_answer,
    complaint_by_code,
    complaint_rate,
    complaints_anonymise,
)
from tests.tenders.complaints.conftest import at

pytestmark = pytest.mark.django_db


def test_a_complaint_is_due_five_working_days_after_the_day_it_is_filed(file):
    # Filed on Friday 4 December 2026: answered by Friday 11 December.
    complaint = file(now=at(2026, 12, 4, 22))
    assert complaint.answer_due_on == date(2026, 12, 11)
    assert len(complaint.tracking_code) == 8 and complaint.display_code[4] == "-"
    assert complaint.state(date(2026, 12, 11)) == ComplaintState.WAITING
    assert complaint.state(date(2026, 12, 12)) == ComplaintState.ESCALATED


def test_the_due_date_follows_the_setting(file, settings):
    settings.COMPLAINT_ANSWER_WORKING_DAYS = 2
    assert file(now=at(2026, 12, 4)).answer_due_on == date(2026, 12, 8)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"category": "weather"}, "bad_category"),
        ({"description": "   "}, "description_required"),
        ({"description": "太长" * 1001}, "too_long"),
        ({"contact": "1" * 101}, "too_long"),
        ({"respondent": "nobody"}, "bad_respondent"),
    ],
)
def test_a_bad_complaint_is_refused_and_nothing_stored(file, fields, code):
    with pytest.raises(ServiceError) as refused:
        file(**fields)
    assert refused.value.code == code
    assert not Complaint.objects.exists()


def test_a_site_not_taking_feedback_takes_no_complaint(file, site):
    site.feedback_open = False
    site.save()
    with pytest.raises(ServiceError) as refused:
        file()
    assert refused.value.code == "closed"


def test_the_code_is_found_as_typed_in_any_case_with_or_without_the_hyphen(file):
    complaint = file()
    assert complaint_by_code(complaint.display_code.lower()) == complaint
    assert complaint_by_code(f" {complaint.display_code} ") == complaint
    assert complaint_by_code("zzzz-zzzz") is None and complaint_by_code("") is None


def test_the_provider_answers_once_and_it_is_audited(file, provider):
    complaint = complaint_answer(
        complaint=file(), answer="已更换保温餐箱，明天起送餐前测量温度。", by=provider
    )
    assert complaint.answered_as == Answerer.PROVIDER and complaint.answered_by == provider
    assert complaint.answered_on_time() is True
    assert ModelLogEntry.objects.filter(
        action="tenders.complaint.answered", object_id=str(complaint.pk)
    ).exists()
    with pytest.raises(ServiceError) as refused:
        complaint_answer(complaint=complaint, answer="再答一次", by=provider)
    assert refused.value.code == "answered"


def test_an_empty_answer_is_refused(file, provider):
    with pytest.raises(ServiceError) as refused:
        complaint_answer(complaint=file(), answer="  ", by=provider)
    assert refused.value.code == "answer_required"


def test_others_may_not_answer(file, other_member, hub_manager, other_manager):
    complaint = file()
    for user in (other_member, hub_manager, other_manager, None):
        with pytest.raises(ServiceError) as refused:
            complaint_answer(complaint=complaint, answer="不是我们的。", by=user)
        assert refused.value.code == "not_allowed"
    complaint.refresh_from_db()
    assert complaint.answered_at is None


def test_the_bureau_answers_only_once_the_complaint_is_late(file, officer):
    complaint = file(now=timezone.now() - timedelta(days=30))
    on_time = file()
    with pytest.raises(ServiceError) as refused:
        complaint_answer(complaint=on_time, answer="局里先答。", by=officer)
    assert refused.value.code == "not_allowed"
    answered = complaint_answer(complaint=complaint, answer="民政局已约谈运营方。", by=officer)
    assert answered.answered_as == Answerer.BUREAU
    assert answered.answered_on_time() is False


def test_the_provider_may_still_answer_late(file, provider):
    complaint = file(now=timezone.now() - timedelta(days=30))
    answered = complaint_answer(complaint=complaint, answer="抱歉回复晚了。", by=provider)
    assert answered.answered_on_time() is False


def test_the_answer_is_rated_once_from_one_to_five(file, provider):
    complaint = file()
    with pytest.raises(ServiceError) as refused:
        complaint_rate(complaint=complaint, rating=4)
    assert refused.value.code == "not_answered"
    complaint_answer(complaint=complaint, answer="已处理。", by=provider)
    for bad in (0, 6, "5", None):
        with pytest.raises(ServiceError) as refused:
            complaint_rate(complaint=complaint, rating=bad)
        assert refused.value.code == "bad_rating"
    rated = complaint_rate(complaint=complaint, rating=4)
    assert rated.rating == 4 and rated.state() == ComplaintState.RATED
    with pytest.raises(ServiceError) as refused:
        complaint_rate(complaint=complaint, rating=1)
    assert refused.value.code == "rated"
    assert Complaint.objects.get().rating == 4


def test_the_database_refuses_a_rating_without_an_answer(file):
    complaint = file()
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(rating=3)


def test_what_residents_wrote_is_erased_after_the_retention_period(file, provider, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    old = file(now=timezone.now() - timedelta(days=31), contact="13912345678")
    complaint_answer(complaint=old, answer="已处理。", by=provider)
    complaint_rate(complaint=old, rating=5)
    recent = file(contact="13800000000")
    assert complaints_anonymise() == 1
    assert complaints_anonymise() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.description, old.contact, old.answer) == ("", "", "")
    assert old.rating == 5 and old.category == "meals" and old.anonymised_at is not None
    assert recent.contact == "13800000000" and recent.description
