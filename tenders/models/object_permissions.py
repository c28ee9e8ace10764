"""Direct-foreign-key object permissions on tenders (django-guardian): evaluators are assigned
by holding ``evaluate_tender`` on the tender (not on one of its pages)."""

from django.db import models

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class TenderUserObjectPermission(UserObjectPermissionBase):
    """A user's permission on one tender (an assigned evaluator)."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    content_object = models.ForeignKey("tenders.Tender", on_delete=models.CASCADE)


class TenderGroupObjectPermission(GroupObjectPermissionBase):
    """A group's permission on one tender."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    content_object = models.ForeignKey("tenders.Tender", on_delete=models.CASCADE)
