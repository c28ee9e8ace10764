"""Every service against every status: a move outside ``ALLOWED_MOVES`` is refused with
"move_refused", and a move inside it is not refused for its status."""

from datetime import date
from decimal import Decimal

from django.db import transaction

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import Scheme, SubsidyApplication
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_disburse,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
    subsidy_application_submit,
    subsidy_application_withdraw,
)
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    letterhead_settings,
    scheme_factory,
    submitted_application,
)
from tests.factories.subsidies import hub_manager, org_admin

pytestmark = pytest.mark.django_db
S = SubsidyApplication.Status

# Each service, the status it moves to, and how to call it on an application.
SERVICES = {
    "submit": (
        S.SUBMITTED,
        lambda app, who: subsidy_application_submit(application=app, by=who["admin"]),
    ),
    "withdraw": (
        S.WITHDRAWN,
        lambda app, who: subsidy_application_withdraw(application=app, by=who["admin"]),
    ),
    "recommend": (
        S.RECOMMENDED,
        lambda app, who: subsidy_application_recommend(application=app, by=who["manager"]),
    ),
    "return": (
        S.RETURNED,
        lambda app, who: subsidy_application_return(
            application=app, reason="补充材料", by=who["manager"]
        ),
    ),
    "approve": (
        S.APPROVED,
        lambda app, who: subsidy_application_approve(application=app, by=who["bureau"]),
    ),
    "reject": (
        S.REJECTED,
        lambda app, who: subsidy_application_reject(
            application=app, reason="不符合", by=who["bureau"]
        ),
    ),
    "disburse": (
        S.COMPLETED,
        lambda app, who: subsidy_application_disburse(
            application=app,
            amount=Decimal("100.00"),
            paid_on=date(2026, 7, 1),
            payment_reference="TC-1",
            by=who["bureau"],
        ),
    ),
}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_every_pair_of_status_and_service(monkeypatch, status, service):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    organisation = OrganisationFactory()
    application = submitted_application(organisation, scheme_factory())
    committed = status in SubsidyApplication.COMMITTED
    SubsidyApplication.objects.filter(pk=application.pk).update(
        status=status,
        return_reason="理由",
        rejection_reason="理由",
        approved_amount=Decimal("1000.00") if committed else None,
    )
    if committed:
        Scheme.objects.filter(pk=application.scheme_id).update(approved_total=Decimal("1000.00"))
    who = {
        "admin": org_admin(organisation),
        "manager": hub_manager(organisation),
        "bureau": bureau_officer(),
    }
    target, call = SERVICES[service]
    allowed = target in SubsidyApplication.ALLOWED_MOVES[status] or (
        service == "disburse" and S.DISBURSING in SubsidyApplication.ALLOWED_MOVES[status]
    )
    code = None
    try:
        with transaction.atomic():
            call(application, who)
    except ServiceError as error:
        code = error.code
    if allowed:
        assert code != "move_refused"
    else:
        assert code == "move_refused"
