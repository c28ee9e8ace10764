"""The provider reads, in the portal, what the bureau set for its sites: opening hours, the
price list (with and without voucher) and the handover inventory of the city's premises;
nothing there to edit; another organisation's member gets 404; constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tenders.models import HandoverItem
from tests.factories import OrganisationFactory, incubation_for, member_of
from tests.factories.sites import city_handover, price, weekday_hours

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(contract):
    return member_of(contract.organisation, "admin")


def test_the_provider_reads_hours_prices_and_the_inventory(client, centre, provider):
    weekday_hours(centre)
    price(centre, "日间照料", "30.00", "20.00")
    price(centre, "午餐", "12.00", "8.00", service_type="meals", unit="meal")
    city_handover(centre, items=(("休息床", 12), ("轮椅", 4)))
    client.force_login(provider)
    page = client.get(f"/zh-hans/portal/tenders/sites/{centre.pk}/").content.decode()
    assert "开放时间" in page and "08:00–11:30, 13:30–17:00" in page and "星期六" in page
    assert "¥30.00" in page and "¥20.00" in page and "¥12.00" in page and "每餐" in page
    assert "场地移交" in page and "休息床" in page and "王建国" in page
    assert "由民政局设定" in page
    assert "<input" not in page.split("site-offer", 1)[1].split("</section>", 1)[0]


def test_the_operators_own_premises_show_no_handover(client, centre, provider):
    client.force_login(provider)
    page = client.get(f"/zh-hans/portal/tenders/sites/{centre.pk}/").content.decode()
    assert "场地移交" not in page and "价目表中还没有服务" in page


def test_another_organisations_member_gets_404(client, centre):
    stranger = OrganisationFactory()
    incubation_for(stranger)
    client.force_login(member_of(stranger, "admin"))
    assert client.get(f"/zh-hans/portal/tenders/sites/{centre.pk}/").status_code == 404


def test_the_page_keeps_its_query_count_as_the_offer_grows(client, centre, provider):
    client.force_login(provider)
    handover = city_handover(centre, items=(("休息床", 12),))
    weekday_hours(centre, days=[0])
    price(centre, "日间照料", "30.00", "20.00")
    url = f"/zh-hans/portal/tenders/sites/{centre.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    weekday_hours(centre, days=range(1, 7))
    for n in range(6):
        price(centre, f"服务{n}", "10.00", "5.00")
    HandoverItem.objects.bulk_create(
        HandoverItem(handover=handover, name=f"物品{n}", quantity=1) for n in range(6)
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
