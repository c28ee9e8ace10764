from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedPage(models.Model):
    """One page of an open-data publication as last built (``incubator.kernel.publications``):
    a JSON file in the default storage, with its ETag, size and build time (Last-Modified) and
    the fingerprint of the data it was built from. A request reads this row and the file; only
    the builder (a task, or ``manage.py publish_open_data``) writes them."""

    publication = models.CharField(_("publication"), max_length=50)
    number = models.PositiveIntegerField(_("page"))
    path = models.CharField(_("file"), max_length=300)
    etag = models.CharField(_("ETag"), max_length=80)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    built_at = models.DateTimeField(_("built at"))
    fingerprint = models.CharField(_("fingerprint of the data"), max_length=64)

    class Meta:
        verbose_name = _("published page")
        verbose_name_plural = _("published pages")
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="published_page_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} {self.number}"
