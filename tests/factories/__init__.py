"""Factories for test data. Pages are built through Wagtail's tree API, like editors do;
memberships and assignments through the services that grant their permissions."""

from .hubs import HubFactory
from .intake import intake_application, send_application
from .letters import issue_letter, letterhead_settings, mark_rendered
from .milestones import MilestoneTemplateFactory, incubation_for, milestone_for
from .organisations import (
    OrganisationFactory,
    bureau_officer,
    credit_code,
    manager_of,
    member_of,
    staff_with_role,
)
from .pages import PublicSite, build_public_site, guidance_page
from .subsidies import (
    approved_application,
    draft_application,
    payroll,
    recommended_application,
    scheme_factory,
    staff_line,
    submitted_application,
)
from .tenders import awarded, bidder, submitted_bid, tender_index, tender_page
from .users import UserFactory

__all__ = [
    "HubFactory",
    "MilestoneTemplateFactory",
    "OrganisationFactory",
    "PublicSite",
    "UserFactory",
    "approved_application",
    "draft_application",
    "payroll",
    "recommended_application",
    "scheme_factory",
    "staff_line",
    "submitted_application",
    "build_public_site",
    "bureau_officer",
    "credit_code",
    "guidance_page",
    "incubation_for",
    "intake_application",
    "send_application",
    "issue_letter",
    "letterhead_settings",
    "mark_rendered",
    "manager_of",
    "member_of",
    "milestone_for",
    "staff_with_role",
    "awarded",
    "bidder",
    "submitted_bid",
    "tender_index",
    "tender_page",
]
