"""Tenders: pages, bids, clarifications, evaluation, awards and contracts."""

from tenders.rules import criteria_problems

from .awards import AwardChallenge, CalendarDay, Contract, TenderAward
from .bids import TenderBid, TenderBidAttachment, TenderClarification
from .calendar import AwardDeadlineChange, CalendarYear
from .evaluation import BidScore, ConflictGround, ConflictLine, EvaluatorDeclaration
from .log_entries import TenderBidLogEntry
from .object_permissions import TenderGroupObjectPermission, TenderUserObjectPermission
from .pages import (
    ServiceCategory,
    TenderCriterion,
    TenderDocument,
    TenderIndexPage,
    TenderPage,
    TenderStatus,
)
from .workflow import TenderApprovalTask

__all__ = [
    "AwardChallenge",
    "AwardDeadlineChange",
    "BidScore",
    "CalendarDay",
    "CalendarYear",
    "ConflictGround",
    "ConflictLine",
    "Contract",
    "EvaluatorDeclaration",
    "ServiceCategory",
    "TenderApprovalTask",
    "TenderAward",
    "TenderBid",
    "TenderBidAttachment",
    "TenderBidLogEntry",
    "TenderClarification",
    "TenderCriterion",
    "TenderDocument",
    "TenderGroupObjectPermission",
    "TenderIndexPage",
    "TenderPage",
    "TenderStatus",
    "TenderUserObjectPermission",
    "criteria_problems",
]
