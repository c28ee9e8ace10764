"""Back-office hooks of the public site: rich-text links that survive their targets, the
panel of pages an editor should review because something they point to has gone, and the
refusal to delete pages, snippets or records that others' history points at."""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from cms.review import pages_to_review_panels, without_empty_moderation_panel
from cms.rich_text import AvailableDocumentLinkHandler, AvailablePageLinkHandler
from incubator.kernel.deletion import deletion_refusal


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("register_rich_text_features", order=100)
def register_available_link_handlers(features):
    features.register_link_type(AvailablePageLinkHandler)
    features.register_link_type(AvailableDocumentLinkHandler)


@hooks.register("construct_homepage_panels")
def add_pages_to_review_panel(request, panels):
    without_empty_moderation_panel(request, panels)
    panels.extend(pages_to_review_panels(request))


def _pages_deleted_with(page):
    """The pages deleting ``page`` removes: its subtree, and its translations' subtrees when
    translations are deleted together (WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE)."""
    condition = Q(path__startswith=page.path)
    if getattr(settings, "WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE", False):
        for translation in page.get_translations():
            condition |= Q(path__startswith=translation.path)
    return Page.objects.filter(condition)


def _page_refusal(page) -> str | None:
    """Why deleting ``page`` (and its subtree) is refused: a page of the subtree refusing on
    its own terms (a published tender), or records pointing at one of them."""
    deleted = _pages_deleted_with(page)
    for candidate in deleted.exclude(pk=page.pk).specific():
        if hasattr(candidate, "deletion_refused") and (message := candidate.deletion_refused()):
            return str(message)
    return deletion_refusal(page.specific, deleted)


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_history(request, page):
    """A page that domain records point at (a tender with bids) is never deleted: the editor
    is told what depends on it and what to do instead, before any confirmation."""
    refusal = _page_refusal(page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_with_history(request, instances):
    refusals = [message for obj in instances if (message := deletion_refusal(obj))]
    if refusals:
        for refusal in refusals:
            messages.error(request, refusal)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_records_with_history(request, action_type, objects, action_view):
    if action_type != "delete":
        return None
    refusals = []
    for obj in objects:
        message = _page_refusal(obj) if isinstance(obj, Page) else deletion_refusal(obj)
        if message:
            refusals.append(message)
    if refusals:
        for refusal in refusals:
            messages.error(request, refusal)
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
    return None
