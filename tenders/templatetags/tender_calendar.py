"""Template tags of the working-day calendar: whether an award's deadlines are final or
provisional (counted through a year nobody has confirmed yet), from the cached calendar, so a
list of awards costs no query per row."""

from django import template
from django.utils import timezone

from incubator.kernel.calendar import DeadlineState, deadline_state

register = template.Library()


@register.simple_tag
def award_deadline_state(award) -> DeadlineState:
    """``{% award_deadline_state award as state %}``: ``state`` is true when the award's
    notice and challenge deadlines are provisional; ``state.reason`` says why."""
    if award is None:
        return DeadlineState(())
    return deadline_state(timezone.localdate(award.decided_at), award.challenge_ends_on)
