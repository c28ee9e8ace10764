"""StreamField blocks for public pages. Each block renders through its own template in
``templates/blocks/`` so that editors and developers see one place per piece of markup."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document (form, checklist, policy) with a short explanation. A document
    deleted or restricted since is shown as no longer available, never as an error."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=160,
        help_text=_("Leave blank to use the document's own title."),
    )
    description = blocks.TextBlock(
        label=_("Description"),
        required=False,
        max_length=300,
        help_text=_("One sentence on what the document is for."),
    )

    def get_context(self, value, parent_context=None):
        from cms.references import document_available

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        document = value.get("document")
        context["document"] = document if document_available(document, request) else None
        return context

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    """A frequently asked question with its answer, shown as a disclosure that needs no script."""

    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/question_answer_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of guidance, home and standard pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    document_link = DocumentLinkBlock()
    question_answer = QuestionAnswerBlock()
