"""The only way subsidy state changes: one function per action, each atomic, re-reading what
it changes under a lock or a conditional update, checking the allowed moves, auditing, and
emailing the organisation's admins after commit."""

from subsidies.services.applications import (
    subsidy_application_save_draft,
    subsidy_application_submit,
    subsidy_application_withdraw,
)
from subsidies.services.decisions import (
    subsidy_application_approve,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
)
from subsidies.services.disbursements import subsidy_application_disburse

__all__ = [
    "subsidy_application_approve",
    "subsidy_application_disburse",
    "subsidy_application_recommend",
    "subsidy_application_reject",
    "subsidy_application_return",
    "subsidy_application_save_draft",
    "subsidy_application_submit",
    "subsidy_application_withdraw",
]
