"""Every state-changing form is safe to submit twice: a double click on "Allocate space"
stores one allocation, whether the second click comes after the first finished or at the
same moment (real threads with their own connections, on SQLite and PostgreSQL)."""

import re
import threading
from datetime import date

from django.contrib.messages import get_messages
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

import pytest

from incubator.models import FormSubmission, Incubation, Organisation, Space, SpaceAllocation
from tests.factories import HubFactory, OrganisationFactory, manager_of


def _setting():
    hub = HubFactory()
    organisation = OrganisationFactory(hub=hub, stage=Organisation.Stage.INCUBATING)
    Incubation.objects.create(
        organisation=organisation,
        hub=hub,
        started_on=date(2026, 1, 1),
        planned_end_on=date(2027, 12, 31),
    )
    space = Space.objects.create(hub=hub, code="A-201", kind="private_office", seats=4)
    return organisation, space, manager_of(hub)


def _form(client, organisation) -> tuple[str, str]:
    url = reverse("organisations:allocate", args=[organisation.pk])
    html = client.get(url).content.decode()
    token = re.search(r'name="submission_token" value="([0-9a-f-]+)"', html).group(1)
    return url, token


def _data(space, token, seats=2):
    return {
        "space": space.pk,
        "seats": seats,
        "starts_on": "2026-02-01",
        "ends_on": "2026-06-30",
        "submission_token": token,
    }


@pytest.mark.django_db
def test_the_second_submission_of_a_form_changes_nothing_and_says_so(client):
    organisation, space, manager = _setting()
    client.force_login(manager)
    url, token = _form(client, organisation)
    first = client.post(url, _data(space, token), HTTP_ACCEPT_LANGUAGE="en")
    second = client.post(url, _data(space, token), HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert SpaceAllocation.objects.filter(organisation=organisation).count() == 1
    said = [str(message) for message in get_messages(second.wsgi_request)]
    assert "This form was already submitted; nothing was changed this time." in said


@pytest.mark.django_db
def test_a_refused_submission_keeps_its_token_for_the_corrected_one(client):
    organisation, space, manager = _setting()
    client.force_login(manager)
    url, token = _form(client, organisation)
    refused = client.post(url, _data(space, token, seats=9))
    assert refused.status_code == 200
    assert f'value="{token}"' in refused.content.decode()
    assert not FormSubmission.objects.exists()
    assert client.post(url, _data(space, token)).status_code == 302
    assert SpaceAllocation.objects.filter(organisation=organisation).count() == 1


@pytest.mark.django_db
def test_each_rendering_of_a_form_has_its_own_token(client):
    organisation, space, manager = _setting()
    client.force_login(manager)
    assert _form(client, organisation)[1] != _form(client, organisation)[1]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_at_the_same_moment_stores_one_allocation():
    organisation, space, manager = _setting()
    client = Client()
    client.force_login(manager)
    url, token = _form(client, organisation)
    clicks = 4
    start = threading.Barrier(clicks)
    statuses, failed = [], []

    def click():
        try:
            own = Client()
            own.force_login(manager)
            start.wait()
            statuses.append(own.post(url, _data(space, token)).status_code)
        except Exception as error:  # pragma: no cover - reported by the assertion
            failed.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert statuses == [302] * clicks
    assert SpaceAllocation.objects.filter(organisation=organisation).count() == 1
    assert FormSubmission.objects.get().result_url.endswith(f"/{organisation.pk}/")
