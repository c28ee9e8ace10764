"""The organisation's back-office page and its actions: invite the first administrator,
allocate space."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail import hooks
from wagtail.admin.views.generic.models import InspectView

from incubator.incubation.selectors import (
    organisations_user_may_give_space,
    organisations_user_may_manage,
    spaces_user_may_manage,
)
from incubator.incubation.services.invitations import invitation_create_first_admin
from incubator.incubation.services.milestones import progress_by_area
from incubator.incubation.services.spaces import space_allocate
from incubator.kernel.actions import ActionView
from incubator.models import Milestone


class FirstAdminInvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email of the organisation's administrator"),
        help_text=gettext_lazy("They receive a link that works once, for seven days."),
    )


# Other domains add sections to an organisation's page (its contracts and their grades, say)
# without the incubator knowing them: a hook ``fn(request, organisation)`` returns a Wagtail
# ``Component`` to show, or None.
RECORD_SECTIONS_HOOK = "organisation_record_sections"


class OrganisationInspectView(InspectView):
    """The organisation's details with its incubation, milestone progress per area and plan,
    and office space, then the sections other domains add (``RECORD_SECTIONS_HOOK``). Its
    actions (Graduate, End the incubation, Allocate space, Add to waitlist, Invite first
    administrator) are the viewset's ``record_actions``."""

    template_name = "incubator/admin/organisation_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        incubation = organisation.incubations.order_by("-started_on").first()
        plan = (
            organisation.milestones.filter(incubation=incubation)
            if incubation
            else Milestone.objects.none()
        )
        today = timezone.localdate()
        milestones = list(plan.order_by("due_on", "title"))
        for milestone in milestones:
            milestone.overdue = milestone.is_overdue(today) and incubation.ended_on is None
        context.update(
            incubation=incubation,
            progress=progress_by_area(plan),
            milestones=milestones,
            allocations=organisation.allocations.filter(ends_on__gte=today).select_related("space"),
            record_sections=[
                section
                for hook in hooks.get_hooks(RECORD_SECTIONS_HOOK)
                if (section := hook(self.request, organisation)) is not None
            ],
        )
        return context


class _OrganisationAction(ActionView):
    def back_url(self, organisation):
        return reverse("organisations:inspect", args=[organisation.pk])

    def subtitle(self, organisation):
        return organisation.name


class InviteFirstAdmin(_OrganisationAction):
    """A hub manager (of the organisation's hub) or bureau officer invites its first admin."""

    selector = staticmethod(organisations_user_may_manage)
    form_class = FirstAdminInvitationForm
    heading = gettext_lazy("Invite first administrator")
    icon = "mail"

    def intro(self, organisation):
        return _(
            "%(organisation)s has no administrator yet. The person you invite can then invite "
            "their colleagues from the organisation portal."
        ) % {"organisation": organisation.name}

    def act(self, organisation, data):
        invitation_create_first_admin(
            organisation=organisation,
            email=data["email"],
            by=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )
        return _("Invitation sent to %(email)s.") % {"email": data["email"]}


class AllocationForm(forms.Form):
    space = forms.ModelChoiceField(label=gettext_lazy("Space"), queryset=None)
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1)
    starts_on = forms.DateField(
        label=pgettext_lazy("date", "From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class AllocateSpace(_OrganisationAction):
    """Give an organisation seats of one of its hub's spaces (its hub's managers, bureau)."""

    selector = staticmethod(organisations_user_may_give_space)
    form_class = AllocationForm
    heading = gettext_lazy("Allocate space")
    icon = "home"

    def get_form_kwargs(self, organisation):
        spaces = spaces_user_may_manage(self.request.user)
        return {"spaces": spaces.filter(hub=organisation.hub_id, is_active=True)}

    def act(self, organisation, data):
        space_allocate(organisation=organisation, by=self.request.user, **data)
        return _("The space is allocated.")
