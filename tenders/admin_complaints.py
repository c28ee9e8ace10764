"""Back-office screens of residents' complaints. Bureau officers read every complaint and answer
those that are late (unanswered past their due date: they have come to the bureau); hub
managers read their hubs' organisations' sites' complaints; nobody else reaches these
screens. The list shows the late ones first."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView

from incubator.kernel.actions import ActionView
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.record_actions import RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.complaint_selectors import complaints_user_may_answer, complaints_visible_to
from tenders.complaint_timeline import complaint_timeline
from tenders.models import Complaint
from tenders.models.complaints import ANSWER_MAX
from tenders.selectors import reads_contracts_in_back_office
from tenders.services.complaints import complaint_answer

AUDIT_ACTIONS = [
    AuditAction(
        "tenders.complaint.answered",
        gettext_lazy("Complaint answered"),
        gettext_lazy("Complaint %(code)s about %(site)s answered"),
    ),
]


@hooks.register("register_log_actions")
def register_complaint_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


class AnswerForm(forms.Form):
    """The answer the resident reads with the tracking code."""

    answer = forms.CharField(
        label=pgettext_lazy("complaint", "Answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "The resident reads this with the tracking code and rates it. Write plainly: what "
            "was found, what was done, who to call."
        ),
    )


def _late(complaint) -> bool:
    return complaint.is_late()


class AnswerComplaint(ActionView):
    """The bureau answers a complaint the provider left unanswered past its due date."""

    selector = staticmethod(complaints_user_may_answer)
    select_related = ("site",)
    form_class = AnswerForm
    heading = gettext_lazy("Answer for the bureau")
    icon = "comment"

    def back_url(self, complaint):
        return reverse("site_complaints:inspect", args=[complaint.pk])

    def subtitle(self, complaint):
        return str(complaint)

    def intro(self, complaint):
        return _("The complaint: “%(description)s”") % {"description": complaint.description}

    def blockers(self, complaint):
        if complaint.answered_at is not None:
            return [_("This complaint has been answered already.")]
        return []

    def act(self, complaint, data):
        complaint_answer(complaint=complaint, answer=data["answer"], by=self.request.user)
        return _("The answer is recorded; the resident sees it with the tracking code.")


class ComplaintInspectView(InspectView):
    """The complaint, its timeline (naming who answered) and, for a late one, the bureau's
    answer button."""

    template_name = "tenders/admin/complaint_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = complaint_timeline(self.object, timezone.localdate(), public=False)
        return context


def _by_urgency(queryset):
    """Unanswered first (late before waiting), then the newest."""
    today = timezone.localdate()
    return queryset.annotate(
        urgency=Case(
            When(answered_at__isnull=True, answer_due_on__lt=today, then=Value(0)),
            When(answered_at__isnull=True, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("urgency", "answer_due_on", "-filed_at")


class ComplaintIndexView(IndexView):
    """Late complaints first unless another order is chosen."""

    def order_queryset(self, queryset):
        if "ordering" in self.request.GET:
            return super().order_queryset(queryset)
        return _by_urgency(queryset)


class ComplaintViewSet(ScopedModelViewSet):
    """Residents' complaints about service sites; late ones first."""

    model = Complaint
    scopes = {"view": complaints_visible_to}
    scope_holder = reads_contracts_in_back_office
    model_wide = False
    icon = "warning"
    menu_label = gettext_lazy("Complaints")
    menu_name = "site_complaints"
    menu_order = 247
    menu_hook = MENU_HOOKS["tenders"]
    inspect_view_enabled = True
    inspect_view_class = ComplaintInspectView
    index_view_class = ComplaintIndexView
    list_display = [
        "site",
        Column("code", label=gettext_lazy("Tracking code"), accessor="display_code"),
        "category",
        "filed_at",
        "answer_due_on",
        Column("state", label=gettext_lazy("State"), accessor="get_state_display"),
    ]
    list_filter = ["site", "category"]
    list_select_related = ("site",)
    inspect_view_fields = [
        "site",
        "category",
        "respondent",
        "filed_at",
        "description",
        "contact",
        "answer_due_on",
        "answer",
        "answered_at",
        "answered_by",
        "answered_as",
        "rating",
        "rated_at",
        "anonymised_at",
    ]
    record_actions = (
        RecordAction(
            gettext_lazy("Answer for the bureau"),
            "site_complaints:answer",
            complaints_user_may_answer,
            when=lambda complaint: complaint.answered_at is None,
            icon="comment",
        ),
    )
    form_fields = ["answer"]  # never offered: nobody holds the add or change permission

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("answer/<int:pk>/", AnswerComplaint.as_view(), name="answer"),
        ]
