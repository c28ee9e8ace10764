"""Models of staff-cost subsidies (schemes with their budget envelope and rules, applications
with staff lines and attachments, the disbursements paid against an approval) and of care
vouchers for residents (schemes, communities, accounts, the ledger and its credit runs, and
the redemptions of vouchers at service sites)."""

from .anomalies import AnomalyKind, AnomalyOutcome, VoucherAnomaly
from .applications import Disbursement, StaffLine, SubsidyApplication, SubsidyAttachment
from .claims import Claim, ClaimSampleItem, SampleOutcome
from .redemptions import Redemption, RedemptionMethod
from .schemes import RULE_FIELDS, Qualification, Scheme
from .vouchers import (
    AgeBand,
    Community,
    CommunityWorker,
    CreditRun,
    CreditValidity,
    EntryKind,
    FirstMonth,
    LedgerEntry,
    Resident,
    ResidentStatus,
    VoucherScheme,
)

__all__ = [
    "AnomalyKind",
    "AnomalyOutcome",
    "VoucherAnomaly",
    "AgeBand",
    "Community",
    "CommunityWorker",
    "CreditRun",
    "CreditValidity",
    "EntryKind",
    "FirstMonth",
    "LedgerEntry",
    "Resident",
    "ResidentStatus",
    "VoucherScheme",
    "Redemption",
    "Claim",
    "ClaimSampleItem",
    "SampleOutcome",
    "RedemptionMethod",
    "RULE_FIELDS",
    "Disbursement",
    "Qualification",
    "Scheme",
    "StaffLine",
    "SubsidyApplication",
    "SubsidyAttachment",
]
