"""What a page points to, as this visitor may see it (see ``cms.references``)."""

from django import template

from cms.references import document_available

register = template.Library()


@register.simple_tag(takes_context=True)
def available_document(context, document):
    """``document`` if it still exists and this visitor may download it, else None."""
    return document if document_available(document, context.get("request")) else None
