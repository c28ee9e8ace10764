"""The allocation list and the waitlist in the back office: each manager their own hubs, at a
constant number of queries, with the actions that go through the services."""

import re
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.incubation.services.waitlist import waitlist_add
from incubator.models import SpaceAllocation, WaitlistEntry
from tests.factories import HubFactory, bureau_officer, manager_of
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _allocations(hub, count):
    space = space_of(hub, f"S-{SpaceAllocation.objects.count()}", seats=count)
    for _ in range(count):
        allocation(space, incubating(hub), 1, date(2026, 3, 1), date(2026, 6, 30))


def _waiting(hub, count):
    for _ in range(count):
        waitlist_add(
            organisation=incubating(hub),
            seats_wanted=1,
            wanted_from=date(2026, 3, 1),
            by=bureau_officer(),
        )


@pytest.mark.parametrize("role", ["bureau", "hub_manager"])
@pytest.mark.parametrize(
    ("url", "make"), [("/admin/allocations/", _allocations), ("/admin/waitlist/", _waiting)]
)
def test_lists_keep_a_constant_query_count(client, role, url, make):
    hub = HubFactory()
    client.force_login(bureau_officer() if role == "bureau" else manager_of(hub))
    make(hub, 3)
    client.get(url)
    few = _queries(client, url)
    make(hub, 27)
    make(HubFactory(), 3)
    assert _queries(client, url) == few


def test_hub_managers_list_only_their_hubs(client):
    hub = HubFactory()
    allocation(
        space_of(hub), incubating(hub, name="本基地机构"), 1, date(2026, 3, 1), date(2026, 3, 9)
    )
    other = HubFactory()
    allocation(
        space_of(other), incubating(other, name="别的机构"), 1, date(2026, 3, 1), date(2026, 3, 9)
    )
    waitlist_add(
        organisation=incubating(other, name="别处等候"),
        seats_wanted=1,
        wanted_from=date(2026, 3, 1),
        by=bureau_officer(),
    )
    client.force_login(manager_of(hub))
    html = client.get("/admin/allocations/").content.decode()
    assert "本基地机构" in html and "别的机构" not in html
    assert "别处等候" not in client.get("/admin/waitlist/").content.decode()
    assert "别的机构" not in client.get(f"/admin/allocations/?hub={other.pk}").content.decode()


def test_the_waitlist_shows_each_request_s_place_in_its_hub_s_line(client):
    hub = HubFactory()
    names = ["第一", "第二", "第三"]
    for minutes, name in zip([30, 20, 10], names, strict=True):
        entry = waitlist_add(
            organisation=incubating(hub, name=name),
            seats_wanted=7,
            wanted_from=date(2026, 3, 1),
            by=bureau_officer(),
        )
        WaitlistEntry.objects.filter(pk=entry.pk).update(
            requested_at=timezone.now() - timedelta(minutes=minutes)
        )
    WaitlistEntry.objects.filter(organisation__name="第一").update(status="cancelled")
    client.force_login(manager_of(hub))
    html = client.get("/admin/waitlist/", {"status": "waiting"}).content.decode()
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in html.split("<tr")]
    place = {name: next(row for row in rows if name in row).split() for name in ("第二", "第三")}
    assert "1" in place["第二"] and "2" in place["第三"]
    assert not any("第一" in row for row in rows)


def test_a_manager_ends_an_allocation_early(client):
    hub = HubFactory()
    today = timezone.localdate()
    organisation = incubating(
        hub, started_on=today - timedelta(days=10), planned_end_on=today + timedelta(days=400)
    )
    granted = allocation(space_of(hub), organisation, 2, today, today + timedelta(days=60))
    client.force_login(manager_of(hub))
    inspect = client.get(f"/admin/allocations/inspect/{granted.pk}/").content.decode()
    assert f"/admin/allocations/end/{granted.pk}/" in inspect
    url = f"/admin/allocations/end/{granted.pk}/"
    late = client.post(url, {"on": today + timedelta(days=90)}, HTTP_ACCEPT_LANGUAGE="en")
    assert "already ends on" in late.content.decode()
    assert client.post(url, {"on": today + timedelta(days=5)}).status_code == 302
    granted.refresh_from_db()
    assert granted.ends_on == today + timedelta(days=5)


def test_waitlist_add_serve_and_the_out_of_order_message(client):
    hub = HubFactory()
    today = timezone.localdate()
    period = {
        "started_on": today - timedelta(days=10),
        "planned_end_on": today + timedelta(days=400),
    }
    first, second = (
        incubating(hub, name="先来机构", **period),
        incubating(hub, name="后到机构", **period),
    )
    space = space_of(hub, seats=4)
    client.force_login(manager_of(hub))
    inspect = client.get(f"/admin/organisations/inspect/{first.pk}/").content.decode()
    assert f"/admin/organisations/waitlist/{first.pk}/" in inspect
    for organisation, minutes in ((first, 30), (second, 10)):
        response = client.post(
            f"/admin/organisations/waitlist/{organisation.pk}/",
            {"seats_wanted": 2, "wanted_from": today, "kind": "", "note": ""},
        )
        assert response.status_code == 302
        WaitlistEntry.objects.filter(organisation=organisation).update(
            requested_at=timezone.now() - timedelta(minutes=minutes)
        )
    again = client.post(
        f"/admin/organisations/waitlist/{first.pk}/",
        {"seats_wanted": 1, "wanted_from": today},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "already on the waitlist" in again.content.decode()
    later = WaitlistEntry.objects.get(organisation=second)
    inspect = client.get(f"/admin/waitlist/inspect/{later.pk}/").content.decode()
    assert f"/admin/waitlist/serve/{later.pk}/" in inspect
    serve = {
        "space": space.pk,
        "seats": 2,
        "starts_on": today,
        "ends_on": today + timedelta(days=30),
    }
    refused = client.post(f"/admin/waitlist/serve/{later.pk}/", serve, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert "先来机构 has waited longer" in refused.content.decode()
    earlier = WaitlistEntry.objects.get(organisation=first)
    assert client.post(f"/admin/waitlist/serve/{earlier.pk}/", serve).status_code == 302
    assert client.post(f"/admin/waitlist/cancel/{later.pk}/", {"reason": ""}).status_code == 302
    assert dict(WaitlistEntry.objects.values_list("organisation", "status")) == {
        first.pk: "served",
        second.pk: "cancelled",
    }
    assert client.get(f"/admin/waitlist/serve/{later.pk}/").status_code == 404
