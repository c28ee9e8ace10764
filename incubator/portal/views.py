"""The organisation portal: plain Django views on the public site for organisation members.
Every view works on the visitor's own organisation, found through their live membership;
anything else answers 404."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.errors import ServiceError
from incubator.files import MB
from incubator.models import Invitation, OrganisationDocument, OrganisationMembership
from incubator.permissions import live_membership
from incubator.portal.forms import DocumentForm, InvitationForm
from incubator.services.documents import organisation_document_delete, organisation_document_upload
from incubator.services.invitations import invitation_create, invitation_revoke
from incubator.services.memberships import membership_end


def member_required(view):
    """Log in first; then the visitor must belong to an organisation (``request.membership``).
    Others get a page explaining the portal, or 404 where the URL names an object."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.membership = live_membership(request.user)
        if request.membership is None:
            if kwargs:
                raise Http404
            return TemplateResponse(request, "incubator/portal/no_organisation.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """Only the organisation's administrators; other members get 404."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.membership.role != OrganisationMembership.Role.ADMIN:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _context(request, **extra) -> dict:
    membership = request.membership
    return {
        "membership": membership,
        "organisation": membership.organisation,
        "is_org_admin": membership.role == OrganisationMembership.Role.ADMIN,
        **extra,
    }


@member_required
def dashboard(request):
    """The organisation at a glance: stage, incubation, office space, latest letters."""
    organisation = request.membership.organisation
    today = timezone.localdate()
    incubation = organisation.incubations.filter(ended_on__isnull=True).first()
    allocations = organisation.allocations.filter(ends_on__gte=today).select_related("space")
    latest_letters = organisation.letters.filter(revoked_at__isnull=True)[:3]
    return TemplateResponse(
        request,
        "incubator/portal/dashboard.html",
        _context(
            request,
            incubation=incubation,
            allocations=allocations,
            latest_letters=latest_letters,
        ),
    )


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
    invitation = get_object_or_404(Invitation, pk=pk, organisation=request.membership.organisation)
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
    membership = get_object_or_404(
        OrganisationMembership,
        pk=pk,
        organisation=request.membership.organisation,
        ended_at__isnull=True,
    )
    try:
        membership_end(membership=membership, by=request.user, reason=_("Removed in the portal"))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": membership.user})
    return redirect("portal:members")


@member_required
def documents(request):
    """The organisation's private documents; administrators can upload and delete."""
    organisation = request.membership.organisation
    form = None
    if request.membership.role == OrganisationMembership.Role.ADMIN:
        form = DocumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            organisation_document_upload(
                organisation=organisation,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("The document was uploaded."))
            return redirect("portal:documents")
    elif request.method == "POST":
        raise Http404
    return TemplateResponse(
        request,
        "incubator/portal/documents.html",
        _context(
            request,
            documents=organisation.documents.select_related("uploaded_by"),
            form=form,
            max_mb=settings.PRIVATE_UPLOAD_MAX_BYTES // MB,
        ),
    )


@admin_required
@require_POST
def delete_document(request, pk: int):
    """Delete one of this organisation's documents."""
    document = get_object_or_404(
        OrganisationDocument, pk=pk, organisation=request.membership.organisation
    )
    organisation_document_delete(document=document, by=request.user)
    messages.success(request, _("The document was deleted."))
    return redirect("portal:documents")


@member_required
def letters(request):
    """The organisation's official letters, with their status and downloads."""
    organisation = request.membership.organisation
    return TemplateResponse(
        request,
        "incubator/portal/letters.html",
        _context(request, letters=organisation.letters.select_related("replaced_by")),
    )
