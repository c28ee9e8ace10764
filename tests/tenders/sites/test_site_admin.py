"""The back office of a site's offer: officers edit the opening hours and price list on the
site's form (bad input keeps what was typed and says why, translated), every change lands in
the site's history; the site's page shows the week, the prices as ¥25.00, accessibility,
premises and the handover inventory; the handover form records the inventory of the city's
premises only; hub managers read but do not edit (404); constant queries on list and page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from tenders.models import HandoverItem, Premises, SiteHandover
from tests.factories import manager_of
from tests.factories.sites import city_handover, price, service_site, weekday_hours

pytestmark = pytest.mark.django_db


def _form(centre, *, hours, services, **fields):
    values = {
        "contract": str(centre.contract_id),
        "name": centre.name,
        "kind": centre.kind,
        "town": centre.town,
        "community": centre.community,
        "address": centre.address,
        "phone": "0512-5353 1234",
        "directions": "乘102路公交到东林村站，往北100米。",
        "feedback_open": "on",
        "step_free": "on",
        "accessible_toilet": "on",
        "accessibility_notes": "",
        "premises": "city",
        "accepts_vouchers": "on",
        "closed_on_public_holidays": "on",
        "opening_hours": inline_formset(hours),
        "services": inline_formset(services),
    }
    values.update(fields)
    return nested_form_data(values)


HOURS = [
    {"weekday": "0", "opens": "08:00", "closes": "11:30"},
    {"weekday": "0", "opens": "13:30", "closes": "17:00"},
]


def _service(name="午餐", amount="12.00", voucher="8.00"):
    return {
        "service_type": "meals",
        "name": name,
        "unit": "meal",
        "price": amount,
        "voucher_price": voucher,
        "duration_minutes": "30",
        "active": "on",
    }


def _zh(client, officer):
    client.force_login(officer)
    client.cookies["django_language"] = "zh-hans"
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "zh-hans"
    profile.save()


def test_the_officer_sets_hours_and_prices_and_the_history_says_what_changed(
    client, centre, officer
):
    _zh(client, officer)
    url = f"/admin/service_sites/edit/{centre.pk}/"
    response = client.post(url, _form(centre, hours=HOURS, services=[_service()]))
    assert response.status_code == 302, response.content.decode()[:3000]
    centre.refresh_from_db()
    assert centre.accepts_vouchers and centre.premises == Premises.CITY
    assert centre.opening_hours.count() == 2
    lunch = centre.services.get()
    assert str(lunch.price) == "12.00" and str(lunch.voucher_price) == "8.00"
    entry = ModelLogEntry.objects.filter(action="tenders.site.offer_changed").get()
    assert "service 午餐" in entry.data["changes"] and "hours 0" in entry.data["changes"]
    page = client.get(f"/admin/service_sites/inspect/{centre.pk}/").content.decode()
    assert "¥12.00" in page and "¥8.00" in page and "08:00–11:30, 13:30–17:00" in page
    assert "星期一" in page and "0512-5353 1234" in page


def test_a_voucher_price_above_the_price_is_refused_with_what_was_typed_kept(
    client, centre, officer
):
    _zh(client, officer)
    url = f"/admin/service_sites/edit/{centre.pk}/"
    bad_hours = [{"weekday": "1", "opens": "17:00", "closes": "08:00"}]
    response = client.post(
        url, _form(centre, hours=bad_hours, services=[_service("上门助浴", "40.00", "45.00")])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "补贴券价格须大于零且不高于价格" in page and "关门时间必须晚于开门时间" in page
    assert 'value="上门助浴"' in page and 'value="45.00"' in page
    assert not centre.services.exists() and not centre.opening_hours.exists()


def test_a_bad_phone_number_is_refused(client, centre, officer):
    _zh(client, officer)
    url = f"/admin/service_sites/edit/{centre.pk}/"
    response = client.post(url, _form(centre, hours=[], services=[], phone="12345"))
    assert response.status_code == 200
    assert 'value="12345"' in response.content.decode()


def test_the_site_page_shows_accessibility_premises_and_the_inventory(client, centre, officer):
    city_handover(centre, items=(("休息床", 12), ("轮椅", 4), ("康复训练器材", 3)))
    price(centre, "日间照料", "25.00", "20.00")
    _zh(client, officer)
    page = client.get(f"/admin/service_sites/inspect/{centre.pk}/").content.decode()
    assert "¥25.00" in page and "¥20.00" in page
    assert "政府场地，按合同移交" in page and "无台阶通行" in page
    assert "休息床" in page and "康复训练器材" in page and "王建国" in page and "李秀英" in page
    assert "/admin/service_sites/handover/" in page  # the action's button


def test_the_officer_records_the_handover_and_its_inventory(client, centre, officer):
    centre.premises = Premises.CITY
    centre.save()
    _zh(client, officer)
    url = f"/admin/service_sites/handover/{centre.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "handed_over_on": "2026-01-05",
        "handed_over_by": "王建国",
        "received_by": "李秀英",
        "notes": "",
        "item-TOTAL_FORMS": "3",
        "item-INITIAL_FORMS": "0",
        "item-0-name": "休息床",
        "item-0-quantity": "12",
        "item-0-condition": "good",
        "item-1-name": "轮椅",
        "item-1-quantity": "0",
        "item-1-condition": "worn",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a quantity of 0 is refused, the rows kept
    assert 'value="轮椅"' in response.content.decode()
    assert not SiteHandover.objects.exists()
    data["item-1-quantity"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302
    handover = SiteHandover.objects.get(site=centre)
    assert [(i.name, i.quantity, i.condition) for i in handover.items.all()] == [
        ("休息床", 12, "good"),
        ("轮椅", 4, "worn"),
    ]
    assert ModelLogEntry.objects.filter(action="tenders.site.handover_recorded").count() == 1
    # Correcting it replaces the inventory.
    data.update({"item-INITIAL_FORMS": "0", "item-1-DELETE": "on", "csrf": ""})
    data.pop("_submission_token", None)
    client.post(url, {**data, "item-0-quantity": "10"})
    assert list(HandoverItem.objects.values_list("name", "quantity")) == [("休息床", 10)]


def test_no_handover_for_the_operators_own_premises(client, centre, officer):
    _zh(client, officer)
    url = f"/admin/service_sites/handover/{centre.pk}/"
    page = client.get(url).content.decode()
    assert "只有按合同移交的政府场地才登记移交记录" in page
    response = client.post(
        url,
        {
            "handed_over_on": "2026-01-05",
            "handed_over_by": "王建国",
            "received_by": "李秀英",
            "item-TOTAL_FORMS": "1",
            "item-INITIAL_FORMS": "0",
            "item-0-name": "休息床",
            "item-0-quantity": "12",
            "item-0-condition": "good",
        },
    )
    assert response.status_code == 200
    assert "只有按合同移交的政府场地才登记移交记录" in response.content.decode()
    assert not SiteHandover.objects.exists()


def test_a_hub_manager_reads_the_site_but_may_not_edit_it(client, centre, contract):
    client.force_login(manager_of(contract.organisation.hub))
    assert client.get(f"/admin/service_sites/inspect/{centre.pk}/").status_code == 200
    for path in (f"edit/{centre.pk}/", f"handover/{centre.pk}/"):
        assert client.get(f"/admin/service_sites/{path}").status_code == 404


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_list_and_the_page_keep_their_query_counts(client, centre, contract, officer):
    client.force_login(officer)
    handover = city_handover(centre, items=(("休息床", 12),))
    weekday_hours(centre, days=[0])
    price(centre, "日间照料", "30.00", "20.00")
    page_url = f"/admin/service_sites/inspect/{centre.pk}/"
    few = {url: _queries(client, url) for url in ("/admin/service_sites/", page_url)}
    HandoverItem.objects.bulk_create(
        HandoverItem(handover=handover, name=f"物品{n}", quantity=n + 1) for n in range(8)
    )
    weekday_hours(centre, days=range(1, 7))
    for n in range(6):
        price(centre, f"服务{n}", "10.00", "5.00")
        other = service_site(contract, name=f"第{n}服务点", premises="city")
        weekday_hours(other)
    assert {url: _queries(client, url) for url in few} == few
