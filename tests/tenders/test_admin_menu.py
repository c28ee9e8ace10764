"""The tender screens sit in the back office's Tenders group (``incubator.kernel.menu``)."""

import re

from incubator.kernel.roles import Role
from tests.factories import bureau_officer, staff_with_role

TENDER_ITEMS = {"tender_process", "tender_bids", "tender_contracts", "tender_calendar"}


def _menu(client) -> set[str]:
    return set(re.findall(r'"name": "([a-z_-]+)"', client.get("/admin/").content.decode()))


def test_the_tender_screens_are_in_the_tenders_group(client, db):
    client.force_login(bureau_officer())
    assert {"tenders", *TENDER_ITEMS, "tender_calendar_years"} <= _menu(client)
    client.force_login(staff_with_role(Role.EVALUATOR))
    menu = _menu(client)
    assert {"tenders", "tender_process"} <= menu
    assert not menu & {"tender_contracts", "tender_calendar"}
