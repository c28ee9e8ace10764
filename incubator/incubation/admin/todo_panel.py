"""The task list on the Wagtail admin home, first of its panels: what needs the user now, what
is coming and what they are waiting for, from every domain's source
(``incubator.kernel.todo``). When nothing needs them, it says what will appear and when, in
the words of their role."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from incubator.incubation.selectors import manages_any_hub
from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.todo import BACK_OFFICE, TodoRequest, todo_context

HUB_MANAGER_EMPTY = _(
    "No applications or evidence to review. New intake applications appear here when "
    "applicants confirm their email; evidence when an organisation submits it."
)
BUREAU_EMPTY = _(
    "Nothing waits for your decision. Recommended subsidy applications, closed tenders, "
    "questions and challenges appear here as they arrive."
)
EVALUATOR_EMPTY = _(
    "No bids to score. A tender assigned to you appears here once its deadline has passed."
)
NOBODY_EMPTY = _("Nothing waits for you.")


def empty_now_message(user):
    """What to tell the user when nothing needs them now, by their first matching role."""
    if manages_any_hub(user):
        return HUB_MANAGER_EMPTY
    if user_has_role(user, Role.BUREAU_OFFICER):
        return BUREAU_EMPTY
    if user_has_role(user, Role.EVALUATOR):
        return EVALUATOR_EMPTY
    return NOBODY_EMPTY


class TodoPanel(Component):
    """The user's task list, in three sections, each item linking to the page where they act."""

    name = "todo"
    order = 10
    template_name = "incubator/admin/dashboard/todo.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        # The role's words cost a query: asked only if the list has nothing for now.
        empty_now = lazy(lambda: str(empty_now_message(user)), str)()
        return todo_context(TodoRequest(user=user, audience=BACK_OFFICE), empty_now=empty_now)
