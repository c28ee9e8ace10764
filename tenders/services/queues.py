"""Who a tender's item waits for, told when it enters their queue: a recorded challenge the
tender officers who resolve it. Each notification is about the item and is done once the
item is handled (see ``incubator.kernel.services.notifications.notifications_done``)."""

from incubator.kernel.permissions import users_allowed
from incubator.kernel.services.notifications import notify_on_commit
from tenders.models import AwardChallenge
from tenders.selectors import awards_user_may_resolve_challenge


def challenge_queue(challenge: AwardChallenge) -> None:
    """A challenge was recorded: the award waits for a tender officer to resolve it."""
    award = challenge.award
    notify_on_commit(
        users=users_allowed(awards_user_may_resolve_challenge, award),
        template="tenders/email/queue_challenge",
        context={"tender": award.tender, "challenge": challenge},
        link=("tenders_admin:tender", [award.tender_id]),
        item=award,
    )
