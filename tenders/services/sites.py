"""Writes of what a service site offers beyond its own row: the handover of the city's
premises with its inventory, and the audit of changes to a site's opening hours and price list
(edited on the site's back-office form, which saves them with the site)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import format_rmb
from incubator.kernel.permissions import require_allowed
from tenders.feedback_selectors import sites_user_may_manage
from tenders.models import (
    HandoverItem,
    Premises,
    ServiceSite,
    SiteHandover,
    SiteOpeningHours,
    SiteService,
)
from tenders.models.sites import HANDOVER_NEEDS_CITY_PREMISES
from tenders.services import NOT_ALLOWED


def _validation_message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def site_handover_record(
    *,
    site: ServiceSite,
    handed_over_on: date,
    handed_over_by: str,
    received_by: str,
    notes: str = "",
    items: list[dict],
    by,
) -> SiteHandover:
    """Record (or correct) the handover of the city's premises to the site's operator and its
    inventory: ``items`` (dicts of name, quantity, condition, notes) replace the inventory
    recorded before. Before: ``by`` may manage the site, whose premises are the city's. After:
    one handover for the site, its items as given, the change in the site's history."""
    require_allowed(sites_user_may_manage, by, site, message=NOT_ALLOWED)
    with transaction.atomic():
        site = ServiceSite.objects.select_for_update().get(pk=site.pk)
        if site.premises != Premises.CITY:
            raise ServiceError(HANDOVER_NEEDS_CITY_PREMISES, code="not_city_premises")
        handover = SiteHandover.objects.filter(site=site).first()
        before = _handover_lines(handover) if handover else None
        handover = handover or SiteHandover(site=site)
        handover.handed_over_on = handed_over_on
        handover.handed_over_by = handed_over_by.strip()
        handover.received_by = received_by.strip()
        handover.notes = (notes or "").strip()
        rows = [
            HandoverItem(
                name=item["name"].strip(),
                quantity=item["quantity"],
                condition=item["condition"],
                notes=(item.get("notes") or "").strip(),
            )
            for item in items
        ]
        try:
            handover.full_clean(exclude=["site"])
            for row in rows:
                row.full_clean(exclude=["handover"])
        except ValidationError as error:
            raise ServiceError(_validation_message(error), code="invalid") from error
        handover.save()
        handover.items.all().delete()
        for row in rows:
            row.handover = handover
        HandoverItem.objects.bulk_create(rows)
        after = _handover_lines(handover)
        audit_log(
            instance=site,
            action="tenders.site.handover_recorded",
            user=by,
            data={
                "handed_over_on": handed_over_on.isoformat(),
                "items": len(rows),
                "corrected": before is not None,
            },
            changes=_changes(before or {}, after),
        )
    return handover


def _handover_lines(handover: SiteHandover) -> dict[str, str]:
    lines = {
        "handed_over_on": handover.handed_over_on.isoformat(),
        "handed_over_by": handover.handed_over_by,
        "received_by": handover.received_by,
    }
    for item in handover.items.all():
        lines[f"item {item.name}"] = f"{item.quantity} {item.condition} {item.notes}".strip()
    return lines


def site_offer_snapshot(site: ServiceSite) -> dict[str, str]:
    """The site's opening hours and price list as text lines keyed by what they describe,
    read from the database: taken before an edit and after it for ``site_offer_audit``."""
    lines = {}
    for day, spans in _spans_by_day(site).items():
        lines[f"hours {day}"] = ", ".join(spans)
    for service in SiteService.objects.filter(site=site.pk).order_by("name"):
        voucher = format_rmb(service.voucher_price) if service.voucher_price is not None else "-"
        state = "" if service.active else " (withdrawn)"
        lines[f"service {service.name}"] = (
            f"{service.service_type} {format_rmb(service.price)}/{service.unit} "
            f"voucher {voucher} {service.duration_minutes} min{state}"
        )
    return lines


def _spans_by_day(site: ServiceSite) -> dict[int, list[str]]:
    days: dict[int, list[str]] = {}
    rows = SiteOpeningHours.objects.filter(site=site.pk).order_by("weekday", "opens")
    for span in rows:
        days.setdefault(span.weekday, []).append(f"{span.opens:%H:%M}-{span.closes:%H:%M}")
    return days


def _changes(before: dict, after: dict) -> dict[str, tuple]:
    return {
        key: (before.get(key), after.get(key))
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


def site_offer_audit(*, site: ServiceSite, before: dict[str, str], by) -> None:
    """Record in the site's history what an edit changed in its opening hours and price list
    (nothing when it changed neither); ``before`` is ``site_offer_snapshot`` taken before.
    Before: ``by`` may manage the site (the edit form has asked already; this asks again)."""
    require_allowed(sites_user_may_manage, by, site, message=NOT_ALLOWED)
    changes = _changes(before, site_offer_snapshot(site))
    if changes:
        audit_log(
            instance=site,
            action="tenders.site.offer_changed",
            user=by,
            data={"count": len(changes)},
            changes=changes,
        )
