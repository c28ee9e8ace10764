"""Content Security Policy: every page carries one; public and portal pages allow no inline
script but the request's nonce, and the back office gets its own relaxed policy without
outside hosts."""

import re

from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

import pytest

from tests.factories import OrganisationFactory, bureau_officer, member_of

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def _directives(response) -> dict[str, list[str]]:
    policy = response[HEADER]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _assert_strict(response):
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


def _no_outside_host(response):
    for values in _directives(response).values():
        for value in values:
            assert value.startswith("'") or value in {"data:", "blob:"}, value


def test_a_public_page_has_the_strict_policy(client, public_site):
    response = client.get("/en/")
    assert response.status_code == 200
    _assert_strict(response)
    _no_outside_host(response)


def test_a_portal_page_has_the_strict_policy(client):
    client.force_login(member_of(OrganisationFactory(), role="admin"))
    response = client.get("/en/portal/")
    assert response.status_code == 200
    _assert_strict(response)
    _no_outside_host(response)


def test_the_back_office_has_its_own_policy_without_outside_hosts(client):
    client.force_login(bureau_officer())
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = _directives(response)
    # Wagtail 8 writes inline scripts and styles that cannot carry a nonce.
    assert "'unsafe-inline'" in directives["script-src"]
    assert not any(value.startswith("'nonce-") for value in directives["script-src"])
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    # Only our own frames: the page preview.
    assert directives["frame-ancestors"] == ["'self'"]
    _no_outside_host(response)


def test_the_login_page_has_the_strict_policy(client):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    _assert_strict(response)


def _page_with_inline_script(request):
    template = Template(
        '<!DOCTYPE html><script nonce="{{ request.csp_nonce }}">document.title = "x";</script>'
    )
    return HttpResponse(template.render(RequestContext(request)))


urlpatterns = [path("inline-script/", _page_with_inline_script)]


@pytest.mark.urls(__name__)
def test_the_nonce_in_the_header_matches_the_script_tag(client):
    first, second = client.get("/inline-script/"), client.get("/inline-script/")
    nonces = []
    for response in (first, second):
        (in_tag,) = re.findall(r'<script nonce="([^"]+)">', response.content.decode())
        assert f"'nonce-{in_tag}'" in _directives(response)["script-src"]
        nonces.append(in_tag)
    assert nonces[0] != nonces[1], "a nonce is never reused"


def test_no_nonce_is_sent_when_no_template_asks_for_one(client, public_site):
    assert "'nonce-" not in client.get("/en/")[HEADER]
