"""A hub manager looks at the hub's availability: the chart and tables render in a real
browser without any script of ours."""

from datetime import date

from django.conf import settings

import pytest

from tests.factories import HubFactory, manager_of
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_availability_page_draws_the_occupancy_chart(live_server, browser, client, screenshot):
    hub = HubFactory(name="城厢镇社会组织孵化基地")
    organisation = incubating(hub, name="太仓市颐康居家养老服务中心")
    for code, seats, used, start, end in [
        ("A-201", 6, 4, date(2026, 2, 1), date(2026, 9, 30)),
        ("A-202", 4, 4, date(2026, 5, 1), date(2026, 12, 31)),
        ("B-101", 12, 5, date(2026, 3, 15), date(2026, 7, 14)),
    ]:
        allocation(space_of(hub, code, seats=seats), organisation, used, start, end)
    client.force_login(manager_of(hub))
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/availability/{hub.pk}/?year=2026")
    assert page.locator("svg.availability-chart rect.bar").count() == 12
    assert page.get_by_text("A-202").is_visible()
    screenshot(page, "admin-availability")
    context.close()
