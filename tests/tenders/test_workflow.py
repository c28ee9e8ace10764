"""Tenders are published through the approval workflow: one bureau officer submits, another
approves; nobody but a superuser publishes a tender directly."""

from django.urls import reverse

import pytest

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
