"""Template tag of the contract page's independent-evaluation panel: the grants and their
reports, for bureau officers only (anyone else, hub managers included, gets nothing)."""

from django import template
from django.utils import timezone

from tenders.contract_evaluation_selectors import contracts_user_may_grant_evaluation

register = template.Library()


@register.simple_tag
def evaluator_grants_panel(contract, user) -> dict | None:
    """``{% evaluator_grants_panel object request.user as panel %}``: ``panel.grants`` (with
    their evaluator and report, one query) and ``panel.today``; None for non-officers."""
    if (
        contract is None
        or not contracts_user_may_grant_evaluation(user).filter(pk=contract.pk).exists()
    ):
        return None
    grants = contract.evaluator_grants.select_related("evaluator", "report").order_by(
        "-granted_at", "-pk"
    )
    return {"grants": list(grants), "today": timezone.localdate(), "contract": contract}
