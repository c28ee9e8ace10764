"""The bench at a tiny scale, so that its builder and measurement keep working as the models
change: rows are built in bulk, every page answers, and each result has the shape the JSON
lines promise."""

import json

import pytest

from tests.factories import (
    OrganisationFactory,
    build_public_site,
    bureau_officer,
    incubation_for,
    manager_of,
    member_of,
    tender_index,
    tender_page,
)
from tests.factories.directory import directory_page
from tools.bench.data import Scale, counts
from tools.bench.run import run

TINY = Scale(
    hubs=3,
    organisations=20,
    tenders=20,
    bids=20,
    subsidy_applications=40,
    milestones=60,
    voucher_holders=100,
    voucher_sites=10,
)
PAGE_FIELDS = {
    "name",
    "kind",
    "url",
    "median_ms",
    "p95_ms",
    "queries",
    "rows",
    "queries_at_tenth",
    "rows_at_tenth",
    "queries_constant",
    "met",
}


@pytest.fixture
def world(db):
    """The least the bench needs: the public site with a tender index and an open tender, an
    organisation admin and a bureau officer."""
    site = build_public_site(guidance_count=0)
    tender_page(tender_index(site.home_zh))
    directory_page(site.home_zh)
    organisation = OrganisationFactory()
    incubation_for(organisation)
    member_of(organisation, "admin", username="bench-org")
    bureau_officer(username="bench-bureau")
    manager_of(organisation.hub, username="bench-manager")


def test_the_bench_builds_the_city_and_measures_every_page(world):
    results = run(
        TINY,
        repeat=1,
        warmup=1,
        letters=0,
        portal_user="bench-org",
        staff_user="bench-bureau",
        hub_manager="bench-manager",
        open_data=False,
        feedback_phones=0,  # its threads need a committed site: tests/bench/test_feedback_burst.py
        floors=False,
    )
    assert counts() == TINY.as_dict()
    assert [result.name for result in results] == [
        "public home page",
        "tender index",
        "tender page",
        "portal dashboard",
        "portal contract page",
        "admin organisation list",
        "admin subsidy application list",
        "subsidy search",
        "scheme budget",
        "bids list",
        "tender processes",
        "contracts list",
        "contract page",
        "contract reports list",
        "overdue milestones (hub manager)",
        "our deadlines",
        "bureau dashboard",
        "bureau dashboard: organisations by stage",
        "bureau dashboard: occupancy",
        "bureau dashboard: overdue milestones",
        "bureau dashboard: contracts at risk",
        "bureau dashboard: our deadlines",
        "directory index (town, service)",
        "directory site page",
        "directory community print page",
        "voucher holders list",
        "voucher holder page",
        "voucher redemption",
        "voucher claim building",
        "monthly credit run",
        "milestones CSV export",
        "subsidy applications Excel export",
    ]
    pages, exported = results[:-5], results[-2:]
    for result in exported:
        assert result.extra["bytes"] > 0 and result.extra["memory_growth_mb"] >= 0
        assert result.extra["met"] in (True, False)
    for result in pages:
        line = json.loads(json.dumps(result.as_dict()))
        assert set(line) >= PAGE_FIELDS, line
        assert line["queries"] > 0 and line["median_ms"] > 0, line
        assert line["queries_constant"] == (line["queries"] == line["queries_at_tenth"])
    # The contract pages have more reports at full size and the same queries (issue 18).
    by_name = {result.name: result for result in results}
    for name in CONTRACT_PAGES:
        result = by_name[name]
        assert result.rows > result.extra["rows_at_tenth"] > 0, result.as_dict()
        assert result.extra["queries_constant"], result.as_dict()
    _assert_contracts_built("bench-org")


CONTRACT_PAGES = [
    "portal contract page",
    "contracts list",
    "contract page",
    "contract reports list",
]


def _assert_contracts_built(portal_user):
    """One in three closed tenders awarded, each contract with four KPIs, monthly reports
    (filed ones with an actual per KPI), tranches (some paid, adding up to ``paid_total``);
    the portal's organisation holds the contract with the most reports."""
    from django.db.models import Count, Sum
    from django.utils import timezone

    from incubator.models import OrganisationMembership
    from tenders.models import Contract, ContractReport, ContractTranche, TenderAward, TenderPage
    from tools.bench.targets import heaviest_contract

    contracts = Contract.objects.annotate(kpi_count=Count("kpis", distinct=True))
    closed = TenderPage.objects.filter(reference__startswith="BENCH-", deadline__lt=timezone.now())
    assert contracts.count() == TenderAward.objects.count() == -(-closed.count() // 3) == 4
    assert {contract.kpi_count for contract in contracts} == {4}
    statuses = set(ContractReport.objects.values_list("status", flat=True))
    assert {"accepted", "submitted", "draft"} <= statuses
    for report in ContractReport.objects.annotate(n=Count("actuals")):
        assert report.n == (0 if report.status == "draft" else 4), report
    organisation = OrganisationMembership.objects.get(user__username=portal_user).organisation
    heaviest = heaviest_contract()
    assert heaviest.organisation == organisation and heaviest.reports.count() == 36
    assert ContractTranche.objects.filter(paid_on__isnull=False).exists()
    for contract in Contract.objects.all():
        paid = contract.tranches.filter(paid_on__isnull=False).aggregate(s=Sum("amount"))["s"]
        assert contract.paid_total == (paid or 0)


def test_a_fraction_of_the_city_keeps_at_least_two_hubs():
    assert Scale().fraction(0.1) == Scale(
        hubs=2,
        organisations=500,
        tenders=50,
        bids=1000,
        subsidy_applications=2000,
        milestones=5000,
        voucher_holders=4000,
        voucher_sites=6,
    )


@pytest.fixture
def published(transactional_db):
    """A committed city with its open data published: the clients are processes of their own,
    with connections of their own."""
    from django.core.management import call_command

    site = build_public_site(guidance_count=0)
    tender_page(tender_index(site.home_zh))
    call_command("publish_open_data", verbosity=0)
    return site


def test_the_tender_page_is_measured_against_a_bare_page_of_its_size(published):
    from tools.bench.floors import measure_tender_page_floor
    from tools.bench.targets import heaviest_tender

    result = measure_tender_page_floor(heaviest_tender().url, repeat=2, warmup=1)
    assert result.extra["ratio"] > 0 and result.extra["floor_median_ms"] > 0
    # The floor is as large as the page (within the filler's three-byte characters).
    assert abs(result.extra["bytes"] - result.extra["floor_bytes"]) < 16
    # ...and gone afterwards: it lived in a transaction rolled back.
    from wagtail.models import Page

    assert not Page.objects.filter(slug="bench-bare-page").exists()


def test_open_data_clients_download_every_page_beside_the_home_page(published):
    from tools.bench.loads import measure_open_data_clients, open_data_urls
    from tools.bench.targets import home_url

    assert open_data_urls()
    result = measure_open_data_clients(home_url(), repeat=3)
    assert result.rows == len(open_data_urls())
    assert result.extra["pages_served"] > 0
    assert result.extra["met"] in (True, False)
