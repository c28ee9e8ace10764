"""Back-office screens of residents' feedback. Bureau officers moderate comments (publish
with personal details masked, or hide with a reason); hub managers read their hubs'
organisations' sites' feedback; nobody else reaches these screens."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import Column, StatusTagColumn

from incubator.kernel.actions import ActionView
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.forms import ConfirmForm, ReasonForm
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.feedback_selectors import (
    feedback_user_may_moderate,
    feedback_visible_to,
)
from tenders.models import CommentState, FeedbackResponse
from tenders.selectors import reads_contracts_in_back_office
from tenders.services.feedback import feedback_moderate

AUDIT_ACTIONS = [
    AuditAction(
        "tenders.feedback.published",
        gettext_lazy("Comment published"),
        gettext_lazy("A resident's comment on %(site)s was published"),
    ),
    AuditAction(
        "tenders.feedback.hidden",
        gettext_lazy("Comment hidden"),
        gettext_lazy("A resident's comment on %(site)s was hidden"),
    ),
    AuditAction(
        "tenders.feedback.codes_issued",
        gettext_lazy("Verification cards issued"),
        gettext_lazy("%(count)s cards issued (batch %(batch)s)"),
    ),
]


@hooks.register("register_log_actions")
def register_feedback_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


def _excerpt(response) -> str:
    comment = response.comment
    return comment if len(comment) <= 40 else comment[:39] + "…"


def _pending(response) -> bool:
    return response.comment_state == CommentState.PENDING


def _has_comment(response) -> bool:
    return bool(response.comment)


def _published_or_pending(response) -> bool:
    return response.comment_state in (CommentState.PENDING, CommentState.PUBLISHED)


class _Moderate(ActionView):
    selector = staticmethod(feedback_user_may_moderate)
    select_related = ("site",)
    icon = "comment"

    def back_url(self, response):
        return reverse("site_feedback:inspect", args=[response.pk])

    def subtitle(self, response):
        return str(response)

    def intro(self, response):
        return _("The comment as typed: “%(comment)s”") % {"comment": response.comment}


class PublishComment(_Moderate):
    """Publish a comment on the site's public page, phone and ID numbers masked."""

    form_class = ConfirmForm
    heading = gettext_lazy("Publish the comment")

    def blockers(self, response):
        if not _pending(response):
            return [_("Only a comment waiting for moderation is published.")]
        return []

    def act(self, response, data):
        response = feedback_moderate(response=response, publish=True, by=self.request.user)
        return _("The comment is published as: “%(comment)s”") % {
            "comment": response.published_comment
        }


class HideComment(_Moderate):
    """Hide a comment (abusive, naming people, off the subject) with a reason."""

    form_class = ReasonForm
    heading = gettext_lazy("Hide the comment")

    def get_form_kwargs(self, response):
        return {"help_text": _("Kept in the record's history; the resident is not told.")}

    def blockers(self, response):
        if not _published_or_pending(response):
            return [_("This comment is not shown nor waiting; there is nothing to hide.")]
        return []

    def act(self, response, data):
        feedback_moderate(
            response=response, publish=False, reason=data["reason"], by=self.request.user
        )
        return _("The comment is hidden.")


class FeedbackViewSet(ScopedModelViewSet):
    """Residents' answers about service sites; officers moderate the comments."""

    model = FeedbackResponse
    scopes = {"view": feedback_visible_to}
    scope_holder = reads_contracts_in_back_office
    model_wide = False
    icon = "comment"
    menu_label = gettext_lazy("Residents' feedback")
    menu_name = "site_feedback"
    menu_order = 246
    menu_hook = MENU_HOOKS["tenders"]
    inspect_view_enabled = True
    list_display = [
        "site",
        Column("rating", label=gettext_lazy("Rating"), accessor="rating"),
        "respondent",
        "submitted_at",
        Column("comment", label=pgettext_lazy("feedback", "Comment"), accessor=_excerpt),
        StatusTagColumn(
            "comment_state",
            accessor="get_comment_state_display",
            label=gettext_lazy("Moderation"),
            sort_key="comment_state",
            primary=lambda response: not _pending(response),
        ),
    ]
    list_filter = ["site", "comment_state", "rating", "respondent"]
    list_select_related = ("site",)
    ordering = ["-submitted_at"]
    inspect_view_fields = [
        "site",
        "rating",
        "respondent",
        "verified",
        "submitted_at",
        "comment",
        "comment_state",
        "published_comment",
        "hidden_reason",
        "moderated_at",
        "moderated_by",
        "anonymised_at",
    ]
    record_actions = (
        RecordAction(
            gettext_lazy("Publish the comment"),
            "site_feedback:publish",
            feedback_user_may_moderate,
            when=_pending,
            icon="check",
        ),
        RecordAction(
            gettext_lazy("Hide the comment"),
            "site_feedback:hide",
            feedback_user_may_moderate,
            when=_published_or_pending,
            icon="cross",
            kind=SECONDARY,
        ),
    )
    form_fields = ["comment"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", PublishComment.as_view(), name="publish"),
            path("hide/<int:pk>/", HideComment.as_view(), name="hide"),
        ]
