"""The organisation portal's members page: colleagues and pending invitations; administrators
invite, withdraw invitations and remove members."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.incubation.portal.forms import InvitationForm
from incubator.incubation.portal.views import _context, admin_required, member_required
from incubator.incubation.services.invitations import invitation_create, invitation_revoke
from incubator.incubation.services.memberships import membership_end
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import get_visible_or_404
from incubator.models import Invitation, OrganisationMembership


@member_required
def members(request):
    """Members and pending invitations; administrators also see the invitation form."""
    return _members_page(request, InvitationForm())


def _members_page(request, invitation_form: InvitationForm):
    organisation = request.membership.organisation
    live = (
        organisation.memberships.filter(ended_at__isnull=True)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )
    pending = [
        invitation
        for invitation in organisation.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by")
        if invitation.status == Invitation.Status.PENDING
    ]
    return TemplateResponse(
        request,
        "incubator/portal/members.html",
        _context(
            request,
            members=live,
            invitations=pending,
            invitation_form=invitation_form,
        ),
    )


@admin_required
@require_POST
def invite(request):
    """Send an invitation; a refusal shows on the members page with what was typed."""
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation_create(
                organisation=request.membership.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ServiceError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works for seven days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal:members")
    return _members_page(request, form)


@admin_required
@require_POST
def revoke_invitation(request, pk: int):
    """Withdraw a pending invitation of this organisation."""
    invitation = get_visible_or_404(
        request, Invitation.objects.filter(organisation=request.membership.organisation), pk=pk
    )
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("portal:members")


@admin_required
@require_POST
def remove_member(request, pk: int):
    """End a colleague's membership of this organisation."""
    membership = get_visible_or_404(
        request,
        OrganisationMembership.objects.filter(organisation=request.membership.organisation),
        pk=pk,
    )
    if membership.ended_at is not None:
        raise Http404("The membership has ended already.")
    try:
        membership_end(membership=membership, by=request.user, reason=_("Removed in the portal"))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": membership.user})
    return redirect("portal:members")
