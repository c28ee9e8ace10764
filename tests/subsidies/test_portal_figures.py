"""The portal states a scheme's rules as people read them: shares as percentages, amounts
in yuan."""

from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, member_of, scheme_factory

pytestmark = pytest.mark.django_db


def test_the_application_form_states_the_share_as_a_percentage(client):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, "admin"))
    scheme = scheme_factory(share=Decimal("0.50"), monthly_cap=Decimal("3000.00"))
    html = client.get(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/").content.decode()
    assert "pays 50 % of each monthly salary" in html
    assert "0.50" not in html
    assert "¥3,000.00" in html
