"""The bench's feedback burst at a tiny size, on real threads with their own connections and a
committed site (on SQLite too: IMMEDIATE transactions queue its writers): every phone's answer
is stored once, its second tap refused, the figures add up, and the answers are gone after."""

import pytest

from tenders.models import Contract, FeedbackResponse
from tests.factories import awarded, build_public_site, tender_index
from tests.factories.sites import service_site
from tools.bench.burst import burst_result, feedback_burst, measure_feedback_burst

# Real threads with their own connections see only what is committed.
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site():
    index = tender_index(build_public_site(guidance_count=0).home_zh)
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    return service_site(Contract.objects.get(tender=tender.tender))


@committed
def test_eight_phones_on_four_threads_are_counted_once_each(site):
    burst = feedback_burst(site, phones=8, threads=4)
    assert burst["unexpected"] == [] and burst["submissions"] == 16
    assert burst["accepted"] == burst["stored"] == burst["phones_answered"] == 8
    assert burst["refused_repeats"] == 8
    assert burst["phones_answered_twice"] == burst["phones_accepted_twice"] == 0
    assert len(burst["timings"]) == 16 and burst["seconds"] > 0
    assert not FeedbackResponse.objects.exists()  # the burst cleans up after itself


@committed
def test_the_burst_is_a_bench_result_that_says_whether_it_met(site):
    result = measure_feedback_burst(site, phones=8, threads=4).as_dict()
    assert result["kind"] == "burst" and result["url"] == f"/zh-hans/feedback/{site.code}/"
    assert result["rows"] == 8 and result["lost"] == 0 and result["met"] is True
    assert result["p95_ms"] >= result["median_ms"] > 0 and result["requests_per_second"] > 0


@pytest.mark.parametrize(
    "change",
    [
        {"stored": 7, "phones_answered": 7},  # one answer lost
        {"stored": 9, "phones_answered_twice": 1},  # a double tap counted twice
        {"accepted": 9, "phones_accepted_twice": 1, "refused_repeats": 7},  # accepted twice
        {"unexpected_count": 1, "unexpected": ["10.77.0.1: 500"]},  # an error
    ],
)
def test_a_lost_or_doubled_answer_misses(change):
    figures = {
        "url": "/zh-hans/feedback/x/",
        "phones": 8,
        "threads": 4,
        "submissions": 16,
        "accepted": 8,
        "refused_repeats": 8,
        "unexpected": [],
        "unexpected_count": 0,
        "stored": 8,
        "phones_answered": 8,
        "phones_answered_twice": 0,
        "phones_accepted_twice": 0,
        "timings": [5.0] * 16,
        "seconds": 0.5,
    }
    assert burst_result(figures).extra["met"] is True
    assert burst_result({**figures, **change}).extra["met"] is False
