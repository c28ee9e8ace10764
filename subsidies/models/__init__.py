"""Models of staff-cost subsidies (schemes with their budget envelope and rules, applications
with staff lines and attachments, the disbursements paid against an approval) and of care
vouchers for residents (schemes, communities, accounts, the ledger and its credit runs)."""

from .applications import Disbursement, StaffLine, SubsidyApplication, SubsidyAttachment
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
    "RULE_FIELDS",
    "Disbursement",
    "Qualification",
    "Scheme",
    "StaffLine",
    "SubsidyApplication",
    "SubsidyAttachment",
]
