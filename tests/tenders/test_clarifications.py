from datetime import timedelta

from django.urls import reverse

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import TenderClarification
from tenders.services.clarifications import clarification_answer, clarification_ask
from tests.factories import bureau_officer, member_of


def test_a_member_asks_from_the_tender_page_and_the_answer_is_public_without_names(
    client, open_tender, organisation, org_admin
):
    member = member_of(organisation, "member", first_name="小明", last_name="李")
    client.force_login(member)
    page = client.get(open_tender.url).content.decode()
    assert reverse("tenders_portal:ask", args=[open_tender.pk]) in page
    response = client.post(
        reverse("tenders_portal:ask", args=[open_tender.pk]), {"question": "是否需要资质证明？"}
    )
    assert response.status_code == 302
    question = TenderClarification.objects.get()
    assert question.asked_by == member
    officer = bureau_officer()
    client.force_login(officer)
    response = client.post(
        reverse("tenders_admin:answer", args=[question.pk]), {"answer": "需要民非登记证书。"}
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(open_tender.url).content.decode()
    assert "是否需要资质证明？" in html and "需要民非登记证书。" in html
    assert organisation.name not in html and "小明" not in html


def test_unanswered_questions_are_not_public(client, open_tender, organisation, org_admin):
    clarification_ask(
        tender=open_tender, organisation=organisation, question="秘密问题", by=org_admin
    )
    assert "秘密问题" not in client.get(open_tender.url).content.decode()


def test_questions_close_at_the_cut_off(open_tender, organisation, org_admin):
    cutoff = open_tender.deadline - timedelta(hours=open_tender.clarification_cutoff_hours)
    clarification_ask(
        tender=open_tender,
        organisation=organisation,
        question="早",
        by=org_admin,
        now=cutoff - timedelta(seconds=1),
    )
    with pytest.raises(ServiceError) as error:
        clarification_ask(
            tender=open_tender, organisation=organisation, question="晚", by=org_admin, now=cutoff
        )
    assert error.value.code == "closed"


def test_a_question_is_answered_once(open_tender, organisation, org_admin):
    question = clarification_ask(
        tender=open_tender, organisation=organisation, question="问", by=org_admin
    )
    officer = bureau_officer()
    clarification_answer(clarification=question, answer="答", by=officer)
    with pytest.raises(ServiceError):
        clarification_answer(clarification=question, answer="再答", by=officer)
