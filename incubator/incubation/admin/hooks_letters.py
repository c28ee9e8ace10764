"""Back-office hooks of letters: the letters viewset and the audit action types of letters."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from incubator.incubation.admin.letters import LetterViewSet
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.letters import letter_kinds

AUDIT_ACTIONS = [
    AuditAction(
        "incubator.letter.issue",
        _("Letter issued"),
        _("Letter %(reference)s issued (%(kind)s)"),
        choices={"kind": letter_kinds},
    ),
    AuditAction(
        "incubator.letter.render_again",
        _("Letter rendered again"),
        _("Letter %(reference)s sent to be rendered again"),
    ),
    AuditAction(
        "incubator.letter.revoke",
        _("Letter revoked"),
        _("Letter %(reference)s revoked"),
    ),
]


@hooks.register("register_log_actions")
def register_letter_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


@hooks.register("register_admin_viewset")
def register_letter_viewsets():
    return [LetterViewSet("letters")]
