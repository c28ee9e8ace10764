"""Tenders: the tender (the anchor of its process) and its pages, bids, clarifications,
evaluation, awards and contracts."""

from tenders.choices import ReportingFrequency, ServiceCategory, TenderStatus
from tenders.rules import criteria_problems

from .acceptance import (
    AcceptanceConclusion,
    AcceptanceKind,
    ContractAcceptance,
    ContractAcceptanceItem,
    StandardResult,
)
from .awards import AwardChallenge, CalendarDay, Contract, TenderAward
from .bids import TenderBid, TenderBidAttachment, TenderClarification
from .calendar import AwardDeadlineChange, CalendarYear
from .complaints import Answerer, Complaint, ComplaintCategory, ComplaintState
from .contract_evaluation import ContractEvaluationReport, ContractEvaluatorGrant
from .contract_terms import ContractAmendment, ContractStage, contract_stage
from .delivery import (
    ContractKpi,
    ContractReport,
    ContractReportActual,
    ContractReportEvidence,
    Grade,
    KpiFrequency,
    KpiGroup,
    KpiTemplate,
)
from .evaluation import BidScore, ConflictGround, ConflictLine, EvaluatorDeclaration
from .feedback import CommentState, FeedbackCode, FeedbackResponse, Respondent
from .handovers import HandoverItem, ItemCondition, SiteHandover
from .index_page import TenderIndexPage
from .log_entries import TenderBidLogEntry
from .object_permissions import TenderGroupObjectPermission, TenderUserObjectPermission
from .page_parts import TenderCriterion, TenderDocument
from .pages import TenderPage
from .payments import ContractTranche, TrancheState
from .site_offer import ServiceType, ServiceUnit, SiteOpeningHours, SiteService, Weekday
from .sites import Premises, ServiceSite, SiteKind
from .surveys import Survey, SurveyAnswer, SurveyQuestion
from .tender import Tender
from .workflow import TenderApprovalTask

__all__ = [
    "Answerer",
    "Complaint",
    "ComplaintCategory",
    "ComplaintState",
    "AcceptanceConclusion",
    "AcceptanceKind",
    "AwardChallenge",
    "AwardDeadlineChange",
    "BidScore",
    "CalendarDay",
    "CalendarYear",
    "CommentState",
    "ConflictGround",
    "ConflictLine",
    "Contract",
    "ContractAcceptance",
    "ContractAcceptanceItem",
    "ContractAmendment",
    "ContractEvaluationReport",
    "ContractEvaluatorGrant",
    "ContractKpi",
    "ContractReport",
    "ContractReportActual",
    "ContractReportEvidence",
    "ContractStage",
    "ContractTranche",
    "EvaluatorDeclaration",
    "FeedbackCode",
    "FeedbackResponse",
    "Grade",
    "KpiFrequency",
    "KpiGroup",
    "KpiTemplate",
    "ReportingFrequency",
    "Respondent",
    "ServiceCategory",
    "ServiceSite",
    "SiteKind",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "StandardResult",
    "Tender",
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
    "TrancheState",
    "HandoverItem",
    "ItemCondition",
    "SiteHandover",
    "ServiceType",
    "ServiceUnit",
    "SiteOpeningHours",
    "SiteService",
    "Weekday",
    "Premises",
    "contract_stage",
    "criteria_problems",
]
