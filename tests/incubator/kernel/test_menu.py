"""The back office's menu is grouped by what people do: each app contributes its screens to a
group, and a group with nothing the user may open is not shown."""

from django.test import RequestFactory

from wagtail.admin.menu import admin_menu

import pytest

from tests.factories.contract_evaluation import contract_evaluator
from tests.factories.hubs import HubFactory
from tests.factories.organisations import bureau_officer, manager_of

pytestmark = pytest.mark.django_db
GROUPS = {"incubation", "office-space", "subsidies", "tenders", "letters"}


def _menu(user) -> dict[str, list[str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    menu = {}
    for item in admin_menu.menu_items_for_request(request):
        submenu = getattr(item, "menu", None)
        menu[item.name] = (
            [i.name for i in submenu.menu_items_for_request(request)] if submenu else []
        )
    return menu


def test_a_bureau_officer_sees_the_apps_screens_in_their_groups():
    menu = _menu(bureau_officer())
    assert set(menu) >= GROUPS
    assert {"hubs", "intake", "organisations", "milestones"} <= set(menu["incubation"])
    assert {"spaces", "allocations", "waitlist"} <= set(menu["office-space"])
    assert {"subsidy_schemes", "subsidy_applications"} <= set(menu["subsidies"])
    assert {"tender_process", "tender_calendar", "tender_bids", "tender_contracts"} <= set(
        menu["tenders"]
    )
    assert menu["letters"] == ["letters"]
    assert "outbox" in menu["settings"]
    # Nothing of ours hangs loose at the top beside the groups and Wagtail's own items.
    wagtail_own = {"explorer", "images", "documents", "reports", "settings", "help", "snippets"}
    assert set(menu) - GROUPS - wagtail_own == {"notifications"}


def test_a_hub_manager_sees_only_what_they_may_open():
    menu = _menu(manager_of(HubFactory()))
    assert "availability" in menu["office-space"]
    # Of the tenders' screens, only the contracts of their organisations, those contracts'
    # reports, service sites and residents' feedback are theirs.
    assert menu["tenders"] == [
        "tender_contracts",
        "contract_reports",
        "service_sites",
        "site_feedback",
        "site_complaints",
    ]
    assert "outbox" not in menu.get("settings", [])


def test_a_third_party_evaluator_sees_only_their_contracts_to_evaluate():
    menu = _menu(contract_evaluator())
    assert menu["tenders"] == ["contracts_to_evaluate"]
    assert not set(menu) & (GROUPS - {"tenders"})
