"""The bench's care vouchers (issue 23) at a tiny scale: the holders, sites, credits and
services paid are built in bulk with every balance the sum of its ledger, the directory's and
the back office's pages and the operations are measured, and their query counts do not grow
with the data: the same at a tenth and at full size for the pages, the redemption and the
claim, a fixed number per batch of holders for the credit run."""

import json

import pytest

from tests.factories import (
    OrganisationFactory,
    build_public_site,
    bureau_officer,
    incubation_for,
    member_of,
    tender_index,
    tender_page,
)
from tests.factories.directory import directory_page
from tools.bench.data import Scale

CITY = Scale(
    hubs=3,
    organisations=20,
    tenders=20,
    bids=20,
    subsidy_applications=40,
    milestones=60,
    voucher_holders=300,
    voucher_sites=20,
)
VOUCHER_RESULTS = [
    "directory index (town, service)",
    "directory site page",
    "directory community print page",
    "voucher holders list",
    "voucher holder page",
    "voucher redemption",
    "voucher claim building",
    "monthly credit run",
]


@pytest.fixture
def world(db):
    """The public site with a tender index, an open tender and the services directory, an
    organisation admin and a bureau officer."""
    site = build_public_site(guidance_count=0)
    tender_page(tender_index(site.home_zh))
    directory_page(site.home_zh)
    organisation = OrganisationFactory()
    incubation_for(organisation)
    member_of(organisation, "admin", username="bench-org")
    bureau_officer(username="bench-bureau")


def test_the_vouchers_alone_are_measured_with_constant_queries(world):
    from django.core.management import call_command

    from incubator.management.commands.bench import _target
    from subsidies.models import LedgerEntry, Redemption, Resident
    from tools.bench.run import run

    results = run(
        CITY,
        only="vouchers",
        base=CITY,
        repeat=2,
        warmup=1,
        portal_user="bench-org",
        staff_user="bench-bureau",
        progress=print,
    )
    assert [result.name for result in results] == VOUCHER_RESULTS
    for result in results:
        line = json.loads(json.dumps(result.as_dict()))
        assert line["queries"] > 0 and line["median_ms"] > 0, line
        assert _target(result)
        if result.kind != "run":
            assert line["queries_constant"], line
    by_name = {result.name: result for result in results}
    holders = by_name["voucher holders list"]
    assert holders.rows == 300 and holders.extra["rows_at_tenth"] == 30
    claim = by_name["voucher claim building"]
    assert claim.rows > claim.extra["rows_at_tenth"] > 0
    run_ = by_name["monthly credit run"]
    assert run_.extra["credited"] == 300 and run_.extra["second_run_credited"] == 0
    # Three holders in four were served each month built, within the month's credit.
    assert Redemption.objects.count() == LedgerEntry.objects.filter(kind="debit").count()
    assert LedgerEntry.objects.filter(kind="credit").count() == 600
    assert 400 <= Redemption.objects.count() <= 460
    assert not Resident.objects.filter(balance__lt=0).exists()
    call_command("check_voucher_ledger", verbosity=0)
    # The rolled-back operations left nothing behind.
    assert not Redemption.objects.filter(claim__isnull=False).exists()


def test_the_credit_run_costs_a_fixed_number_of_queries_per_batch(world):
    from tools.bench import data_vouchers
    from tools.bench.data import grow
    from tools.bench.vouchers import measure_credit_run

    grow(CITY, portal_user="bench-org", vouchers=False)
    queries = {}
    # The first size also fills what the process caches once (two queries when this test
    # runs first), so the sizes compared are the three after it.
    for holders in (20, 30, 60, 100):
        data_vouchers.grow(holders, 5)
        result = measure_credit_run(staff_user="bench-bureau", batch_size=10)
        assert result.extra["credited"] == holders and result.extra["batches"] == holders // 10
        queries[holders] = result.queries
        # Run again, nobody credited: the same batches, the same queries (no insert, no
        # balance update).
        assert result.extra["second_run_credited"] == 0
    assert (queries[60] - queries[30]) / 3 == (queries[100] - queries[60]) / 4
