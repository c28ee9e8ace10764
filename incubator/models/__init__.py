"""Models of the incubation domain and the shared kernel, one module per area."""

from .documents import OrganisationDocument
from .hubs import Hub
from .hubs_staff import HubManagerAssignment
from .intake import IntakeApplication
from .invitations import INVITATION_VALID_FOR, Invitation
from .letters import Letter, LetterKind, LetterSequence
from .milestones import Milestone, MilestoneArea, MilestoneEvidence, MilestoneTemplate
from .notifications import Notification, NotificationSettings, ReminderSent
from .object_permissions import (
    HubGroupObjectPermission,
    HubUserObjectPermission,
    OrganisationGroupObjectPermission,
    OrganisationUserObjectPermission,
)
from .organisations import Organisation, OrganisationMembership, ServiceArea
from .outbox import OutgoingEmail
from .spaces import Incubation, Space, SpaceAllocation, WaitlistEntry
from .submissions import FormSubmission
from .two_factor import SecondFactorFailures

__all__ = [
    "FormSubmission",
    "INVITATION_VALID_FOR",
    "Incubation",
    "IntakeApplication",
    "Hub",
    "HubGroupObjectPermission",
    "HubManagerAssignment",
    "HubUserObjectPermission",
    "Invitation",
    "Letter",
    "LetterKind",
    "LetterSequence",
    "Milestone",
    "MilestoneArea",
    "MilestoneEvidence",
    "MilestoneTemplate",
    "Notification",
    "NotificationSettings",
    "Organisation",
    "OrganisationDocument",
    "OrganisationGroupObjectPermission",
    "OrganisationMembership",
    "OutgoingEmail",
    "OrganisationUserObjectPermission",
    "ReminderSent",
    "SecondFactorFailures",
    "ServiceArea",
    "Space",
    "SpaceAllocation",
    "WaitlistEntry",
]
