"""Back-office hooks of the public site: rich-text links that survive their targets, and the
panel of pages an editor should review because something they point to has gone."""

from wagtail import hooks

from cms.review import pages_to_review_panels
from cms.rich_text import AvailableDocumentLinkHandler, AvailablePageLinkHandler


# After Wagtail's own registrations (order 0), which these replace.
@hooks.register("register_rich_text_features", order=100)
def register_available_link_handlers(features):
    features.register_link_type(AvailablePageLinkHandler)
    features.register_link_type(AvailableDocumentLinkHandler)


@hooks.register("construct_homepage_panels")
def add_pages_to_review_panel(request, panels):
    panels.extend(pages_to_review_panels(request))
