"""Models of staff-cost subsidies: schemes with their budget envelope and rules, applications
with staff lines and attachments, and the disbursements paid against an approval."""

from .applications import Disbursement, StaffLine, SubsidyApplication, SubsidyAttachment
from .schemes import RULE_FIELDS, Qualification, Scheme

__all__ = [
    "RULE_FIELDS",
    "Disbursement",
    "Qualification",
    "Scheme",
    "StaffLine",
    "SubsidyApplication",
    "SubsidyAttachment",
]
