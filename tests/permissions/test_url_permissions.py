"""The permission harness: every URL pattern we add is registered with the roles allowed to use
it; each is requested by every actor, and everyone else is refused.

The world is built once per module and process, inside a transaction that is rolled back when
the module ends; each test runs in a savepoint of it (pytest-django's ``db``), so what one
test changes (a POST that succeeds) is undone before the next, as with a world of its own."""

import pytest

from tests.permissions.harness import (
    our_patterns,
    refusal_problem,
    request_as,
    url_for,
)
from tests.permissions.registry import EXTRA_PATTERNS, REGISTRY
from tests.permissions.world import ACTORS, build_world
from tests.shared_data import rolled_back_at_the_end

RULES = {**REGISTRY, **EXTRA_PATTERNS}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The shared world of this module, rolled back at its end."""
    with rolled_back_at_the_end(django_db_blocker):
        yield build_world()


def test_every_url_pattern_we_add_is_registered():
    unregistered = sorted(set(our_patterns()) - set(REGISTRY))
    assert not unregistered, (
        f"register these URL patterns in tests/permissions/registry_<area>.py: {unregistered}"
    )


def test_the_registry_names_no_pattern_that_does_not_exist():
    assert not sorted(set(REGISTRY) - set(our_patterns()))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(RULES))
def test_only_the_allowed_roles_get_through(client, world, name):
    rule = RULES[name]
    url = url_for(name, rule, world)
    refused = [actor for actor in ACTORS if actor not in rule.allowed]
    allowed = [actor for actor in ACTORS if actor in rule.allowed]
    if rule.object is not None:
        for required in ("anonymous", "org_b_admin", "hub_b_manager", "evaluator"):
            assert required in refused, f"{name}: {required} must never reach an object of A"
    problems = []
    for actor in refused:
        response = request_as(client, world.users[actor], rule, url)
        problem = refusal_problem(response, rule)
        if problem:
            problems.append(f"{actor} was not refused: {problem}")
    # A POST that changes something succeeds once; the refused requests above changed nothing.
    for actor in allowed[:1] if rule.method == "post" else allowed:
        response = request_as(client, world.users[actor], rule, url)
        if response.status_code != rule.success:
            problems.append(
                f"{actor} should get {rule.success}, got {response.status_code} "
                f"{response.get('Location', '')}"
            )
    assert not problems, f"{name} ({url}):\n" + "\n".join(problems)
