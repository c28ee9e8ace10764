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
