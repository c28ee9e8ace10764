"""The complaint form beside a site's feedback page (filed: the tracking code on screen; a bad
one: the error, in Chinese, with what was typed kept; the trap for scripts), following a
complaint with its code (any case; a wrong code says so), rating the answer once; the
provider's portal list and answer form; the bureau's list and its answer to a late one; the
reminders to the provider and, once late, to the bureau."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from incubator.incubation.reminders import send_reminders
from incubator.models import Notification
from tenders.models import Complaint
from tenders.services.complaints import complaint_answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_chinese():
    # Residents read the pages in Chinese: the addresses carry /zh-hans/.
    with translation.override("zh-hans"):
        yield


VALID = {
    "category": "meals",
    "description": "午饭送到时已经凉了，连续三天如此。",
    "respondent": "family",
    "contact": "",
    "website": "",
}


def test_the_feedback_page_leads_to_the_complaint_form(client, site):
    html = client.get(reverse("site_feedback", args=[site.code])).content.decode()
    assert reverse("site_complaint", args=[site.code]) in html


def test_a_resident_files_a_complaint_and_sees_the_tracking_code(client, site):
    url = reverse("site_complaint", args=[site.code])
    page = client.get(url).content.decode()
    assert site.name in page and "5个工作日" in page
    response = client.post(url, VALID)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    html = response.content.decode()
    assert complaint.display_code in html
    assert reverse("complaint_track", args=[complaint.tracking_code]) in html
    assert complaint.respondent == "family" and complaint.site == site


def test_a_bad_complaint_shows_the_error_and_keeps_what_was_typed(client, site):
    response = client.post(
        reverse("site_complaint", args=[site.code]),
        {**VALID, "category": "", "contact": "13912345678"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请说明投诉涉及哪方面" in html
    assert "午饭送到时已经凉了" in html and "13912345678" in html
    assert not Complaint.objects.exists()


def test_a_script_filling_the_trap_files_nothing(client, site):
    response = client.post(
        reverse("site_complaint", args=[site.code]), {**VALID, "website": "http://spam"}
    )
    assert response.status_code == 302
    assert not Complaint.objects.exists()


def test_a_resident_follows_the_complaint_and_rates_the_answer_once(client, file, provider):
    complaint = file()
    lookup = client.get(reverse("complaint_lookup"), {"code": complaint.display_code.lower()})
    track = reverse("complaint_track", args=[complaint.tracking_code])
    assert lookup.status_code == 302 and lookup.url == track
    html = client.get(track).content.decode()
    assert "等待答复" in html and "答复截止" in html
    complaint_answer(complaint=complaint, answer="已更换保温餐箱。", by=provider)
    html = client.get(track).content.decode()
    assert "已更换保温餐箱。" in html and "运营方已答复" in html
    assert "周秀兰" not in html  # the public page names no member of staff
    assert client.post(track, {"rating": "4"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.rating == 4
    again = client.post(track, {"rating": "1"})
    assert again.status_code == 400 and "已经评价过" in again.content.decode()
    complaint.refresh_from_db()
    assert complaint.rating == 4


def test_a_wrong_code_says_so_and_an_unknown_page_is_404(client):
    response = client.get(reverse("complaint_lookup"), {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert "没有与此编码对应的投诉" in response.content.decode()
    assert client.get(reverse("complaint_track", args=["zzzzzzzz"])).status_code == 404


def test_the_provider_lists_its_complaints_late_first_and_answers_one(client, file, provider):
    waiting = file()
    late = file(now=timezone.now() - timedelta(days=30), category="staff")
    client.force_login(provider)
    html = client.get(reverse("tenders_portal:complaints")).content.decode()
    assert html.index(late.display_code) < html.index(waiting.display_code)
    assert "已逾期并转交民政局" in html
    url = reverse("tenders_portal:complaint", args=[waiting.pk])
    empty = client.post(url, {"answer": "  "})
    assert empty.status_code == 400 and "请填写给居民的答复" in empty.content.decode()
    assert client.post(url, {"answer": "已更换保温餐箱。"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.answer == "已更换保温餐箱。" and waiting.answered_by == provider


def test_another_organisation_gets_404_on_a_complaint(client, file, other_member):
    complaint = file()
    client.force_login(other_member)
    url = reverse("tenders_portal:complaint", args=[complaint.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "不是我们的。"}).status_code == 404
    assert (
        complaint.display_code
        not in client.get(reverse("tenders_portal:complaints")).content.decode()
    )


def test_the_bureau_sees_late_complaints_first_and_answers_one(client, file, officer):
    waiting = file()
    late = file(now=timezone.now() - timedelta(days=30))
    client.force_login(officer)
    html = client.get(reverse("site_complaints:index")).content.decode()
    assert html.index(late.display_code) < html.index(waiting.display_code)
    assert reverse("site_complaints:inspect", args=[late.pk]) in html  # rows open the page
    page = client.get(reverse("site_complaints:inspect", args=[late.pk])).content.decode()
    assert reverse("site_complaints:answer", args=[late.pk]) in page
    assert "未按时答复" in page
    on_time = client.get(reverse("site_complaints:inspect", args=[waiting.pk])).content.decode()
    assert reverse("site_complaints:answer", args=[waiting.pk]) not in on_time
    response = client.post(
        reverse("site_complaints:answer", args=[late.pk]), {"answer": "民政局已约谈运营方。"}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.answered_as == "bureau"


def test_the_provider_is_reminded_before_the_due_day_and_the_bureau_once_late(
    file, provider, officer, contract
):
    from tests.factories import member_of

    admin = member_of(contract.organisation, "admin")
    late = file(now=timezone.now() - timedelta(days=30))
    soon = file()
    Complaint.objects.filter(pk=soon.pk).update(answer_due_on=timezone.localdate())
    send_reminders()
    send_reminders()  # once only

    def notes(user, name):
        return list(Notification.objects.filter(user=user, link_name=name))

    [due] = notes(admin, "tenders_portal:complaint")
    assert due.link_args == [soon.pk] and soon.display_code in due.title_zh
    [escalated] = notes(officer, "site_complaints:inspect")
    assert escalated.link_args == [late.pk] and "未按时答复" in escalated.title_zh
    complaint_answer(complaint=late, answer="已处理。", by=officer)
    escalated.refresh_from_db()
    assert escalated.done_at is not None
