from datetime import timedelta

from django.utils import timezone, translation

import pytest

from tests.factories import (
    OrganisationFactory,
    build_public_site,
    incubation_for,
    letterhead_settings,
    member_of,
    tender_index,
    tender_page,
)


@pytest.fixture
def site(db):
    return build_public_site(guidance_count=0)


@pytest.fixture
def index(site):
    return tender_index(site.home_zh)


@pytest.fixture
def organisation(db):
    organisation = OrganisationFactory()
    incubation_for(organisation)
    return organisation


@pytest.fixture
def org_admin(organisation):
    return member_of(organisation, "admin", email="admin@example.org")


@pytest.fixture
def open_tender(index):
    return tender_page(index)


@pytest.fixture
def closed_tender(index):
    """A tender whose deadline passed yesterday."""
    now = timezone.now()
    return tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(days=1))


@pytest.fixture
def letterhead(db):
    return letterhead_settings()


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def org_admin_of_contract(contract):
    """An administrator of the contract's organisation (the factory's bidder admin)."""
    return contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
