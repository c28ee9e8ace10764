"""The choices of tenders, free of any model so that forms and models import them alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.TextChoices):
    """What kind of public service a tender buys."""

    ELDERLY_DAY_CARE = "elderly_day_care", _("Elderly day care")
    HOME_CARE = "home_care", _("Home care")
    COMMUNITY = "community", _("Community services")
    VOLUNTEERING = "volunteering", _("Volunteering")
    CHILDREN_YOUTH = "children_youth", _("Children and youth")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    OTHER = "other", _("Other")


class TenderStatus(models.TextChoices):
    """Where a tender stands; derived, never stored."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for bids")
    CLOSED = "closed", _("Closed")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class ReportingFrequency(models.TextChoices):
    """How often the provider reports on a contract."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
