"""Submitting the bid form twice (a double click, a reload) submits once and attaches each
file once; the second submission says that nothing changed."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tenders.models import TenderBid

PDF = b"%PDF-1.7\n%%EOF\n"


def test_a_double_click_on_submit_submits_and_attaches_once(
    client, open_tender, organisation, org_admin
):
    client.force_login(org_admin)
    url = reverse("tenders_portal:bid", args=[open_tender.pk])
    token = re.search(
        r'name="submission_token" value="([0-9a-f-]+)"', client.get(url).content.decode()
    ).group(1)

    def post():
        return client.post(
            url,
            {
                "method_statement": "每周上门两次。",
                "staffing_plan": "社工三名。",
                "price": "200000.00",
                "declaration": "on",
                "attachments": [SimpleUploadedFile("plan.pdf", PDF)],
                "submit": "1",
                "submission_token": token,
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert post().status_code == 302
    second = post()
    assert second.status_code == 302
    bid = TenderBid.objects.get(tender=open_tender.tender, organisation=organisation)
    assert bid.status == TenderBid.Status.SUBMITTED
    assert bid.attachments.count() == 1
    page = client.get(second["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nothing was changed this time" in page
