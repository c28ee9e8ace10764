"""Role groups are named by stable codes and hold exactly their permissions after migrate."""

from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest

from incubator.kernel.roles import ROLE_PERMISSIONS, Role, sync_roles, user_has_role
from tests.factories import UserFactory, staff_with_role

pytestmark = pytest.mark.django_db


def _perms(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_migrate_leaves_every_role_group_with_its_permissions():
    for role, expected in ROLE_PERMISSIONS.items():
        assert _perms(Group.objects.get(name=role)) == set(expected)


def test_sync_roles_repairs_hand_made_changes_and_is_idempotent():
    officer = Group.objects.get(name=Role.BUREAU_OFFICER)
    officer.permissions.clear()
    sync_roles()
    call_command("sync_roles")
    assert _perms(officer) == set(ROLE_PERMISSIONS[Role.BUREAU_OFFICER])
    assert Group.objects.filter(name__in=list(Role)).count() == len(Role)


def test_hub_managers_hold_no_model_wide_rights_on_our_models():
    assert not [p for p in ROLE_PERMISSIONS[Role.HUB_MANAGER] if p.startswith("incubator.")]


def test_user_has_role():
    officer = staff_with_role(Role.BUREAU_OFFICER)
    assert user_has_role(officer, Role.BUREAU_OFFICER)
    assert not user_has_role(officer, Role.HUB_MANAGER)
    assert not user_has_role(UserFactory(), Role.BUREAU_OFFICER)


def test_bureau_officers_edit_and_publish_pages_and_manage_documents():
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, Page
    from wagtail.permission_policies.pages import PagePermissionPolicy
    from wagtail.permissions import policy_registry

    officer = staff_with_role(Role.BUREAU_OFFICER)
    assert Page.get_first_root_node().permissions_for_user(officer).can_add_subpage()
    assert PagePermissionPolicy().user_has_permission(officer, "publish")
    documents = policy_registry.get_by_type(get_document_model())
    root_collection = Collection.get_first_root_node()
    assert root_collection in documents.collections_user_has_permission_for(officer, "add")


def test_hub_managers_have_no_editorial_rights():
    from wagtail.models import Page

    from tests.factories import HubFactory, manager_of

    manager = manager_of(HubFactory())
    assert not Page.get_first_root_node().permissions_for_user(manager).can_add_subpage()
