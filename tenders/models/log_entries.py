"""The audit trail of bids, kept apart from Wagtail's generic model log so that every log
listing (site history and its exports, its filters, object histories) can leave out the bids
of tenders whose deadline has not passed: before it, nobody in the back office may learn that
a bid exists, who made it or how many there are."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import BaseLogEntry, BaseLogEntryManager
from wagtail.models.audit_log import LogEntryQuerySet


class TenderBidLogEntryQuerySet(LogEntryQuerySet):
    def opened(self, now=None):
        """Entries of bids whose tender's deadline has passed."""
        return self.filter(bid__tender__deadline__lte=now or timezone.now())


class TenderBidLogEntryManager(BaseLogEntryManager):
    def get_queryset(self):
        return TenderBidLogEntryQuerySet(self.model, using=self._db)

    def viewable_by_user(self, user):
        # Superusers included: sealing is a procurement rule, not a permission.
        return super().viewable_by_user(user).opened()

    def log_action(self, instance, action, **kwargs):
        bid = getattr(instance, "bid", instance)
        kwargs.update(object_id=str(instance.pk), bid_id=bid.pk)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        from django.contrib.contenttypes.models import ContentType

        return (
            self.get_queryset()
            .filter(
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                object_id=str(instance.pk),
            )
            .opened()
        )


class TenderBidLogEntry(BaseLogEntry):
    """An audit entry about a bid or its attachments, listed only once the deadline passed."""

    object_id = models.CharField(max_length=255, db_index=True)
    bid = models.ForeignKey(
        "tenders.TenderBid",
        verbose_name=_("bid"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    objects = TenderBidLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("bid log entry")
        verbose_name_plural = _("bid log entries")
