"""Downloads of subsidy attachments, under /files/subsidies/. The attachment is found among the
applications the user may see, so another organisation's file answers 404, and an anonymous
visitor is sent to log in."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from incubator.kernel.files import private_file_response
from incubator.kernel.permissions import get_visible_or_404
from subsidies.models import SubsidyAttachment
from subsidies.selectors import applications_visible_to


@login_required
def attachment(request, pk: int):
    """An application's attachment, for the organisation's members, its hub's managers and
    bureau officers."""
    item = get_visible_or_404(
        request,
        SubsidyAttachment.objects.filter(
            application__in=applications_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    return private_file_response(item.file, download_name=item.original_name)


app_name = "subsidy_files"
urlpatterns = [path("attachments/<int:pk>/", attachment, name="attachment")]
