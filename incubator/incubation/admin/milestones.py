"""Back-office screens of capacity milestones: each hub's framework, the organisations' plans
with their evidence, verification and return, the overdue list, and graduation or exit."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import IndexView, InspectView

import django_filters

from incubator.incubation.milestone_history import milestone_earlier_returns
from incubator.incubation.selectors import (
    hubs_user_may_manage,
    hubs_visible_to,
    milestones_user_may_review,
    organisations_user_may_end_incubation,
)
from incubator.incubation.services.incubations import incubation_exit, incubation_graduate
from incubator.incubation.services.milestones import (
    milestone_return,
    milestone_verify,
    milestones_blocking_graduation,
    overdue_condition,
)
from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm
from incubator.models import Hub, Milestone, MilestoneTemplate


class MilestoneTemplateForm(WagtailAdminModelForm):
    """A framework milestone; the hub is one of those the user manages."""

    class Meta:
        model = MilestoneTemplate
        fields = [
            "hub",
            "area",
            "title",
            "description",
            "is_required",
            "due_after_months",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs_user_may_manage(self.for_user)


def _hubs(request):
    return hubs_visible_to(request.user) if request is not None else Hub.objects.none()


class MilestoneFilterSet(WagtailFilterSet):
    """Filters of the milestone list: overdue first of all, then status, area and hub."""

    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")
    hub = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Hub"), field_name="organisation__hub", queryset=_hubs
    )

    class Meta:
        model = Milestone
        fields = ["status", "area", "is_required"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        # The condition itself, not a subquery of ids: the database plans it with the scope.
        late = overdue_condition()
        return queryset.filter(late) if value else queryset.exclude(late)


class MilestoneIndexView(IndexView):
    """The list of milestones; ``?overdue=true`` is the hub manager's overdue list."""

    def get_page_title(self):
        if self.request.GET.get("overdue") == "true":
            return _("Overdue milestones")
        return super().get_page_title()


class MilestoneInspectView(InspectView):
    """A milestone with its evidence and earlier returns; Verify and Return (the viewset's
    ``record_actions``) show while it waits for review, to the managers of its hub."""

    template_name = "incubator/admin/milestone_inspect.html"

    @cached_property
    def header_more_buttons(self):
        # A plan changes only through evidence and review: no edit form on its page.
        return [b for b in super().header_more_buttons if b.url != self.get_edit_url()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evidence"] = self.object.evidence.select_related("uploaded_by")
        context["earlier_returns"] = milestone_earlier_returns(self.object)
        return context


class _Review(ActionView):
    """A decision on an organisation's evidence (managers of its hub)."""

    selector = staticmethod(milestones_user_may_review)
    select_related = ("organisation",)
    icon = "tasks"

    def back_url(self, milestone):
        return reverse("milestones:inspect", args=[milestone.pk])

    def subtitle(self, milestone):
        return f"{milestone.organisation.name} · {milestone.title}"


class Verify(_Review):
    """Accept an organisation's evidence."""

    heading = gettext_lazy("Verify the milestone")

    def intro(self, milestone):
        return _("The organisation is told by email. A verified milestone cannot be reopened.")

    def act(self, milestone, data):
        milestone_verify(milestone=milestone, by=self.request.user)
        return _("“%(title)s” is verified.") % {"title": milestone.title}


class ReturnEvidence(_Review):
    """Return an organisation's evidence with a reason."""

    form_class = ReasonForm
    heading = gettext_lazy("Return the evidence")

    def intro(self, milestone):
        return _("The organisation can submit the evidence again after reading your reason.")

    def act(self, milestone, data):
        milestone_return(milestone=milestone, reason=data["reason"], by=self.request.user)
        return _("“%(title)s” was returned to the organisation.") % {"title": milestone.title}


class EndIncubationForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ExitForm(EndIncubationForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Kept in the organisation's history and sent to its admins."),
    )


class _EndIncubation(ActionView):
    """The end of an incubation of an organisation of one of the user's hubs."""

    selector = staticmethod(organisations_user_may_end_incubation)
    icon = "group"

    def back_url(self, organisation):
        return reverse("organisations:inspect", args=[organisation.pk])

    def subtitle(self, organisation):
        return organisation.name


class Graduate(_EndIncubation):
    """Graduate an organisation of one of the user's hubs. The form first lists what stands in
    the way, the required milestones not verified yet, each a link to its page; while any
    remains, the button is disabled and says why (the service refuses all the same)."""

    form_class = EndIncubationForm
    heading = gettext_lazy("Graduate")
    template_name = "incubator/admin/graduate_form.html"

    def intro(self, organisation):
        return _(
            "Graduation needs every required milestone verified. Office allocations end on the "
            "same day, and the organisation's admins are told by email."
        )

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if getattr(response, "context_data", None) is not None:
            organisation = self.get_object()
            incubation = organisation.incubations.filter(ended_on__isnull=True).first()
            response.context_data["blockers"] = list(milestones_blocking_graduation(incubation))
        return response

    def act(self, organisation, data):
        incubation_graduate(organisation=organisation, on=data["on"], by=self.request.user)
        return _("%(organisation)s has graduated.") % {"organisation": organisation.name}


class ExitIncubation(_EndIncubation):
    """End the incubation of an organisation of one of the user's hubs early."""

    form_class = ExitForm
    heading = gettext_lazy("End the incubation")

    def intro(self, organisation):
        return _(
            "Use this when an organisation leaves before graduating. Office allocations end on "
            "the same day, and the organisation's admins are told by email."
        )

    def act(self, organisation, data):
        incubation_exit(
            organisation=organisation, on=data["on"], reason=data["reason"], by=self.request.user
        )
        return _("The incubation of %(organisation)s has ended.") % {
            "organisation": organisation.name
        }
