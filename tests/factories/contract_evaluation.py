"""Third-party contract evaluators and their grants, made directly (the services are under
test elsewhere): a grant's period and declaration are whatever the test needs."""

from datetime import timedelta

from django.utils import timezone

from incubator.kernel.roles import Role
from tenders.models import ContractEvaluatorGrant

from .organisations import staff_with_role


def contract_evaluator(**user_fields):
    """A new user holding the third-party contract evaluator role."""
    return staff_with_role(Role.CONTRACT_EVALUATOR, **user_fields)


def evaluator_grant(contract, evaluator, *, starts=-1, ends=30, conflict="", **fields):
    """A grant of ``contract`` to ``evaluator`` from ``starts`` to ``ends`` days from today;
    ``conflict`` ("none" or a ground) makes it declared."""
    today = timezone.localdate()
    return ContractEvaluatorGrant.objects.create(
        contract=contract,
        evaluator=evaluator,
        evaluating_organisation="苏州某社会组织评估中心",
        starts_on=today + timedelta(days=starts),
        ends_on=today + timedelta(days=ends),
        granted_at=timezone.now(),
        declared_at=timezone.now() if conflict else None,
        conflict=conflict,
        **fields,
    )
