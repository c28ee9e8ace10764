"""The organisation's side: drafts computed by the server, the rules per line, the window,
eligibility, one live application per scheme, withdrawal."""

from datetime import date, timedelta
from decimal import Decimal

from django.core import mail
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import SubsidyApplication
from subsidies.services import (
    subsidy_application_save_draft,
    subsidy_application_submit,
    subsidy_application_withdraw,
)
from subsidies.services.common import LineError
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    draft_application,
    member_of,
    payroll,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.factories.subsidies import org_admin

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def scheme():
    return scheme_factory()


def test_a_draft_gets_its_eligible_amounts_from_the_server(organisation, scheme):
    application = draft_application(
        organisation,
        scheme,
        lines=[
            staff_line(monthly_salary=Decimal("4567.89")),
            staff_line(name="周强", qualification="senior", monthly_salary=Decimal("12000")),
        ],
    )
    amounts = list(application.lines.values_list("eligible_amount", flat=True))
    assert amounts == [Decimal("27407.40"), Decimal("60000.00")]
    application.refresh_from_db()
    assert application.eligible_total == Decimal("87407.40")
    assert application.status == S.DRAFT


def test_saving_again_replaces_the_lines(organisation, scheme):
    application = draft_application(organisation, scheme)
    subsidy_application_save_draft(
        scheme=scheme,
        organisation=organisation,
        application=application,
        lines=[staff_line(months=6)],
        by=org_admin(organisation),
    )
    application.refresh_from_db()
    assert application.lines.count() == 1
    assert application.eligible_total == Decimal("18000.00")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"monthly_salary": Decimal("0")}, "monthly_salary"),
        ({"monthly_salary": Decimal("-5")}, "monthly_salary"),
        ({"months": 0}, "months"),
        ({"months": 13}, "months"),
        # Employed from July: only six months of 2026 are left.
        ({"employment_started_on": date(2026, 7, 1), "months": 7}, "months"),
        ({"employment_started_on": date(2027, 1, 1), "months": 1}, "employment_started_on"),
        ({"name": " "}, "name"),
    ],
)
def test_a_line_breaking_the_rules_is_refused_by_field(organisation, scheme, line, field):
    with pytest.raises(LineError) as refused:
        draft_application(organisation, scheme, lines=[staff_line(), staff_line(**line)])
    assert list(refused.value.errors) == [1]
    assert field in refused.value.errors[1]
    assert not SubsidyApplication.objects.exists()


def test_no_more_lines_than_the_scheme_allows(organisation):
    scheme = scheme_factory(max_lines=2)
    with pytest.raises(ServiceError) as refused:
        draft_application(organisation, scheme, lines=[staff_line()] * 3)
    assert refused.value.code == "too_many_lines"


def test_only_eligible_stages_and_hubs_may_apply():
    applicant = OrganisationFactory(stage="applicant")
    with pytest.raises(ServiceError) as refused:
        draft_application(applicant, scheme_factory())
    assert refused.value.code == "stage_not_eligible"
    other_hub_scheme = scheme_factory(hubs=[HubFactory()])
    with pytest.raises(ServiceError) as refused:
        draft_application(OrganisationFactory(), other_hub_scheme)
    assert refused.value.code == "hub_not_eligible"


def test_one_live_application_per_scheme(organisation, scheme):
    first = draft_application(organisation, scheme)
    with pytest.raises(ServiceError) as refused:
        draft_application(organisation, scheme)
    assert refused.value.code == "already_applied"
    subsidy_application_withdraw(application=first, by=org_admin(organisation))
    assert draft_application(organisation, scheme).status == S.DRAFT


def test_only_the_organisations_admin_saves(organisation, scheme):
    member = member_of(organisation, "member")
    with pytest.raises(ServiceError) as refused:
        draft_application(organisation, scheme, by=member)
    assert refused.value.code == "not_allowed"


def test_submission_outside_the_window_names_the_window(organisation):
    now = timezone.now()
    scheme = scheme_factory(opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    application = draft_application(organisation, scheme)
    with pytest.raises(ServiceError) as refused:
        subsidy_application_submit(application=application, by=org_admin(organisation))
    assert refused.value.code == "outside_window"
    assert scheme.name in str(refused.value)
    assert "China Standard Time" in str(refused.value)


def test_a_new_draft_after_closing_is_refused(organisation):
    now = timezone.now()
    scheme = scheme_factory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    with pytest.raises(ServiceError) as refused:
        draft_application(organisation, scheme)
    assert refused.value.code == "scheme_closed"


def test_submitting_needs_the_payroll(organisation, scheme):
    application = draft_application(organisation, scheme, attachments=[])
    with pytest.raises(ServiceError) as refused:
        subsidy_application_submit(application=application, by=org_admin(organisation))
    assert refused.value.code == "payroll_required"


def test_submission_emails_the_admins_in_both_languages(
    organisation, scheme, django_capture_on_commit_callbacks
):
    application = draft_application(organisation, scheme)
    admin = org_admin(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        subsidy_application_submit(application=application, by=admin)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at is not None
    (message,) = mail.outbox
    assert message.to == [admin.email]
    assert scheme.name in message.subject
    assert scheme.name in message.body and "was submitted" in message.body


def test_a_submitted_application_cannot_be_edited(organisation, scheme):
    application = submitted_application(organisation, scheme)
    with pytest.raises(ServiceError) as refused:
        subsidy_application_save_draft(
            scheme=scheme,
            organisation=organisation,
            application=application,
            lines=[staff_line()],
            attachments=[payroll()],
            by=org_admin(organisation),
        )
    assert refused.value.code == "move_refused"


def test_withdraw_before_a_decision_only(organisation, scheme):
    application = submitted_application(organisation, scheme)
    withdrawn = subsidy_application_withdraw(application=application, by=org_admin(organisation))
    assert withdrawn.status == S.WITHDRAWN
    with pytest.raises(ServiceError) as refused:
        subsidy_application_withdraw(application=application, by=org_admin(organisation))
    assert refused.value.code == "move_refused"
