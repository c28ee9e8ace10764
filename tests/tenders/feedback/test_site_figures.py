"""A site's answers are counted apart wherever their figures are shown: the verified ones (with
a card code), the others, and all of them, each with its mean rating; in the provider's portal
(the last 90 days) and on the back office's site page (since the site was added), in one query
however many answers there are."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tenders.feedback_selectors import feedback_figures
from tenders.models import FeedbackCode, ServiceSite
from tenders.services.feedback import feedback_codes_issue, feedback_submit
from tests.factories import member_of

pytestmark = pytest.mark.django_db

VERIFIED, UNVERIFIED, ALL = "已核验（凭卡片核验码）", "未核验（无核验码）", "全部评价"


@pytest.fixture
def provider(contract):
    return member_of(contract.organisation, "admin")


def _answers(site, officer, *, verified, unverified, first=0, now=None):
    """``verified`` ratings given with fresh card codes and ``unverified`` ones without."""
    feedback_codes_issue(site=site, count=max(len(verified), 1), by=officer)
    codes = FeedbackCode.objects.filter(site=site, used_at__isnull=True).order_by("pk")
    n = first
    for rating, card in zip(verified, codes, strict=False):
        n += 1
        feedback_submit(site=site, rating=rating, device_token=f"v{n}", code=card.code, now=now)
    for rating in unverified:
        n += 1
        feedback_submit(site=site, rating=rating, device_token=f"u{n}", now=now)


def _row(html: str, label: str) -> list[str]:
    """The cells of the figures' row headed ``label``."""
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", html, re.S)
    assert match, label
    return [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", match.group(1), re.S)]


def test_the_selector_counts_verified_and_unverified_apart_in_one_query(site, officer):
    _answers(site, officer, verified=[5, 4], unverified=[1, 2, 3])
    with CaptureQueriesContext(connection) as queries:
        figures = site.feedback.aggregate(**feedback_figures())
    assert len(queries) == 1
    assert figures["answers"] == 5 and figures["mean_rating"] == pytest.approx(3.0)
    assert (figures["verified_answers"], figures["verified_mean"]) == (2, pytest.approx(4.5))
    assert (figures["unverified_answers"], figures["unverified_mean"]) == (3, pytest.approx(2.0))
    annotated = ServiceSite.objects.annotate(**feedback_figures(path="feedback__")).get()
    assert (annotated.verified_answers, annotated.unverified_answers) == (2, 3)


def test_the_portal_shows_verified_and_unverified_apart(client, site, officer, provider):
    _answers(site, officer, verified=[5, 4], unverified=[1, 2, 3])
    # Older than the portal's 90 days: counted on neither line there.
    _answers(
        site,
        officer,
        verified=[1],
        unverified=[5],
        first=10,
        now=timezone.now() - timedelta(days=100),
    )
    client.force_login(provider)
    for url in ("/zh-hans/portal/tenders/sites/", f"/zh-hans/portal/tenders/sites/{site.pk}/"):
        html = client.get(url).content.decode()
        assert _row(html, VERIFIED) == ["2", "4.5"], url
        assert _row(html, UNVERIFIED) == ["3", "2.0"], url
        assert _row(html, ALL) == ["5", "3.0"], url


def test_the_back_office_site_page_shows_verified_and_unverified_apart(client, site, officer):
    _answers(site, officer, verified=[], unverified=[4, 2])
    client.force_login(officer)
    url = f"/admin/service_sites/inspect/{site.pk}/"
    html = client.get(url).content.decode()
    assert _row(html, VERIFIED) == ["0", "—"] and _row(html, UNVERIFIED) == ["2", "3.0"]
    assert _row(html, ALL) == ["2", "3.0"]


def test_the_back_office_site_page_keeps_its_query_count_as_answers_grow(client, site, officer):
    client.force_login(officer)
    url = f"/admin/service_sites/inspect/{site.pk}/"
    _answers(site, officer, verified=[3], unverified=[4])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _answers(site, officer, verified=[5] * 12, unverified=[2] * 15, first=2)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert _row(html, VERIFIED)[0] == "13" and _row(html, UNVERIFIED)[0] == "16"
    assert len(many.captured_queries) == len(few.captured_queries)
