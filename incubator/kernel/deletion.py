"""Records that others' history points at (with ``on_delete=PROTECT``) cannot be deleted out
from under it. Before Wagtail deletes a page, snippet or record, the back office asks
``deletion_refusal`` and, when something depends on the object, shows its translated message
instead of trying (and failing with a ``ProtectedError``).

A model may say what to do instead with a ``deletion_advice`` attribute (a translatable
string), e.g. tender pages point at cancellation."""

from collections import Counter
from collections.abc import Iterable

from django.db import router
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext


def protected_dependants(objects: Iterable[Model] | QuerySet) -> Counter:
    """What would stop deleting ``objects``: a count per model of the records that point at
    them (or at what deleting them would cascade to) with PROTECT or RESTRICT."""
    objects = objects if isinstance(objects, QuerySet) else list(objects)
    if not len(objects):
        return Counter()
    model = objects.model if isinstance(objects, QuerySet) else type(objects[0])
    collector = Collector(using=router.db_for_write(model))
    try:
        collector.collect(objects)
    except (ProtectedError, RestrictedError) as error:
        blocking = error.protected_objects if isinstance(error, ProtectedError) else None
        blocking = blocking if blocking is not None else error.restricted_objects
        return Counter(type(record) for record in blocking)
    return Counter()


def _confidential(model) -> bool:
    """Records kept out of Wagtail's usage listings (bids, scores, declarations: sealed until
    the deadline) are never counted or named in a message either."""
    return bool(getattr(model, "wagtail_reference_index_ignore", False))


def dependants_text(counts: Counter) -> str:
    """'2 × organisations, 1 × space' in the active language, from model verbose names; the
    records of a tender process only as such, without a number."""
    parts = [
        gettext("%(count)s × %(name)s")
        % {
            "count": count,
            "name": model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural,
        }
        for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.label)
        if not _confidential(model)
    ]
    if any(_confidential(model) for model in counts):
        parts.append(gettext("records of a tender process"))
    return gettext(", ").join(parts)


def deletion_refusal(obj: Model, objects=None) -> str | None:
    """The message refusing to delete ``obj`` (and ``objects``, what its deletion takes with it,
    by default ``obj`` alone), or None when nothing depends on them. A model may refuse on its
    own terms first, with a ``deletion_refused`` method returning a message or None."""
    own = getattr(obj, "deletion_refused", None)
    if callable(own) and (message := own()):
        return str(message)
    counts = protected_dependants(objects if objects is not None else [obj])
    if not counts:
        return None
    message = ngettext(
        "“%(object)s” cannot be deleted: %(dependants)s depends on it, and that record must "
        "keep its history.",
        "“%(object)s” cannot be deleted: %(dependants)s depend on it, and those records must "
        "keep their history.",
        sum(counts.values()),
    ) % {"object": obj, "dependants": dependants_text(counts)}
    advice = getattr(obj, "deletion_advice", None)
    return f"{capfirst(message)} {advice}" if advice else capfirst(message)
