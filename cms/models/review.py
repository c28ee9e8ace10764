"""Pages an editor should look at again because something they point to has gone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageReviewFlag(models.Model):
    """A published page that linked to a document, image or page that was deleted or
    unpublished. Shown on the admin home until the page is published again."""

    class Reason(models.TextChoices):
        DOCUMENT_DELETED = "document_deleted", _("A linked document was deleted")
        IMAGE_DELETED = "image_deleted", _("A linked image was deleted")
        PAGE_DELETED = "page_deleted", _("A linked page was deleted")
        PAGE_UNPUBLISHED = "page_unpublished", _("A linked page was unpublished")

    # No database constraint: a flag may be written for a page that the same deletion removes
    # a moment later (a subtree whose pages link to each other); the listing joins live pages.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="review_flags",
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    target_title = models.CharField(
        _("what went"), max_length=255, help_text=_("The title of what was deleted.")
    )
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("page to review")
        verbose_name_plural = _("pages to review")
        ordering = ["-flagged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.get_reason_display()} ({self.target_title})"
