"""Back-office views of the incubator beyond what viewsets generate."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import (
    hubs_managed_by,
    intake_applications_for,
    letters_visible_to,
    organisations_managed_by,
    spaces_visible_to,
)
from incubator.incubation.services.intake import intake_admit, intake_decline
from incubator.incubation.services.invitations import invitation_create_first_admin
from incubator.incubation.services.milestones import progress_by_area
from incubator.incubation.services.spaces import space_allocate
from incubator.kernel.actions import action_form
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.security import log_refused_access
from incubator.kernel.services.letters import letter_reissue
from incubator.models import Letter, Milestone, OrganisationMembership


class FirstAdminInvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email of the organisation's administrator"),
        help_text=gettext_lazy("They receive a link that works once, for seven days."),
    )


class OrganisationInspectView(InspectView):
    """The organisation's details with its incubation, milestone progress per area and plan,
    and office space; 'Allocate space', 'Add to waitlist', 'Graduate' and 'End the incubation'
    for its hub's managers, and 'Invite first administrator' while it has none."""

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
        )
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        may_manage = organisations_managed_by(self.request.user).filter(pk=self.object.pk).exists()
        if may_manage:
            buttons.append(
                Button(
                    _("Allocate space"),
                    url=reverse("organisations:allocate", args=[self.object.pk]),
                    icon_name="home",
                    priority=25,
                )
            )
            buttons.append(
                Button(
                    _("Add to waitlist"),
                    url=reverse("organisations:waitlist_add", args=[self.object.pk]),
                    icon_name="time",
                    priority=26,
                )
            )
        in_my_hub = hubs_managed_by(self.request.user).filter(pk=self.object.hub_id).exists()
        if in_my_hub and self.object.stage == self.object.Stage.INCUBATING:
            for label, name, icon, priority in [
                (_("Graduate"), "organisations:graduate", "success", 40),
                (_("End the incubation"), "organisations:exit", "cross", 41),
            ]:
                buttons.append(
                    Button(
                        label,
                        url=reverse(name, args=[self.object.pk]),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        has_admin = self.object.memberships.filter(
            role=OrganisationMembership.Role.ADMIN, ended_at__isnull=True
        ).exists()
        if may_manage and not has_admin:
            buttons.append(
                Button(
                    _("Invite first administrator"),
                    url=reverse("organisations:invite_admin", args=[self.object.pk]),
                    icon_name="mail",
                    priority=30,
                )
            )
        return buttons


def invite_first_admin(request, pk: int):
    """A hub manager (of the organisation's hub) or bureau officer invites its first admin."""
    organisation = get_visible_or_404(request, organisations_managed_by(request.user), pk=pk)

    def act(data):
        invitation_create_first_admin(
            organisation=organisation,
            email=data["email"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        message = _("Invitation sent to %(email)s.") % {"email": data["email"]}
        return message, reverse("organisations:inspect", args=[organisation.pk])

    return action_form(
        request,
        form=FirstAdminInvitationForm(request.POST or None),
        act=act,
        back=reverse("organisations:inspect", args=[organisation.pk]),
        heading=_("Invite first administrator"),
        subtitle=organisation.name,
        intro=_(
            "%(organisation)s has no administrator yet. The person you invite can then invite "
            "their colleagues from the organisation portal."
        )
        % {"organisation": organisation.name},
        icon="mail",
    )


class LetterInspectView(InspectView):
    """A letter's details, with its PDF once ready."""

    @cached_property
    def header_more_buttons(self):
        buttons = [
            button for button in super().header_more_buttons if button.url != self.get_edit_url()
        ]
        if self.object.render_status == self.object.RenderStatus.READY:
            buttons.append(
                Button(
                    _("Download PDF"),
                    url=reverse("files:letter", args=[self.object.pk]),
                    icon_name="download",
                    priority=5,
                )
            )
        from incubator.kernel.admin_outbox import render_again_button

        if button := render_again_button(self.object):
            buttons.append(button)
        if self.object.is_valid and self.request.user.has_perm("incubator.reissue_letter"):
            buttons.append(
                Button(
                    _("Revoke and reissue"),
                    url=reverse("letters:reissue", args=[self.object.pk]),
                    icon_name="rotate",
                    priority=40,
                )
            )
        return buttons


class AdmitForm(forms.Form):
    started_on = forms.DateField(
        label=gettext_lazy("Incubation starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    months = forms.IntegerField(
        label=gettext_lazy("Length in months"), min_value=12, max_value=24, initial=18
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The applicant receives this by email."),
    )


def _not_admissible_yet(application) -> str:
    """Why a waiting application cannot be admitted yet, or ''."""
    if application.email_confirmed:
        return ""
    return _(
        "%(email)s has not been confirmed yet: the application can be declined, but not "
        "admitted until the applicant opens the link we emailed them."
    ) % {"email": application.contact_email}


class IntakeInspectView(InspectView):
    """An application, with Admit (once the email is confirmed; until then the reason shows)
    and Decline while it waits for review."""

    def get(self, request, *args, **kwargs):
        if self.object.status == self.object.Status.SUBMITTED:
            reason = _not_admissible_yet(self.object)
            if reason:
                messages.warning(request, reason)
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if b.url != self.get_edit_url()]
        if self.object.status == self.object.Status.SUBMITTED:
            actions = [(_("Decline"), "intake:decline", "cross")]
            if self.object.email_confirmed:
                actions.insert(0, (_("Admit"), "intake:admit", "check"))
            for label, name, icon in actions:
                buttons.append(
                    Button(label, url=reverse(name, args=[self.object.pk]), icon_name=icon)
                )
        return buttons


def _decide(request, pk: int, form_class, decide, heading):
    application = get_visible_or_404(request, intake_applications_for(request.user), pk=pk)
    back = reverse("intake:inspect", args=[application.pk])

    def act(data):
        decide(application, data)
        return _("The applicant has been told by email."), back

    return action_form(
        request,
        form=form_class(request.POST or None),
        act=act,
        back=back,
        heading=heading,
        subtitle=application.name,
        intro=_("Application to %(hub)s by %(contact)s.")
        % {"hub": application.hub.name, "contact": application.contact_name},
    )


def admit(request, pk: int):
    """Admit an application of one of the user's hubs; one whose email is not confirmed yet
    goes back to its page, which says why (the service refuses it too)."""
    if request.method == "GET":
        application = get_visible_or_404(request, intake_applications_for(request.user), pk=pk)
        reason = _not_admissible_yet(application)
        if reason and application.status == application.Status.SUBMITTED:
            return redirect("intake:inspect", application.pk)
    return _decide(
        request,
        pk,
        AdmitForm,
        lambda application, data: intake_admit(
            application=application,
            started_on=data["started_on"],
            months=data["months"],
            by=request.user,
        ),
        _("Admit to the incubator"),
    )


def decline(request, pk: int):
    """Decline an application of one of the user's hubs, with a reason."""
    return _decide(
        request,
        pk,
        DeclineForm,
        lambda application, data: intake_decline(
            application=application, reason=data["reason"], by=request.user
        ),
        _("Decline the application"),
    )


def reissue_letter(request, pk: int):
    """Revoke a letter with a reason and issue its replacement with a new number (bureau)."""
    if not request.user.has_perm("incubator.reissue_letter"):
        log_refused_access(request, model=Letter, object_id=pk)
        raise Http404
    letter = get_visible_or_404(request, letters_visible_to(request.user), pk=pk)
    if letter.revoked_at is not None:
        raise Http404("The letter is revoked already.")
    form = DeclineForm(request.POST or None)
    form.fields["reason"].help_text = gettext_lazy(
        "Kept with the revoked letter and in its history; not shown to the public."
    )

    def act(data):
        replacement = letter_reissue(letter=letter, reason=data["reason"], by=request.user)
        message = _("%(old)s is revoked; %(new)s replaces it.") % {
            "old": letter.reference,
            "new": replacement.reference,
        }
        return message, reverse("letters:inspect", args=[replacement.pk])

    return action_form(
        request,
        form=form,
        act=act,
        back=reverse("letters:inspect", args=[letter.pk]),
        heading=_("Revoke and reissue"),
        subtitle=letter.reference,
        intro=_(
            "%(reference)s to %(recipient)s will be revoked, and a new letter with the next "
            "number will be issued in its place. Anyone checking the old letter sees that it was "
            "revoked, when, and which letter replaces it."
        )
        % {"reference": letter.reference, "recipient": letter.recipient.name},
        icon="doc-full-inverse",
    )


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


def allocate_space(request, pk: int):
    """Give an organisation seats of one of its hub's spaces (its hub's managers, bureau)."""
    organisation = get_visible_or_404(request, organisations_managed_by(request.user), pk=pk)
    spaces = spaces_visible_to(request.user).filter(hub=organisation.hub, is_active=True)
    back = reverse("organisations:inspect", args=[organisation.pk])

    def act(data):
        space_allocate(organisation=organisation, by=request.user, **data)
        return _("The space is allocated."), back

    return action_form(
        request,
        form=AllocationForm(request.POST or None, spaces=spaces),
        act=act,
        back=back,
        heading=_("Allocate space"),
        subtitle=organisation.name,
        icon="home",
    )
