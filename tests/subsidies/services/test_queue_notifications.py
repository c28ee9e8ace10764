"""Each step of a subsidy application tells who it now waits for, and nobody else: submitted,
its hub's managers; recommended, the bureau officers who decide; approved, those who record
payments. What waited is done once the application moves on, whoever moved it."""

from datetime import date
from decimal import Decimal

import pytest

from incubator.kernel.roles import Role
from incubator.models import Notification
from subsidies.models import SubsidyApplication
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_disburse,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
    subsidy_application_withdraw,
)
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    letterhead_settings,
    manager_of,
    scheme_factory,
    staff_with_role,
    submitted_application,
)
from tests.factories.subsidies import hub_manager, org_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def people():
    organisation = OrganisationFactory()
    return {
        "organisation": organisation,
        "manager": manager_of(organisation.hub),
        "other_manager": manager_of(OrganisationFactory().hub),
        "officer": bureau_officer(),
        "evaluator": staff_with_role(Role.EVALUATOR),
    }


def waiting(application, kind: str) -> set:
    """Who has an open notification of ``kind`` about ``application``."""
    return set(
        Notification.objects.filter(
            item_key=f"subsidies.subsidyapplication:{application.pk}",
            kind=f"subsidies/email/{kind}",
            done_at__isnull=True,
        ).values_list("user__username", flat=True)
    )


def names(*users) -> set:
    return {user.username for user in users}


def test_a_submitted_application_waits_for_its_hubs_managers_only(people):
    application = submitted_application(people["organisation"], scheme_factory())
    assert waiting(application, "queue_recommend") == names(people["manager"])
    notification = Notification.objects.get(user=people["manager"], kind__endswith="recommend")
    assert notification.url == f"/admin/subsidy_applications/inspect/{application.pk}/"


def test_each_step_tells_the_next_queue_and_closes_the_last(people):
    application = submitted_application(people["organisation"], scheme_factory())
    subsidy_application_recommend(application=application, by=people["manager"])
    assert waiting(application, "queue_recommend") == set()
    assert waiting(application, "queue_decide") == names(people["officer"])

    subsidy_application_approve(application=application, by=people["officer"])
    assert waiting(application, "queue_decide") == set()
    assert waiting(application, "queue_pay") == names(people["officer"])

    application.refresh_from_db()
    subsidy_application_disburse(
        application=application,
        amount=Decimal("1000.00"),
        paid_on=date(2026, 7, 1),
        payment_reference="TC-2026-0001",
        by=people["officer"],
    )
    assert waiting(application, "queue_pay") == set()
    assert Notification.objects.filter(
        user=people["officer"], kind="subsidies/email/queue_pay", done_at__isnull=False
    ).exists()


def test_returning_closes_the_managers_notification_and_resubmitting_opens_another(people):
    from subsidies.services import subsidy_application_submit

    application = submitted_application(people["organisation"], scheme_factory())
    subsidy_application_return(application=application, reason="缺工资表", by=people["manager"])
    assert waiting(application, "queue_recommend") == set()
    application.refresh_from_db()
    subsidy_application_submit(application=application, by=org_admin(people["organisation"]))
    assert waiting(application, "queue_recommend") == names(people["manager"])


def test_rejecting_closes_the_bureaus_notification(people):
    application = submitted_application(people["organisation"], scheme_factory())
    subsidy_application_recommend(application=application, by=hub_manager(application.organisation))
    second_officer = bureau_officer()
    subsidy_application_reject(application=application, reason="不符合条件", by=second_officer)
    assert waiting(application, "queue_decide") == set()
    assert Notification.objects.filter(
        user=people["officer"], kind="subsidies/email/queue_decide", done_at__isnull=False
    ).exists()


def test_withdrawing_closes_what_waited(people):
    application = submitted_application(people["organisation"], scheme_factory())
    subsidy_application_withdraw(application=application, by=org_admin(people["organisation"]))
    assert waiting(application, "queue_recommend") == set()
    assert SubsidyApplication.objects.get(pk=application.pk).status == "withdrawn"
