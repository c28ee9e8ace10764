"""Public forms refuse floods from one address with a translated 429, and count per address."""

import pytest

from tests.factories import OrganisationFactory, issue_letter

pytestmark = pytest.mark.django_db


def test_letter_codes_cannot_be_tried_by_the_thousand(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "letter_verify": (3, 600)}
    letter = issue_letter(OrganisationFactory())
    for _ in range(3):
        assert client.get("/en/letters/verify/no-such-code/").status_code == 404
    response = client.get(f"/zh-hans/letters/verify/{letter.verification_code}/")
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    other = client.get(f"/en/letters/verify/{letter.verification_code}/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_the_intake_form_limits_posts_not_reading(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "intake": (2, 3600)}
    for _ in range(2):
        assert client.post("/en/incubator/apply/", {"name": ""}).status_code == 200
    response = client.post("/en/incubator/apply/", {"name": ""})
    assert response.status_code == 429
    assert "Please try again in" in response.content.decode()
    assert client.get("/en/incubator/apply/").status_code == 200


def test_clarification_questions_are_limited(client, settings):
    from tests.factories import incubation_for, member_of, tender_index, tender_page
    from tests.factories.pages import build_public_site

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "clarification": (1, 3600)}
    site = build_public_site()
    organisation = OrganisationFactory()
    incubation_for(organisation)
    client.force_login(member_of(organisation, "member"))
    tender = tender_page(tender_index(site.home_zh))
    url = f"/en/portal/tenders/{tender.pk}/ask/"
    assert client.post(url, {"question": "是否接受联合体投标？"}).status_code == 302
    assert client.post(url, {"question": "再问一次"}).status_code == 429


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_passes_on(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "letter_verify": (2, 600)}
    settings.RATE_LIMIT_CLIENT_IP_HEADER = "X-Forwarded-For"
    url = "/en/letters/verify/no-such-code/"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 404
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    # Another client behind the same proxy has its own count; what a client puts in front of
    # the proxy's entry does not change whose request it is.
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy).status_code == 404
    spoofed = client.get(url, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)
    assert spoofed.status_code == 429


def test_without_the_setting_a_forwarded_header_is_ignored(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "letter_verify": (1, 600)}
    url = "/en/letters/verify/no-such-code/"
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 404
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 429
