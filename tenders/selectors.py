"""Who may read what in tenders. Bids are sealed: before the deadline only the bidding
organisation reads its bid; afterwards bureau officers and assigned evaluators who declared
no conflict. Everyone else gets 404, superusers and site administrators included."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from guardian.shortcuts import get_objects_for_user

from incubator.incubation.selectors import hubs_user_may_manage, live_membership, manages_any_hub
from incubator.models import Organisation, OrganisationMembership
from tenders.models import (
    Contract,
    ContractAcceptance,
    ContractReport,
    ContractReportEvidence,
    ContractTranche,
    EvaluatorDeclaration,
    Tender,
    TenderAward,
    TenderBid,
    TenderClarification,
    TenderPage,
)
from tenders.models.page_context import tender_page_context

__all__ = ["tender_page_context"]  # the public page's context, kept importable from here

BUREAU_BID_PERMISSION = "tenders.view_tenderbid"
BUREAU_TENDER_PERMISSION = "tenders.change_tenderbid"


def _global(user, perm: str) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(perm))


def is_tender_officer(user) -> bool:
    """Bureau officers (and superusers): they run evaluations and awards."""
    return user.is_authenticated and _global(user, BUREAU_TENDER_PERMISSION)


def reads_contracts_in_back_office(user) -> bool:
    """Bureau officers and hub managers: the back office's readers of contracts and what
    hangs on them (reports, sites, residents' feedback), each their own part."""
    return is_tender_officer(user) or manages_any_hub(user)


def tenders_user_may_evaluate(user) -> QuerySet[Tender]:
    """Tenders the user is assigned to evaluate (object permission), never globally."""
    if not user.is_authenticated:
        return Tender.objects.none()
    return get_objects_for_user(
        user,
        "tenders.evaluate_tender",
        klass=Tender,
        accept_global_perms=False,
        with_superuser=False,
    )


def tender_processes_visible_to(user) -> QuerySet[TenderPage]:
    """Tender pages whose process (bids count, questions, evaluation, award) the user sees in
    the back office: every tender for bureau officers; their assigned tenders for evaluators."""
    if not user.is_authenticated:
        return TenderPage.objects.none()
    if is_tender_officer(user):
        return TenderPage.objects.all()
    return TenderPage.objects.filter(tender__in=tenders_user_may_evaluate(user))


def tenders_user_may_score(user) -> QuerySet[Tender]:
    """Assigned tenders for which the evaluator declared no conflict (declarations come only
    after the deadline; the scoring service checks the deadline by its own clock)."""
    clear = EvaluatorDeclaration.objects.filter(evaluator=user, recused=False)
    return tenders_user_may_evaluate(user).filter(pk__in=clear.values("tender"))


def bids_user_may_open(user, *, now=None) -> QuerySet[TenderBid]:
    """Bids whose content the user may read in the back office: none before the deadline;
    afterwards every bid that reached it for bureau officers, and the bids of their cleared
    tenders for evaluators."""
    if not user.is_authenticated:
        return TenderBid.objects.none()
    now = now or timezone.now()
    recused = EvaluatorDeclaration.objects.filter(evaluator=user, recused=True)
    sealed_over = TenderBid.objects.filter(
        status__in=TenderBid.SEALED, tender__deadline__lte=now
    ).exclude(tender__in=recused.values("tender"))
    if _global(user, BUREAU_BID_PERMISSION):
        # A bureau officer recused as an evaluator of a tender does not read its bids either.
        return sealed_over
    clear = EvaluatorDeclaration.objects.filter(evaluator=user, recused=False)
    return sealed_over.filter(
        tender__in=tenders_user_may_evaluate(user).values("pk"),
    ).filter(tender__in=clear.values("tender"))


def bids_of_own_organisation(user) -> QuerySet[TenderBid]:
    """The bids of the user's organisation, at any time."""
    membership = live_membership(user)
    if membership is None:
        return TenderBid.objects.none()
    return TenderBid.objects.filter(organisation=membership.organisation_id)


def contracts_visible_to(user) -> QuerySet[Contract]:
    """Contracts: every one for bureau officers; those of their hubs' organisations for hub
    managers (contracts are public once signed, but the back office shows each manager their
    own part); their own organisation's for its members (the portal)."""
    if not user.is_authenticated:
        return Contract.objects.none()
    if is_tender_officer(user):
        return Contract.objects.all()
    membership = live_membership(user)
    own = Q(organisation=membership.organisation_id) if membership is not None else Q(pk=None)
    return Contract.objects.filter(Q(organisation__hub__in=hubs_user_may_manage(user)) | own)


def standing_award(tender) -> TenderAward | None:
    """The award of ``tender`` (a ``Tender`` or one of its pages) that stands."""
    return Tender.of(tender).standing_award()


# Who may act. Every state-changing service of ``tenders.services`` checks its ``by`` against
# one of these before anything else (``by`` may be None: nobody may then act); the back-office
# views scope their objects with the same selectors and answer 404 to everyone else.


def _officers_only(user, queryset: QuerySet) -> QuerySet:
    if user is None or not is_tender_officer(user):
        return queryset.none()
    return queryset


def tenders_user_may_assign_evaluators(user) -> QuerySet[Tender]:
    """Every tender for bureau officers; none for anyone else."""
    return _officers_only(user, Tender.objects.all())


def tenders_user_may_award(user) -> QuerySet[Tender]:
    """Every tender for bureau officers (the service checks the deadline and evaluation)."""
    return _officers_only(user, Tender.objects.all())


def tenders_user_may_declare(user) -> QuerySet[Tender]:
    """The tenders the user is assigned to evaluate: they declare their conflicts for them."""
    if user is None:
        return Tender.objects.none()
    return tenders_user_may_evaluate(user)


def awards_user_may_record_challenge(user) -> QuerySet[TenderAward]:
    """Every award for bureau officers, who record the challenges they receive."""
    return _officers_only(user, TenderAward.objects.all())


def awards_user_may_resolve_challenge(user) -> QuerySet[TenderAward]:
    """Every award for bureau officers, who resolve the challenges to it."""
    return _officers_only(user, TenderAward.objects.all())


def contracts_user_may_sign(user) -> QuerySet[Contract]:
    """Every contract for bureau officers, who record its signing, publish it and amend it;
    none for hub managers or the provider (the service checks the contract's stage)."""
    return _officers_only(user, Contract.objects.all())


contracts_user_may_publish = contracts_user_may_sign
contracts_user_may_amend = contracts_user_may_sign
# Acceptance (验收): the officers who sign and publish contracts record, sign off and publish it.
contracts_user_may_accept = contracts_user_may_sign


def acceptances_user_may_sign_off(user) -> QuerySet[ContractAcceptance]:
    """Every acceptance for bureau officers, who sign it off and publish it (the service
    checks where it stands); none for hub managers or the provider."""
    return _officers_only(user, ContractAcceptance.objects.all())


acceptances_user_may_publish = acceptances_user_may_sign_off
acceptances_user_may_change = acceptances_user_may_sign_off


# The officers who sign contracts set their payment schedules.
contracts_user_may_schedule_payments = contracts_user_may_sign


def tranches_user_may_pay(user) -> QuerySet[ContractTranche]:
    """Every tranche for bureau officers, who record its payment (the service checks that its
    report or acceptance released it); none for hub managers or the provider."""
    return _officers_only(user, ContractTranche.objects.all())


def bids_user_may_disqualify(user) -> QuerySet[TenderBid]:
    """Every bid for bureau officers (the service keeps a bid sealed until the deadline; the
    screens show only the bids the officer may open)."""
    return _officers_only(user, TenderBid.objects.all())


def bids_user_may_score(user) -> QuerySet[TenderBid]:
    """The bids of the tenders the user may score (assigned, declared, not recused)."""
    if user is None or not user.is_authenticated:
        return TenderBid.objects.none()
    return TenderBid.objects.filter(tender__in=tenders_user_may_score(user).values("pk"))


def clarifications_user_may_answer(user) -> QuerySet[TenderClarification]:
    """Every question for bureau officers; none for anyone else."""
    return _officers_only(user, TenderClarification.objects.all())


def _own_organisation(user, *, admin: bool) -> QuerySet[Organisation]:
    membership = live_membership(user) if user is not None else None
    if membership is None or (admin and membership.role != OrganisationMembership.Role.ADMIN):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=membership.organisation_id)


def organisations_user_may_bid_for(user) -> QuerySet[Organisation]:
    """The user's organisation when they are one of its administrators: they draft, submit
    and change its bids."""
    return _own_organisation(user, admin=True)


def bids_user_may_withdraw(user) -> QuerySet[TenderBid]:
    """The bids of the organisation the user administers."""
    return TenderBid.objects.filter(organisation__in=organisations_user_may_bid_for(user))


def organisations_user_may_ask_for(user) -> QuerySet[Organisation]:
    """The user's organisation, for any member: members ask clarification questions."""
    return _own_organisation(user, admin=False)


CALENDAR_PERMISSION = "tenders.add_calendaryear"


def calendar_user_may_confirm(user) -> bool:
    """Bureau officers confirm each year's working-day calendar and override single days (an
    override withdraws its year's confirmation)."""
    return user is not None and user.is_active and user.has_perm(CALENDAR_PERMISSION)


def tenders_user_may_manage(user) -> QuerySet[Tender]:
    """The tenders a bureau officer manages in the back office (those with a page, which gives
    them their title): what the bids list filters by and the tender chooser offers; none for
    anyone else, evaluators included."""
    return _officers_only(
        user, Tender.objects.filter(pk__in=tender_processes_visible_to(user).values("tender"))
    )


# Contract delivery: KPIs, reports and their evidence follow their contract's visibility.


def contracts_user_may_set_kpis(user) -> QuerySet[Contract]:
    """Every contract for bureau officers, who set its KPIs and reporting schedule."""
    return _officers_only(user, Contract.objects.all())


def contract_reports_visible_to(user) -> QuerySet[ContractReport]:
    """The reports of the contracts the user sees (``contracts_visible_to``)."""
    if user is None or not user.is_authenticated:
        return ContractReport.objects.none()
    if is_tender_officer(user):
        return ContractReport.objects.all()
    return ContractReport.objects.filter(contract__in=contracts_visible_to(user).values("pk"))


def contract_reports_user_may_file(user) -> QuerySet[ContractReport]:
    """The reports of the contracts of the user's organisation (any live member files them)."""
    membership = live_membership(user) if user is not None else None
    if membership is None:
        return ContractReport.objects.none()
    return ContractReport.objects.filter(contract__organisation=membership.organisation_id)


def contract_reports_user_may_review(user) -> QuerySet[ContractReport]:
    """Every report for bureau officers, who accept or return it."""
    return _officers_only(user, ContractReport.objects.all())


def report_evidence_visible_to(user) -> QuerySet[ContractReportEvidence]:
    """Evidence files of the reports the user sees."""
    return ContractReportEvidence.objects.filter(
        report__in=contract_reports_visible_to(user).values("pk")
    )


def report_kpi_rows(report: ContractReport) -> list[tuple]:
    """(KPI, actual or None) of a report, in the KPIs' order: two queries."""
    actuals = {row.kpi_id: row.value for row in report.actuals.all()}
    return [(kpi, actuals.get(kpi.pk)) for kpi in report.contract.kpis.all()]


def contract_tranches(contract: Contract) -> list[ContractTranche]:
    """The contract's tranches with what releases them: one query whatever their number."""
    return list(
        contract.tranches.select_related("report", "acceptance", "paid_by").order_by("number")
    )
