"""Models of the incubation domain (app label ``incubator``): hubs and their managers,
organisations and memberships, intake, invitations, office space, incubations and milestones."""

from .documents import OrganisationDocument
from .hubs import Hub
from .hubs_staff import HubManagerAssignment
from .intake import IntakeApplication
from .invitations import INVITATION_VALID_FOR, Invitation
from .milestones import Milestone, MilestoneArea, MilestoneEvidence, MilestoneTemplate
from .object_permissions import (
    HubGroupObjectPermission,
    HubUserObjectPermission,
    OrganisationGroupObjectPermission,
    OrganisationUserObjectPermission,
)
from .organisations import Organisation, OrganisationMembership, ServiceArea
from .spaces import Incubation, Space, SpaceAllocation, WaitlistEntry

__all__ = [
    "INVITATION_VALID_FOR",
    "Hub",
    "HubGroupObjectPermission",
    "HubManagerAssignment",
    "HubUserObjectPermission",
    "Incubation",
    "IntakeApplication",
    "Invitation",
    "Milestone",
    "MilestoneArea",
    "MilestoneEvidence",
    "MilestoneTemplate",
    "Organisation",
    "OrganisationDocument",
    "OrganisationGroupObjectPermission",
    "OrganisationMembership",
    "OrganisationUserObjectPermission",
    "ServiceArea",
    "Space",
    "SpaceAllocation",
    "WaitlistEntry",
]
