"""Back-office screens of subsidies, registered with the Wagtail admin, and the audit action
types of subsidies."""

from wagtail import hooks

from incubator.audit import register_audit_actions
from subsidies.audit import AUDIT_ACTIONS


@hooks.register("register_log_actions")
def register_subsidy_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)
