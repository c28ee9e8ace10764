"""The bids list's tender filter is a chooser: a modal of the tenders a bureau officer manages,
newest deadline first, searched and paged, refused to everyone else; the list costs the same
number of queries with ten times the tenders."""

import json
import uuid
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.kernel.roles import Role
from tenders.models import Tender
from tenders.services.evaluation import evaluator_assign
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    awarded,
    bureau_officer,
    manager_of,
    member_of,
    staff_with_role,
    tender_page,
)

pytestmark = pytest.mark.django_db

BIDS = "/admin/tender_bids/"
CHOOSER = "/admin/tender_chooser/"


def pageless_tender() -> Tender:
    """A tender row left without a page: no officer manages it in the back office."""
    now = timezone.now()
    return Tender.objects.create(
        id=990001,
        translation_key=uuid.uuid4(),
        reference="TCMZ-ORPHAN-001",
        opens_at=now - timedelta(days=20),
        deadline=now - timedelta(days=1),
        budget_ceiling=Decimal("100000.00"),
    )


def modal_html(response) -> str:
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def chosen(response) -> dict:
    assert response.status_code == 200
    return json.loads(response.content)["result"]


def test_the_bids_list_filters_by_the_chosen_tender(client, index):
    first, first_bids = awarded(index, final=False)
    second, second_bids = awarded(index, final=False)
    client.force_login(bureau_officer())
    page = client.get(BIDS, {"tender": second.pk}).content.decode()
    assert all(bid.organisation.name in page for bid in second_bids)
    assert not any(bid.organisation.name in page for bid in first_bids)
    # The chooser shows the chosen tender, by reference and title, and links to the modal.
    assert f"{second.reference} · {second.title}" in page
    assert f'data-chooser-url="{CHOOSER}"' in page


def test_the_bids_list_offers_no_list_of_every_tender(client, index):
    tenders = [tender_page(index, publish=False) for _ in range(3)]
    client.force_login(bureau_officer())
    page = client.get(BIDS).content.decode()
    assert not any(tender.reference in page for tender in tenders)


@pytest.mark.parametrize("value", ["999999", "abc", "990001"])
def test_a_tender_outside_the_users_is_an_invalid_filter_not_an_error(client, index, value):
    pageless_tender()
    tender, bids = awarded(index, final=False)
    client.force_login(bureau_officer())
    response = client.get(BIDS, {"tender": value})
    page = response.content.decode()
    assert response.status_code == 200
    # As with the old list of tenders: the choice is invalid, the filter not applied...
    assert "w-field--error" in page
    assert all(bid.organisation.name in page for bid in bids)
    # ...and the chooser names nothing it was handed.
    assert "TCMZ-ORPHAN-001" not in page
    assert 'id="id_tender-chooser" class="chooser  blank"' in page


def test_the_chooser_lists_the_managed_tenders_newest_deadline_first(client, index):
    now = timezone.now()
    later = tender_page(index, deadline=now + timedelta(days=30), title="养老服务甲")
    sooner = tender_page(index, deadline=now + timedelta(days=5), title="养老服务乙")
    pageless_tender()
    client.force_login(bureau_officer())
    html = modal_html(client.get(CHOOSER))
    assert html.index(later.reference) < html.index(sooner.reference)
    assert "养老服务甲" in html and "养老服务乙" in html
    assert "TCMZ-ORPHAN-001" not in html
    # The deadline in China Standard Time.
    assert timezone.localtime(later.deadline).strftime("%H:%M") in html


def test_the_chooser_searches_by_reference_or_title(client, index):
    first = tender_page(index, title="社区居家养老服务", reference="TCMZ-2026-901")
    second = tender_page(index, title="青少年心理辅导", reference="TCMZ-2026-902")
    client.force_login(bureau_officer())
    html = modal_html(client.get(CHOOSER, {"q": "心理"}))
    assert second.reference in html and first.reference not in html
    results = client.get(f"{CHOOSER}results/", {"q": "2026-901"}).content.decode()
    assert first.reference in results and second.reference not in results
    results = client.get(f"{CHOOSER}results/", {"q": "不存在的项目"}).content.decode()
    assert first.reference not in results and second.reference not in results


def test_the_chooser_pages_its_results(client, index):
    now = timezone.now()
    tenders = [
        tender_page(index, publish=False, deadline=now + timedelta(days=n + 1)) for n in range(21)
    ]
    client.force_login(bureau_officer())
    first = modal_html(client.get(CHOOSER))
    second = client.get(f"{CHOOSER}results/", {"p": 2}).content.decode()
    # Newest deadline first: the earliest deadline alone on the second page.
    assert tenders[0].reference not in first and tenders[0].reference in second
    assert all(tender.reference in first for tender in tenders[1:])
    assert client.get(f"{CHOOSER}results/", {"p": 9}).status_code == 404


def test_choosing_a_tender_answers_its_reference_and_title(client, index):
    tender = tender_page(index, title="社区居家养老服务")
    client.force_login(bureau_officer())
    result = chosen(client.get(f"{CHOOSER}chosen/{tender.pk}/"))
    assert result == {
        "id": str(tender.pk),
        "title": f"{tender.reference} · 社区居家养老服务",
        "edit_url": None,
    }


@pytest.mark.parametrize("pk", ["990001", "999999", "abc"])
def test_choosing_a_tender_outside_the_users_answers_404(client, index, pk):
    pageless_tender()
    client.force_login(bureau_officer())
    assert client.get(f"{CHOOSER}chosen/{pk}/").status_code == 404


def test_choosing_several_gives_only_the_users_tenders(client, index):
    tender = tender_page(index)
    pageless_tender()
    client.force_login(bureau_officer())
    response = client.get(f"{CHOOSER}chosen-multiple/", {"id": [tender.pk, 990001, "x"]})
    assert [item["id"] for item in chosen(response)] == [str(tender.pk)]


def _others(tender) -> dict:
    hub = HubFactory()
    evaluator = staff_with_role(Role.EVALUATOR)
    # Even an evaluator assigned to the tender: the chooser is the bureau officers' tool.
    evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())
    return {
        "hub manager": manager_of(hub),
        "organisation member": member_of(OrganisationFactory(hub=hub), "admin"),
        "evaluator": evaluator,
        "site administrator": staff_with_role(Role.SITE_ADMIN),
    }


@pytest.mark.parametrize("path", ["", "results/", "chosen/{pk}/", "chosen-multiple/", "create/"])
def test_every_chooser_url_refuses_everyone_but_bureau_officers(client, index, path):
    tender = tender_page(index)
    url = CHOOSER + path.format(pk=tender.pk)
    for who, user in _others(tender).items():
        client.force_login(user)
        response = client.get(url, {"id": tender.pk})
        assert response.status_code in (302, 404), who
        assert tender.reference not in response.content.decode(), who
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_nobody_creates_a_tender_in_the_chooser(client, index):
    client.force_login(bureau_officer())
    assert "tab-label-create" not in modal_html(client.get(CHOOSER))
    assert client.get(f"{CHOOSER}create/").status_code == 404


def test_the_bids_list_and_chooser_keep_their_query_counts_with_ten_times_the_tenders(
    client, index
):
    tender, _bids = awarded(index, final=False)
    for _ in range(2):
        tender_page(index, publish=False)
    client.force_login(bureau_officer())
    urls = [BIDS, f"{BIDS}?tender={tender.pk}", CHOOSER, f"{CHOOSER}results/?q=TCMZ"]
    for url in urls:
        client.get(url)  # warm caches (site, locales, content types)

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    small = counts()
    for _ in range(27):
        tender_page(index, publish=False)
    assert Tender.objects.count() == 30
    assert counts() == small
