"""The approval task of the tender workflow: a bureau officer other than the one who
submitted the tender approves it (four eyes)."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask


class TenderApprovalTask(GroupApprovalTask):
    """A group approval in which the submitter may not approve their own tender."""

    def _requested_by(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state is not None else None

    def get_actions(self, obj, user):
        if user.pk is not None and user.pk == self._requested_by(obj):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and user.pk == task_state.workflow_state.requested_by_id:
            raise PermissionError("The submitter cannot approve their own tender.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("A bureau officer other than the submitter approves the tender")

    class Meta:
        verbose_name = _("tender approval task")
        verbose_name_plural = _("tender approval tasks")
