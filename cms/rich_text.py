"""Rich-text links that survive their targets: a link to a page that was deleted or
unpublished, or to a document that was deleted, keeps its words but loses its address and says
(in the visitor's language) that its target is no longer available. Wagtail's own handlers
link an unpublished page anyway, to a 404."""

from django.utils.html import format_html

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from cms.references import page_available, unavailable_label


def _unavailable_anchor() -> str:
    return format_html('<a class="link--unavailable" title="{}">', unavailable_label())


class AvailablePageLinkHandler(PageLinkHandler):
    """Links only to live pages."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            format_html('<a href="{}">', page.localized.url)
            if page_available(page)
            else _unavailable_anchor()
            for page in cls.get_many(attrs_list)
        ]


class AvailableDocumentLinkHandler(DocumentLinkHandler):
    """Links only to documents that still exist."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            format_html('<a href="{}">', document.url) if document else _unavailable_anchor()
            for document in cls.get_many(attrs_list)
        ]
