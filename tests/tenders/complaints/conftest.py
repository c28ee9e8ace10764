"""A contracted day-care centre taking feedback, its provider's member, a bureau officer, the
manager of the provider's hub, a member of another organisation and the manager of another
hub; ``file`` files a complaint about the site at a given moment."""

from datetime import datetime

from django.utils import timezone

import pytest

from tenders.models import Contract
from tenders.services.complaints import complaint_file
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    awarded,
    bureau_officer,
    manager_of,
    member_of,
)
from tests.factories.sites import service_site


@pytest.fixture
def contract(index):
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    return Contract.objects.select_related("organisation").get(tender=tender.tender)


@pytest.fixture
def site(contract):
    return service_site(contract)


@pytest.fixture
def officer(db):
    return bureau_officer()


@pytest.fixture
def provider(contract):
    return member_of(contract.organisation, "member", first_name="秀兰", last_name="周")


@pytest.fixture
def hub_manager(contract):
    return manager_of(contract.organisation.hub)


@pytest.fixture
def other_member(db):
    return member_of(OrganisationFactory(), "admin")


@pytest.fixture
def other_manager(db):
    return manager_of(HubFactory())


def at(year, month, day, hour=10):
    """A moment in China Standard Time."""
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def file(site):
    def filing(now=None, **fields):
        values = {"category": "meals", "description": "午饭送到时已经凉了，连续三天如此。"}
        values.update(fields)
        return complaint_file(site=site, now=now, **values)

    return filing
