"""Each app contributes its roles' permissions in its AppConfig; together they give exactly the
groups the kernel's one hard-coded table gave before (issue #15), after migrate and after
sync_roles."""

from pathlib import Path

from django.contrib.auth.models import Group

import pytest

from incubator.kernel.roles import ROLE_PERMISSIONS, Role, contribute_role_permissions, sync_roles

pytestmark = pytest.mark.django_db

# The role groups as they were when the kernel listed every app's permissions itself, and the
# KPI templates' and survey questions' permissions the bureau's officers have held since, and
# the care vouchers' (issue #23).
EXPECTED = {
    "site_admin": [
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_group",
        "auth.view_user",
        "cms.change_sitesettings",
        "incubator.resend_outgoingemail",
        "incubator.view_outgoingemail",
        "wagtailadmin.access_admin",
        "wagtailcore.view_locale",
        "wagtailcore.view_site",
    ],
    "bureau_officer": [
        "incubator.add_hub",
        "incubator.add_space",
        "incubator.change_hub",
        "incubator.change_organisation",
        "incubator.change_space",
        "incubator.manage_hub",
        "incubator.reissue_letter",
        "incubator.resend_outgoingemail",
        "incubator.view_hub",
        "incubator.view_intakeapplication",
        "incubator.view_letter",
        "incubator.view_milestone",
        "incubator.view_milestonetemplate",
        "incubator.view_organisation",
        "incubator.view_outgoingemail",
        "incubator.view_space",
        "incubator.view_spaceallocation",
        "incubator.view_waitlistentry",
        "subsidies.add_community",
        "subsidies.add_resident",
        "subsidies.add_scheme",
        "subsidies.add_voucherscheme",
        "subsidies.change_community",
        "subsidies.change_resident",
        "subsidies.change_scheme",
        "subsidies.change_voucherscheme",
        "subsidies.decide_claim",
        "subsidies.decide_subsidyapplication",
        "subsidies.disburse_subsidyapplication",
        "subsidies.resolve_voucheranomaly",
        "subsidies.reveal_citizen_id",
        "subsidies.run_creditrun",
        "subsidies.view_claim",
        "subsidies.view_community",
        "subsidies.view_creditrun",
        "subsidies.view_resident",
        "subsidies.view_scheme",
        "subsidies.view_subsidyapplication",
        "subsidies.view_voucheranomaly",
        "subsidies.view_voucherscheme",
        "tenders.add_calendarday",
        "tenders.add_calendaryear",
        "tenders.add_kpitemplate",
        "tenders.add_servicesite",
        "tenders.add_surveyquestion",
        "tenders.change_calendarday",
        "tenders.change_kpitemplate",
        "tenders.change_servicesite",
        "tenders.change_surveyquestion",
        "tenders.change_tenderbid",
        "tenders.change_tenderclarification",
        "tenders.delete_calendarday",
        "tenders.delete_kpitemplate",
        "tenders.delete_surveyquestion",
        "tenders.view_calendarday",
        "tenders.view_calendaryear",
        "tenders.view_kpitemplate",
        "tenders.view_servicesite",
        "tenders.view_surveyquestion",
        "tenders.view_tenderbid",
        "tenders.view_tenderclarification",
        "wagtailadmin.access_admin",
    ],
    "hub_manager": ["wagtailadmin.access_admin"],
    "evaluator": ["wagtailadmin.access_admin"],
    # Third-party contract evaluators (issue 18): the back office, and their dated grants.
    "contract_evaluator": ["wagtailadmin.access_admin"],
    # Care vouchers (issue #23): what a community worker may touch comes from their assignments.
    "community_worker": ["wagtailadmin.access_admin"],
}


def _perms(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_the_contributed_roles_are_the_roles_of_before():
    assert {role: sorted(names) for role, names in ROLE_PERMISSIONS.items()} == EXPECTED


def test_sync_roles_gives_each_group_exactly_its_permissions():
    Group.objects.filter(name=Role.BUREAU_OFFICER).first().permissions.clear()
    sync_roles()
    assert {
        group.name: sorted(_perms(group)) for group in Group.objects.filter(name__in=EXPECTED)
    } == EXPECTED


def test_the_kernel_names_only_its_own_permissions():
    from incubator.kernel import roles

    source = Path(roles.__file__).read_text(encoding="utf-8")
    for app in ("subsidies.", "tenders.", "cms.", "incubator.view_hub"):
        assert f'"{app}' not in source


def test_contributing_twice_adds_nothing():
    before = list(ROLE_PERMISSIONS[Role.BUREAU_OFFICER])
    contribute_role_permissions({Role.BUREAU_OFFICER: before[:3]})
    assert ROLE_PERMISSIONS[Role.BUREAU_OFFICER] == before
