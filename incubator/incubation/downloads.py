"""Downloads of private files. Each view finds the file's owner among the objects the user may
see, so a file of another organisation answers 404 (and the refusal is logged), and an anonymous
visitor is sent to log in."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import path

from incubator.incubation.selectors import (
    letters_visible_to,
    milestones_visible_to,
    organisations_visible_to,
)
from incubator.kernel.files import private_file_response
from incubator.kernel.permissions import get_visible_or_404
from incubator.models import Letter, MilestoneEvidence, OrganisationDocument


@login_required
def organisation_document(request, pk: int):
    """An organisation document, for its members, its hub's managers and bureau officers."""
    document = get_visible_or_404(
        request,
        OrganisationDocument.objects.filter(
            organisation__in=organisations_visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(document.file, download_name=document.title)


@login_required
def letter(request, pk: int):
    """A letter's PDF, for the recipient's members, its hub's managers and bureau officers."""
    item = get_visible_or_404(request, letters_visible_to(request.user), pk=pk)
    if item.render_status != Letter.RenderStatus.READY:
        raise Http404("The letter's PDF is not ready.")
    return private_file_response(item.file, download_name=f"{item.reference} {item.title}")


@login_required
def milestone_evidence(request, pk: int):
    """A milestone's evidence file, for the organisation's members, its hub's managers and
    bureau officers."""
    evidence = get_visible_or_404(
        request,
        MilestoneEvidence.objects.filter(milestone__in=milestones_visible_to(request.user)),
        pk=pk,
    )
    return private_file_response(evidence.file, download_name=evidence.original_name)


app_name = "files"
urlpatterns = [
    path("letters/<int:pk>/", letter, name="letter"),
    path(
        "organisation-documents/<int:pk>/",
        organisation_document,
        name="organisation_document",
    ),
    path("milestone-evidence/<int:pk>/", milestone_evidence, name="milestone_evidence"),
]
