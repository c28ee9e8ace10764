"""Pages to review: when a document, image or page that published pages use is deleted or
unpublished, those pages are flagged, and the admin home lists them (to editors who may edit
them) until each is published again.

Wagtail deletes documents, images and pages in its own views, which call none of our
services: the flags are written by signal receivers, inside the deleting transaction, from
Wagtail's reference index (the same data as its usage view)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.admin.ui.components import Component

FLAGS_SHOWN = 10


def flag_pages_using(target, reason: str) -> None:
    """Flag every live page (but ``target`` itself) that references ``target``."""
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import Page, ReferenceIndex

    from cms.models import PageReviewFlag

    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(target)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    if isinstance(target, Page):
        ids.discard(target.pk)
    if not ids:
        return
    user = get_active_log_context().user
    title = str(getattr(target, "title", "") or target)[:255]
    PageReviewFlag.objects.bulk_create(
        PageReviewFlag(
            page_id=pk,
            reason=reason,
            target_title=title,
            flagged_by=user if getattr(user, "pk", None) else None,
        )
        for pk in Page.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True)
    )


def _document_deleted(sender, instance, **kwargs):
    from cms.models import PageReviewFlag

    flag_pages_using(instance, PageReviewFlag.Reason.DOCUMENT_DELETED)


def _image_deleted(sender, instance, **kwargs):
    from cms.models import PageReviewFlag

    flag_pages_using(instance, PageReviewFlag.Reason.IMAGE_DELETED)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from cms.models import PageReviewFlag

    if isinstance(instance, Page) and type(instance) is Page:  # once per page, not per class
        flag_pages_using(instance, PageReviewFlag.Reason.PAGE_DELETED)


def _page_unpublished(sender, instance, **kwargs):
    from cms.models import PageReviewFlag

    flag_pages_using(instance, PageReviewFlag.Reason.PAGE_UNPUBLISHED)


def _page_published(sender, instance, **kwargs):
    """Publishing a page again is the editor's answer to its flags."""
    from cms.models import PageReviewFlag

    PageReviewFlag.objects.filter(page_id=instance.pk).delete()


def connect_signals() -> None:
    from django.db.models.signals import pre_delete

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    pre_delete.connect(_document_deleted, sender=get_document_model(), dispatch_uid="cms.rv.doc")
    pre_delete.connect(_image_deleted, sender=get_image_model(), dispatch_uid="cms.rv.image")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="cms.review.page")
    page_unpublished.connect(_page_unpublished, dispatch_uid="cms.review.unpublished")
    page_published.connect(_page_published, dispatch_uid="cms.review.published")


class PagesToReviewPanel(Component):
    """The admin home's list of flagged pages that this user may edit."""

    name = "pages_to_review"
    order = 45
    template_name = "cms/admin/pages_to_review.html"

    def __init__(self, flags, total: int):
        self.flags = flags
        self.total = total

    def get_context_data(self, parent_context=None):
        return {"flags": self.flags, "total": self.total}


def pages_to_review_panels(request) -> list[Component]:
    """The panel, when some page this user may edit is flagged; else nothing."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from cms.models import PageReviewFlag

    editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
    from incubator.kernel.todo import first_with_total

    flags = PageReviewFlag.objects.filter(page__in=editable.values("pk"), page__live=True)
    shown, total = first_with_total(flags.select_related("page", "flagged_by"), FLAGS_SHOWN)
    if not total:
        return []
    return [PagesToReviewPanel(shown, total)]


def has_tasks_to_moderate(user) -> bool:
    """Whether any workflow task waits for ``user``'s review, in one query: Wagtail's
    "Awaiting your review" panel asks each active task in turn (five queries and more on
    every visit to the admin home) and shows nothing when none does. Group approval tasks
    (ours, ``TenderApprovalTask``, among them) wait for members of their groups; a task of
    any other type counts as waiting, so that the panel asks it itself."""
    from wagtail.models import GroupApprovalTask, TaskState

    in_progress = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    if user.is_superuser:
        return in_progress.exists()
    theirs = GroupApprovalTask.objects.filter(groups__in=user.groups.all()).values("pk")
    group_tasks = GroupApprovalTask.objects.values("pk")
    return in_progress.filter(Q(task__in=theirs) | ~Q(task__in=group_tasks)).exists()


def without_empty_moderation_panel(request, panels: list) -> None:
    """Take Wagtail's "Awaiting your review" panel off the admin home when no task waits for
    the user (it would render nothing, after its own queries)."""
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    if not has_tasks_to_moderate(request.user):
        panels[:] = [
            panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)
        ]
