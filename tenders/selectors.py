"""Who may read what in tenders. Bids are sealed: before the deadline only the bidding
organisation reads its bid; afterwards bureau officers and assigned evaluators who declared
no conflict. Everyone else gets 404, superusers and site administrators included."""

from django.db.models import QuerySet
from django.utils import timezone

from guardian.shortcuts import get_objects_for_user

from incubator.incubation.selectors import hubs_managed_by, live_membership
from tenders.models import (
    Contract,
    EvaluatorDeclaration,
    Tender,
    TenderAward,
    TenderBid,
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


def tenders_evaluated_by(user) -> QuerySet[Tender]:
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


def tenders_managed_by(user) -> QuerySet[TenderPage]:
    """Tender pages whose process (bids count, questions, evaluation, award) the user sees in
    the back office: every tender for bureau officers; their assigned tenders for evaluators."""
    if not user.is_authenticated:
        return TenderPage.objects.none()
    if is_tender_officer(user):
        return TenderPage.objects.all()
    return TenderPage.objects.filter(tender__in=tenders_evaluated_by(user))


def tenders_cleared_for(user) -> QuerySet[Tender]:
    """Assigned tenders past their deadline for which the evaluator declared no conflict."""
    clear = EvaluatorDeclaration.objects.filter(evaluator=user, recused=False)
    return tenders_evaluated_by(user).filter(
        pk__in=clear.values("tender"), deadline__lte=timezone.now()
    )


def bids_openable_by(user, *, now=None) -> QuerySet[TenderBid]:
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
        tender__in=tenders_evaluated_by(user).values("pk"),
    ).filter(tender__in=clear.values("tender"))


def bids_of_own_organisation(user) -> QuerySet[TenderBid]:
    """The bids of the user's organisation, at any time."""
    membership = live_membership(user)
    if membership is None:
        return TenderBid.objects.none()
    return TenderBid.objects.filter(organisation=membership.organisation_id)


def contracts_visible_to(user) -> QuerySet[Contract]:
    """Contracts in the back office: every one for bureau officers; those of their hubs'
    organisations for hub managers (contracts are public once signed, but the back office
    shows each manager their own part)."""
    if not user.is_authenticated:
        return Contract.objects.none()
    if is_tender_officer(user):
        return Contract.objects.all()
    return Contract.objects.filter(organisation__hub__in=hubs_managed_by(user))


def standing_award(tender) -> TenderAward | None:
    """The award of ``tender`` (a ``Tender`` or one of its pages) that stands."""
    return Tender.of(tender).standing_award()
