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
from wagtail.admin.widgets.button import Button

import django_filters

from incubator.incubation.milestone_history import milestone_earlier_returns
from incubator.incubation.selectors import (
    hubs_managed_by,
    hubs_visible_to,
    milestones_reviewed_by,
    organisations_managed_by,
)
from incubator.incubation.services.incubations import incubation_exit, incubation_graduate
from incubator.incubation.services.milestones import milestone_return, milestone_verify, overdue
from incubator.kernel.actions import action_form
from incubator.kernel.permissions import get_visible_or_404
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
        self.fields["hub"].queryset = hubs_managed_by(self.for_user)


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
        late = overdue(queryset).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class MilestoneIndexView(IndexView):
    """The list of milestones; ``?overdue=true`` is the hub manager's overdue list."""

    def get_page_title(self):
        if self.request.GET.get("overdue") == "true":
            return _("Overdue milestones")
        return super().get_page_title()


class MilestoneInspectView(InspectView):
    """A milestone with its evidence, and Verify / Return while it waits for review."""

    template_name = "incubator/admin/milestone_inspect.html"

    @cached_property
    def may_review(self) -> bool:
        return milestones_reviewed_by(self.request.user).filter(pk=self.object.pk).exists()

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if b.url != self.get_edit_url()]
        if self.object.status == Milestone.Status.SUBMITTED and self.may_review:
            for label, name, icon in [
                (_("Verify"), "milestones:verify", "check"),
                (_("Return"), "milestones:return", "undo"),
            ]:
                buttons.append(
                    Button(label, url=reverse(name, args=[self.object.pk]), icon_name=icon)
                )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evidence"] = self.object.evidence.select_related("uploaded_by")
        context["earlier_returns"] = milestone_earlier_returns(self.object)
        return context


class ConfirmForm(forms.Form):
    """A decision with nothing to fill in."""


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The organisation receives this by email."),
    )


def _review(request, pk: int, *, form_class, decide, heading, intro):
    milestone = get_visible_or_404(
        request, milestones_reviewed_by(request.user).select_related("organisation"), pk=pk
    )
    back = reverse("milestones:inspect", args=[milestone.pk])

    def act(data):
        message = decide(milestone, data)
        return message, back

    return action_form(
        request,
        form=form_class(request.POST if request.method == "POST" else None),
        act=act,
        back=back,
        heading=heading,
        subtitle=f"{milestone.organisation.name} · {milestone.title}",
        intro=intro,
        icon="tasks",
    )


def verify(request, pk: int):
    """Accept an organisation's evidence (managers of its hub)."""

    def decide(milestone, data):
        milestone_verify(milestone=milestone, by=request.user)
        return _("“%(title)s” is verified.") % {"title": milestone.title}

    return _review(
        request,
        pk,
        form_class=ConfirmForm,
        decide=decide,
        heading=_("Verify the milestone"),
        intro=_("The organisation is told by email. A verified milestone cannot be reopened."),
    )


def return_evidence(request, pk: int):
    """Return an organisation's evidence with a reason (managers of its hub)."""

    def decide(milestone, data):
        milestone_return(milestone=milestone, reason=data["reason"], by=request.user)
        return _("“%(title)s” was returned to the organisation.") % {"title": milestone.title}

    return _review(
        request,
        pk,
        form_class=ReasonForm,
        decide=decide,
        heading=_("Return the evidence"),
        intro=_("The organisation can submit the evidence again after reading your reason."),
    )


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


def _end_incubation(request, pk: int, *, form_class, end, heading, intro):
    organisation = get_visible_or_404(
        request,
        organisations_managed_by(request.user).filter(hub__in=hubs_managed_by(request.user)),
        pk=pk,
    )
    back = reverse("organisations:inspect", args=[organisation.pk])

    def act(data):
        return end(organisation, data), back

    return action_form(
        request,
        form=form_class(request.POST if request.method == "POST" else None),
        act=act,
        back=back,
        heading=heading,
        subtitle=organisation.name,
        intro=intro,
        icon="group",
    )


def graduate(request, pk: int):
    """Graduate an organisation of one of the user's hubs."""

    def end(organisation, data):
        incubation_graduate(organisation=organisation, on=data["on"], by=request.user)
        return _("%(organisation)s has graduated.") % {"organisation": organisation.name}

    return _end_incubation(
        request,
        pk,
        form_class=EndIncubationForm,
        end=end,
        heading=_("Graduate"),
        intro=_(
            "Graduation needs every required milestone verified. Office allocations end on the "
            "same day, and the organisation's admins are told by email."
        ),
    )


def exit_incubation(request, pk: int):
    """End the incubation of an organisation of one of the user's hubs early."""

    def end(organisation, data):
        incubation_exit(
            organisation=organisation, on=data["on"], reason=data["reason"], by=request.user
        )
        return _("The incubation of %(organisation)s has ended.") % {
            "organisation": organisation.name
        }

    return _end_incubation(
        request,
        pk,
        form_class=ExitForm,
        end=end,
        heading=_("End the incubation"),
        intro=_(
            "Use this when an organisation leaves before graduating. Office allocations end on "
            "the same day, and the organisation's admins are told by email."
        ),
    )
