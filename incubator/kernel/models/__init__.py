"""Models of the shared kernel (app label ``incubator``): letters, notifications, the outbox,
one-time form submissions and second-factor failures."""

from .letters import Letter, LetterSequence
from .notifications import Notification, NotificationSettings, ReminderSent
from .outbox import OutgoingEmail
from .submissions import FormSubmission
from .two_factor import SecondFactorFailures

__all__ = [
    "FormSubmission",
    "Letter",
    "LetterSequence",
    "Notification",
    "NotificationSettings",
    "OutgoingEmail",
    "ReminderSent",
    "SecondFactorFailures",
]
