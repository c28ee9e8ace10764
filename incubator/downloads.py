"""Downloads of private files. Each view finds the file's owner among the objects the user may
see, so a file of another organisation answers 404, and an anonymous visitor is sent to log in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import path

from incubator.files import private_file_response
from incubator.models import Letter, MilestoneEvidence, OrganisationDocument
from incubator.permissions import (
    letters_visible_to,
    milestones_visible_to,
    organisations_visible_to,
)


@login_required
def organisation_document(request, pk: int):
    """An organisation document, for its members, its hub's managers and bureau officers."""
    document = get_object_or_404(
        OrganisationDocument.objects.filter(
            organisation__in=organisations_visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(document.file, download_name=document.title)


@login_required
def letter(request, pk: int):
    """A letter's PDF, for the recipient's members, its hub's managers and bureau officers."""
    item = get_object_or_404(
        letters_visible_to(request.user).filter(render_status=Letter.RenderStatus.READY), pk=pk
    )
    return private_file_response(item.file, download_name=f"{item.reference} {item.title}")


@login_required
def milestone_evidence(request, pk: int):
    """A milestone's evidence file, for the organisation's members, its hub's managers and
    bureau officers."""
    evidence = get_object_or_404(
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
