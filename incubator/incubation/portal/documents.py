"""The organisation portal's private documents: members read them, administrators upload and
delete them."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.incubation.portal.forms import DocumentForm
from incubator.incubation.portal.views import _context, admin_required, member_required
from incubator.incubation.services.documents import (
    organisation_document_delete,
    organisation_document_upload,
)
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.security import log_refused_access
from incubator.kernel.uploads import MB
from incubator.models import Organisation, OrganisationDocument, OrganisationMembership


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
        log_refused_access(request, model=Organisation, object_id=organisation.pk)
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
    document = get_visible_or_404(
        request,
        OrganisationDocument.objects.filter(organisation=request.membership.organisation),
        pk=pk,
    )
    organisation_document_delete(document=document, by=request.user)
    messages.success(request, _("The document was deleted."))
    return redirect("portal:documents")
