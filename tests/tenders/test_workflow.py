"""Tenders are published through the approval workflow: one bureau officer submits, another
approves; nobody but a superuser publishes a tender directly."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import TaskState

import pytest

from cms.review import has_tasks_to_moderate
from tenders.models import TenderPage
from tenders.workflow import sync_tender_workflow
from tests.factories import bureau_officer, tender_page


@pytest.fixture
def draft(index):
    sync_tender_workflow()
    return tender_page(index, publish=False)


def test_the_submitter_cannot_approve_and_another_officer_publishes(draft):
    drafter, approver = bureau_officer(), bureau_officer()
    workflow = draft.get_workflow()
    assert workflow is not None
    state = workflow.start(draft, drafter)
    task_state = state.current_task_state
    task = task_state.task.specific
    page = TenderPage.objects.get(pk=draft.pk)
    assert task.get_actions(page, drafter) == []
    assert "approve" in [name for name, *_rest in task.get_actions(page, approver)]
    with pytest.raises(PermissionError):
        task.on_action(task_state, drafter, "approve")
    task.on_action(task_state, approver, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_bureau_officer_cannot_publish_a_tender_from_the_editor(client, draft):
    officer = bureau_officer()
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    editor = client.get(url)
    assert editor.status_code == 200
    assert b'name="action-publish"' not in editor.content
    response = client.post(url, {"action-publish": "1", "title": draft.title})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live


def test_the_admin_home_shows_awaiting_your_review_only_when_a_task_waits(client, draft):
    """The home page asks once whether a task waits for the user (``has_tasks_to_moderate``)
    instead of asking every task: the same answer as Wagtail's own, the panel when it does."""
    drafter, approver = bureau_officer(), bureau_officer()
    users = get_user_model().objects
    root = users.create_superuser("root", "root@example.cn", "x")
    outsider = users.create_user("outsider", "outsider@example.cn", "x")
    client.force_login(approver)
    assert 'id="awaiting-review' not in client.get("/admin/").content.decode()
    for user in (drafter, approver, root, outsider):
        assert not has_tasks_to_moderate(user)
    draft.get_workflow().start(draft, drafter)
    for user in (drafter, approver, root, outsider):
        assert has_tasks_to_moderate(user) == TaskState.objects.reviewable_by(user).exists()
    assert has_tasks_to_moderate(approver) and not has_tasks_to_moderate(outsider)
    html = client.get("/admin/").content.decode()
    assert 'id="awaiting-review' in html and draft.title in html
