"""The tenders' share of the task lists (``incubator.kernel.todo``): an organisation's bids
and open tenders (``portal``), an evaluator's and a bureau officer's steps (``staff``). A
fixed number of queries per audience, whatever the data; bids stay sealed (staff see only
what ``bids_user_may_open`` gives them)."""

from incubator.kernel.todo import BACK_OFFICE, PORTAL, TodoRequest
from tenders.todo import portal, staff


def tenders_todo(todo: TodoRequest) -> list:
    """The tender items of ``todo``'s user, for the portal or the back office."""
    if todo.audience == PORTAL:
        return portal.organisation_items(todo) if todo.membership is not None else []
    if todo.audience == BACK_OFFICE:
        return staff.staff_items(todo)
    return []
