"""State changes recorded through the audit helper show in the admin history of the object."""

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.audit import audit_log
from tests.factories import OrganisationFactory, bureau_officer, member_of

pytestmark = pytest.mark.django_db


def test_audit_entry_records_actor_reason_and_changed_values():
    organisation = OrganisationFactory()
    officer = bureau_officer()
    audit_log(
        instance=organisation,
        action="incubator.membership.end",
        user=officer,
        reason="主动退出",
        changes={"stage": ("incubating", "exited")},
        data={"member": "lijing", "role": "admin"},
    )
    entry = ModelLogEntry.objects.get(action="incubator.membership.end")
    assert entry.user_id == officer.pk
    assert entry.object_id == str(organisation.pk)
    assert entry.data == {
        "member": "lijing",
        "role": "admin",
        "reason": "主动退出",
        "changes": {"stage": ["incubating", "exited"]},
    }


def test_membership_changes_show_in_the_admin_history_of_the_organisation(client):
    organisation = OrganisationFactory()
    member_of(organisation, "admin", username="lijing")
    client.force_login(bureau_officer())
    html = client.get(
        f"/admin/organisations/history-results/{organisation.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "lijing joined as administrator" in html.lower()


def test_the_reason_shows_as_the_comment_and_in_the_site_history(client):
    organisation = OrganisationFactory()
    officer = bureau_officer()
    audit_log(
        instance=organisation,
        action="incubator.invitation.revoke",
        user=officer,
        reason="邮箱填写错误",
        data={"email": "x@example.org"},
    )
    officer.is_superuser = True  # the site history report is for administrators
    officer.save()
    client.force_login(officer)
    history = client.get(
        f"/admin/organisations/history-results/{organisation.pk}/"
    ).content.decode()
    assert "邮箱填写错误" in history
    report = client.get("/admin/reports/site-history/").content.decode()
    assert "x@example.org" in report
