"""The harness itself: it notices an unregistered URL, and it counts a leak as a failure."""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect

from tests.permissions.harness import our_patterns, refusal_problem
from tests.permissions.registry import REGISTRY, Rule


def test_a_new_url_without_a_registration_is_found():
    found = our_patterns("tests.permissions.urls_with_an_unregistered_view")
    assert "forgotten_report" in found
    assert "forgotten_report" not in REGISTRY
    assert sorted(set(found) - set(REGISTRY)) == ["forgotten_report"]


def test_the_harness_sees_wagtail_viewset_urls_of_our_models():
    found = our_patterns()
    assert {"hubs:edit", "organisations:inspect", "files:organisation_document"} <= set(found)
    assert "wagtailadmin_pages:edit" not in found  # Wagtail's own pages are Wagtail's concern


def test_an_object_shown_to_a_refused_actor_counts_as_a_leak():
    rule = Rule(frozenset(), object="document")
    assert refusal_problem(HttpResponse("ok"), rule)
    assert refusal_problem(HttpResponse(status=403), rule)
    assert refusal_problem(HttpResponseRedirect("/admin/"), rule)
    assert refusal_problem(HttpResponseNotFound(), rule) is None
    assert refusal_problem(HttpResponseRedirect("/en/accounts/login/?next=/x/"), rule) is None


def test_a_list_page_refuses_with_anything_but_success():
    rule = Rule(frozenset())
    assert refusal_problem(HttpResponse("ok"), rule)
    assert refusal_problem(HttpResponse(status=403), rule) is None
    assert refusal_problem(HttpResponseRedirect("/admin/login/"), rule) is None
