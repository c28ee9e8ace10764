"""POSTs without a CSRF token are refused: every URL pattern we add (the permission registry
lists them all: portal, intake, accounts, letters, back-office actions) answers 403 to a
token-less POST from a user allowed to use it, and nothing in the database changes."""

from django.apps import apps
from django.test import Client

import pytest

from tests.permissions.harness import url_for
from tests.permissions.registry import EXTRA_PATTERNS, REGISTRY
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db

RULES = {**REGISTRY, **EXTRA_PATTERNS}
# Not axes: signing the actors in (force_login) is logged there.
WATCHED_APPS = ("incubator", "subsidies", "tenders", "cms", "auth", "wagtailcore")


def _snapshot() -> dict:
    """Row counts of every model of ours, of users, and of Wagtail's logs and pages."""
    return {
        model._meta.label: model._default_manager.count()
        for app in WATCHED_APPS
        for model in apps.get_app_config(app).get_models()
        if not model._meta.proxy
    }


def _actor(rule, world):
    """Someone the rule lets through (anonymous where everyone may), so that only the missing
    token can explain a refusal."""
    for name in sorted(rule.allowed):
        if name != "anonymous":
            return world.users[name]
    return None


def _data(rule) -> dict:
    return rule.data or {
        "reason": "x",
        "note": "x",
        "question": "x",
        "email": "someone@example.org",
        "role": "member",
    }


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing():
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    before = _snapshot()
    answers = {}
    for name, rule in sorted(RULES.items()):
        url = url_for(name, rule, world)
        actor = _actor(rule, world)
        client.logout()
        if actor is not None:
            client.force_login(actor)
        answers[name] = client.post(url, _data(rule)).status_code
    not_refused = {name: status for name, status in answers.items() if status != 403}
    assert not not_refused, f"answered without a CSRF token: {not_refused}"
    assert _snapshot() == before


def test_the_same_post_with_its_token_gets_through():
    """The control: the refusals above come from the missing token, not from the request."""
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["org_a_admin"])
    rule = REGISTRY["portal:invite"]
    url = url_for("portal:invite", rule, world)
    client.get(url_for("portal:members", REGISTRY["portal:members"], world))
    token = client.cookies["csrftoken"].value
    response = client.post(url, {**rule.data, "csrfmiddlewaretoken": token})
    assert response.status_code == rule.success
    assert response.status_code != 403


@pytest.mark.parametrize("url", ["/admin/login/", "/en/accounts/login/"])
def test_a_login_without_a_csrf_token_is_refused(url):
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"username": "org_a_admin", "password": "x"})
    assert response.status_code == 403
    world.users["org_a_admin"].refresh_from_db()
    assert world.users["org_a_admin"].last_login is None
