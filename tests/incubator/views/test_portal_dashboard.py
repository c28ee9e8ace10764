"""The portal overview shows the organisation's own incubation, space and letters, at a
constant number of queries however many organisations there are."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.incubation.services.spaces import space_allocate
from incubator.models import Incubation, Space
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    issue_letter,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db


def _incubating_with_space(hub=None):
    organisation = OrganisationFactory(**({"hub": hub} if hub else {}))
    today = timezone.localdate()
    Incubation.objects.create(
        organisation=organisation,
        hub=organisation.hub,
        started_on=today - timedelta(days=30),
        planned_end_on=today + timedelta(days=300),
    )
    space = Space.objects.create(
        hub=organisation.hub, code=f"A-{organisation.pk}", kind="private_office", seats=4
    )
    space_allocate(
        space=space,
        organisation=organisation,
        seats=2,
        starts_on=today,
        ends_on=today + timedelta(days=90),
        by=bureau_officer(),
    )
    issue_letter(organisation)
    _grow_plan(organisation, 2)
    return organisation


def _grow_plan(organisation, count: int):
    today = timezone.localdate()
    for step in range(count):
        milestone_for(organisation, title=f"逾期 {step}", due_on=today - timedelta(days=step + 1))
        milestone_for(organisation, title=f"将到 {step}", due_on=today + timedelta(days=step + 1))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/en/portal/").status_code == 200
    return len(ctx.captured_queries)


def test_overview_shows_the_organisations_own_facts(client):
    organisation = _incubating_with_space()
    other = _incubating_with_space()
    client.force_login(member_of(organisation, "member"))
    html = client.get("/en/portal/").content.decode()
    assert f"A-{organisation.pk}" in html
    assert f"A-{other.pk}" not in html
    assert organisation.letters.get().reference in html
    assert str(date.today().year) in html


def test_overview_keeps_a_constant_query_count(client):
    organisation = _incubating_with_space()
    for _ in range(2):
        _incubating_with_space()
    client.force_login(member_of(organisation, "admin"))
    client.get("/en/portal/")
    few = _queries(client)
    for _ in range(27):
        _incubating_with_space()
    _grow_plan(organisation, 10)
    assert _queries(client) == few


def test_overview_lists_overdue_and_next_milestones_in_the_task_list(client):
    organisation = _incubating_with_space()
    client.force_login(member_of(organisation, "member"))
    html = client.get("/en/portal/").content.decode()
    now = html.split('id="todo-now"')[1].split('id="todo-coming"')[0]
    assert now.count("Overdue") == 2
    assert "逾期 0" in now and "将到 0" in now
