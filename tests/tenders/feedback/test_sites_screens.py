"""The provider's service sites in the portal (figures, masked comments, hidden ones counted
only, the poster) and the back office's poster: an A4 PDF with the site's name and the address
of its feedback page; constant queries as answers grow."""

import re
import subprocess

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tenders.feedback_poster import feedback_url, poster_pdf
from tenders.models import FeedbackCode, FeedbackResponse
from tenders.services.feedback import feedback_codes_issue, feedback_moderate, feedback_submit
from tests.factories import letterhead_settings, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(contract):
    return member_of(contract.organisation, "admin")


def _answer(site, n, rating=4, comment=""):
    return feedback_submit(site=site, rating=rating, comment=comment, device_token=f"phone-{n}")


def test_the_provider_sees_its_sites_figures_and_masked_comments(client, site, provider, officer):
    _answer(site, 1, 5, "护理员很耐心。")
    _answer(site, 2, 2, "送餐晚了，打我电话13812345678。")
    rude = _answer(site, 3, 1, "骂人的话。")
    feedback_moderate(response=rude, publish=False, reason="辱骂", by=officer)
    client.force_login(provider)
    listing = client.get("/zh-hans/portal/tenders/sites/").content.decode()
    assert site.name in listing and "3条评价，平均2.7分" in listing
    page = client.get(f"/zh-hans/portal/tenders/sites/{site.pk}/").content.decode()
    assert "护理员很耐心。" in page and "打我电话[手机号]" in page
    assert "13812345678" not in page and "骂人的话" not in page
    assert "有1条留言被民政局隐藏" in page and feedback_url(site) in page


def test_another_organisations_member_gets_404(client, site, index):
    from tests.factories import OrganisationFactory, incubation_for

    stranger = OrganisationFactory()
    incubation_for(stranger)
    client.force_login(member_of(stranger, "admin"))
    for path in (f"sites/{site.pk}/", f"sites/{site.pk}/poster/"):
        assert client.get(f"/zh-hans/portal/tenders/{path}").status_code == 404
    assert site.name not in client.get("/zh-hans/portal/tenders/sites/").content.decode()


def test_the_site_page_keeps_its_query_count_as_answers_grow(client, site, provider, officer):
    client.force_login(provider)
    feedback_codes_issue(site=site, count=8, by=officer)
    codes = iter(FeedbackCode.objects.order_by("pk").values_list("code", flat=True))
    for url in (f"/zh-hans/portal/tenders/sites/{site.pk}/", "/zh-hans/portal/tenders/sites/"):
        FeedbackResponse.objects.all().delete()
        _answer(site, 0, 3, "一般。")
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        # Verified and unverified answers, with and without comments: still the same queries.
        for n in range(1, 8):
            _answer(site, n, 4, f"第{n}条留言。")
        for n in range(8, 12):
            feedback_submit(site=site, rating=5, device_token=f"phone-{n}", code=next(codes))
        with CaptureQueriesContext(connection) as many:
            client.get(url)
        assert len(many.captured_queries) == len(few.captured_queries), url


def test_the_poster_is_an_a4_pdf_with_the_site_and_its_address(site, tmp_path):
    letterhead_settings()
    pdf = poster_pdf(site)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "(A4)" in info and re.search(r"^Pages:\s+1$", info, re.M)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert site.name in text and "今天的服务怎么样" in text
    assert feedback_url(site) in text.replace("\n", "")


def test_officers_and_the_provider_download_the_poster(client, site, provider, officer):
    letterhead_settings()
    client.force_login(officer)
    response = client.get(f"/admin/service_sites/poster/{site.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(provider)
    response = client.get(f"/zh-hans/portal/tenders/sites/{site.pk}/poster/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
