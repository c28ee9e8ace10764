"""The Atom feed of a tender index: public facts only (title, summary, deadline)."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class TenderFeed(Feed):
    """The latest tenders of one language tree."""

    feed_type = Atom1Feed

    def get_object(self, request, index=None):
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.url

    def subtitle(self, index):
        return _("Government service tenders of the Civil Affairs Bureau")

    def items(self, index):
        return index.tenders().order_by("-first_published_at", "-pk")[:30]

    def item_title(self, tender):
        return f"{tender.reference} {tender.title}"

    def item_description(self, tender):
        deadline = timezone.localtime(tender.deadline)
        return _("%(summary)s Deadline: %(deadline)s.") % {
            "summary": tender.summary,
            "deadline": f"{deadline:%Y-%m-%d %H:%M}",
        }

    def item_link(self, tender):
        return tender.url

    def item_pubdate(self, tender):
        return tender.first_published_at

    def item_updateddate(self, tender):
        return tender.last_published_at
