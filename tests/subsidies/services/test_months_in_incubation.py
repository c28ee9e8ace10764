"""The months a subsidy covers lie inside the organisation's incubation: an organisation
admitted on 1 December is not paid for January to November."""

import re
from datetime import date

from django.urls import reverse

import pytest

from subsidies.services import subsidy_application_save_draft
from subsidies.services.common import LineError
from tests.factories import OrganisationFactory, incubation_for, scheme_factory, staff_line
from tests.factories.subsidies import org_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def admitted_in_december():
    organisation = OrganisationFactory()
    incubation_for(organisation, started_on=date(2026, 12, 1), planned_end_on=date(2028, 5, 31))
    return organisation


def _save(organisation, scheme, **line):
    return subsidy_application_save_draft(
        scheme=scheme,
        organisation=organisation,
        lines=[staff_line(**line)],
        by=org_admin(organisation),
    )


def test_months_before_the_incubation_are_refused_naming_the_months_allowed(
    admitted_in_december,
):
    with pytest.raises(LineError) as error:
        _save(admitted_in_december, scheme_factory(), months=12)
    message = error.value.errors[0]["months"]
    assert "incubation" in message
    assert "1 months from Dec. 1, 2026 to Dec. 31, 2026" in message


def test_the_months_inside_the_incubation_are_accepted(admitted_in_december):
    application = _save(admitted_in_december, scheme_factory(), months=1)
    assert application.eligible_total == 3000


def test_an_incubation_that_ended_bounds_the_months_too():
    organisation = OrganisationFactory()
    incubation = incubation_for(organisation, started_on=date(2025, 1, 1))
    incubation.ended_on = date(2026, 3, 31)
    incubation.save()
    with pytest.raises(LineError) as error:
        _save(organisation, scheme_factory(), months=4)
    assert "3 months" in error.value.errors[0]["months"]
    assert _save(organisation, scheme_factory(), months=3).lines.count() == 1


def test_no_month_of_the_period_inside_the_incubation_is_refused():
    organisation = OrganisationFactory()
    incubation_for(organisation, started_on=date(2026, 12, 15), planned_end_on=date(2028, 6, 14))
    with pytest.raises(LineError) as error:
        _save(organisation, scheme_factory(), months=1)
    assert "No whole month" in error.value.errors[0]["months"]


def test_the_form_says_the_months_must_lie_inside_the_incubation(client, admitted_in_december):
    scheme = scheme_factory()
    client.force_login(org_admin(admitted_in_december))
    html = client.get(reverse("subsidies:apply", kwargs={"scheme_pk": scheme.pk})).content.decode()
    assert "your organisation's incubation count" in html  # the months field
    text = re.sub(r"<[^>]+>", "", html)  # dates are <time> elements
    assert "incubation, Dec. 1, 2026 to May 31, 2028, may be covered" in text
