"""The budget page lists a scheme's applications fifty a page; the exports keep them all."""

from decimal import Decimal

import pytest

from subsidies.models import SubsidyApplication
from tests.exports import csv_rows
from tests.factories import HubFactory, OrganisationFactory, bureau_officer, scheme_factory

pytestmark = pytest.mark.django_db


def test_the_budget_page_lists_fifty_applications_a_page(client):
    client.force_login(bureau_officer())
    scheme = scheme_factory(envelope=Decimal("50000.00"))
    hub = HubFactory()
    organisations = OrganisationFactory.create_batch(55, hub=hub)
    SubsidyApplication.objects.bulk_create(
        SubsidyApplication(scheme=scheme, organisation=organisation)
        for organisation in organisations
    )
    url = f"/admin/schemes/budget/{scheme.pk}/"
    first = client.get(url).content.decode()
    assert first.count("/admin/subsidy_applications/inspect/") == 50
    assert "?p=2" in first
    second = client.get(f"{url}?p=2").content.decode()
    assert second.count("/admin/subsidy_applications/inspect/") == 5
    exported = csv_rows(client.get(f"{url}csv/"))
    assert len(exported) == 56  # the headings and every application
