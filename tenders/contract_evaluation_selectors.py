"""Who reads and does what in the independent evaluation of contracts (beside
``tenders.selectors``, which stays under its size). An evaluator's rights come only from a
grant that is active today: within its period (China Standard Time), not revoked, and with no
conflict declared. The date is checked on every read, so an access ends at midnight on its
last day with no job to run; outside an active grant the evaluator's URLs answer 404."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from incubator.kernel.roles import Role, user_has_role
from tenders.models import (
    ConflictGround,
    Contract,
    ContractEvaluationReport,
    ContractEvaluatorGrant,
    ContractReport,
    ContractReportEvidence,
)
from tenders.selectors import contracts_user_may_sign, is_tender_officer


def evaluator_grants_active(user, *, today=None) -> QuerySet[ContractEvaluatorGrant]:
    """The user's grants that open their contract today: holders of the third-party
    evaluator role only, within the period, not revoked, no conflict declared."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ContractEvaluatorGrant.objects.none()
    if not user_has_role(user, Role.CONTRACT_EVALUATOR):
        return ContractEvaluatorGrant.objects.none()
    today = today or timezone.localdate()
    return ContractEvaluatorGrant.objects.filter(
        Q(declared_at__isnull=True) | Q(conflict=ConflictGround.NONE),
        evaluator=user,
        revoked_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    )


def contracts_user_may_evaluate(user, *, today=None) -> QuerySet[Contract]:
    """The contracts the user may evaluate today (an active grant)."""
    grants = evaluator_grants_active(user, today=today)
    return Contract.objects.filter(pk__in=grants.values("contract"))


# The evaluator declares once, on an active grant (the service refuses a second declaration).
evaluator_grants_user_may_declare = evaluator_grants_active


def evaluator_grants_cleared(user, *, today=None) -> QuerySet[ContractEvaluatorGrant]:
    """Active grants whose evaluator declared no conflict: they open the contract's reports
    and evidence, and take the evaluation report."""
    return evaluator_grants_active(user, today=today).filter(conflict=ConflictGround.NONE)


evaluator_grants_user_may_report = evaluator_grants_cleared


def contract_reports_user_may_evaluate(user, *, today=None) -> QuerySet[ContractReport]:
    """The filed reports (not those still due) of the contracts the user is cleared for."""
    grants = evaluator_grants_cleared(user, today=today)
    return ContractReport.objects.filter(contract__in=grants.values("contract")).exclude(
        status=ContractReport.Status.DRAFT
    )


def report_evidence_user_may_evaluate(user, *, today=None) -> QuerySet[ContractReportEvidence]:
    """The evidence of those reports."""
    reports = contract_reports_user_may_evaluate(user, today=today)
    return ContractReportEvidence.objects.filter(report__in=reports.values("pk"))


def contracts_user_may_grant_evaluation(user) -> QuerySet[Contract]:
    """Every contract for bureau officers (those who sign contracts); none for anyone else."""
    return contracts_user_may_sign(user)


def evaluator_grants_user_may_revoke(user) -> QuerySet[ContractEvaluatorGrant]:
    """Every grant for bureau officers; none for anyone else."""
    if user is None or not is_tender_officer(user):
        return ContractEvaluatorGrant.objects.none()
    return ContractEvaluatorGrant.objects.all()


def evaluation_reports_visible_to(user) -> QuerySet[ContractEvaluationReport]:
    """Evaluation reports: every one for bureau officers; their own for evaluators while their
    grant is active."""
    if user is None or not user.is_authenticated:
        return ContractEvaluationReport.objects.none()
    if is_tender_officer(user):
        return ContractEvaluationReport.objects.all()
    return ContractEvaluationReport.objects.filter(
        grant__in=evaluator_grants_cleared(user).values("pk")
    )


def contract_evaluator_candidates():
    """The active users holding the third-party evaluator role, whom the bureau may grant."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.CONTRACT_EVALUATOR)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
