"""Complaints in the task lists: the provider's unanswered ones (late ones marked), a bureau
officer's late ones only; an answered complaint leaves both lists; one query per list."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.selectors import live_membership
from incubator.kernel.todo import BACK_OFFICE, PORTAL, TodoRequest
from tenders.services.complaints import complaint_answer
from tenders.todo.complaints import complaints_todo

pytestmark = pytest.mark.django_db


def _portal(user):
    return TodoRequest(user=user, audience=PORTAL, membership=live_membership(user))


def test_the_provider_sees_unanswered_complaints_the_late_one_marked(file, provider):
    late = file(now=timezone.now() - timedelta(days=30))
    waiting = file()
    items = complaints_todo(_portal(provider))
    assert [item.url for item in items] == [
        reverse("tenders_portal:complaint", args=[late.pk]),
        reverse("tenders_portal:complaint", args=[waiting.pk]),
    ]
    assert [item.overdue for item in items] == [True, False]
    complaint_answer(complaint=late, answer="已处理。", by=provider)
    assert len(complaints_todo(_portal(provider))) == 1


def test_officers_see_only_late_complaints(file, officer, other_member):
    late = file(now=timezone.now() - timedelta(days=30))
    file()
    items = complaints_todo(TodoRequest(user=officer, audience=BACK_OFFICE))
    assert [item.url for item in items] == [reverse("site_complaints:inspect", args=[late.pk])]
    assert complaints_todo(_portal(other_member)) == []


def test_one_query_per_list_whatever_the_number(file, officer):
    for days in (30, 31, 32):
        file(now=timezone.now() - timedelta(days=days))
    request = TodoRequest(user=officer, audience=BACK_OFFICE)
    complaints_todo(request)
    with CaptureQueriesContext(connection) as queries:
        complaints_todo(TodoRequest(user=officer, audience=BACK_OFFICE))
    assert len(queries) <= 2
