"""Models of the shared kernel (app label ``incubator``): letters, notifications, the outbox,
one-time form submissions, second-factor failures and the pages of open-data publications."""

from .letters import Letter, LetterSequence
from .notifications import Notification, NotificationSettings, ReminderSent
from .outbox import OutgoingEmail
from .publications import PublishedPage
from .submissions import FormSubmission
from .two_factor import SecondFactorFailures

__all__ = [
    "FormSubmission",
    "Letter",
    "LetterSequence",
    "Notification",
    "NotificationSettings",
    "OutgoingEmail",
    "PublishedPage",
    "ReminderSent",
    "SecondFactorFailures",
]
