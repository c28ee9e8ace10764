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
    member_of,
    tender_index,
    tender_page,
)
from tools.bench.data import Scale, counts
from tools.bench.run import run

TINY = Scale(hubs=3, organisations=20, tenders=10, bids=20, subsidy_applications=40, milestones=60)
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
    organisation = OrganisationFactory()
    incubation_for(organisation)
    member_of(organisation, "admin", username="bench-org")
    bureau_officer(username="bench-bureau")


def test_the_bench_builds_the_city_and_measures_every_page(world):
    results = run(
        TINY,
        repeat=1,
        warmup=1,
        letters=0,
        portal_user="bench-org",
        staff_user="bench-bureau",
    )
    assert counts() == TINY.as_dict()
    assert [result.name for result in results] == [
        "public home page",
        "tender index",
        "tender page",
        "portal dashboard",
        "admin organisation list",
        "admin subsidy application list",
        "scheme budget",
        "bureau dashboard",
    ]
    for result in results:
        line = json.loads(json.dumps(result.as_dict()))
        assert set(line) >= PAGE_FIELDS, line
        assert line["queries"] > 0 and line["median_ms"] > 0
        assert line["queries_constant"] == (line["queries"] == line["queries_at_tenth"])


def test_a_fraction_of_the_city_keeps_at_least_two_hubs():
    assert Scale().fraction(0.1) == Scale(
        hubs=2, organisations=500, tenders=50, bids=1000, subsidy_applications=2000, milestones=5000
    )
