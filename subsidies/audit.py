"""The audit action types of subsidies, registered with Wagtail by ``subsidies.wagtail_hooks``."""

from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import AuditAction

AUDIT_ACTIONS = [
    AuditAction(
        "subsidies.application.save_draft",
        _("Subsidy draft saved"),
        _(
            "%(lines)s staff lines, eligible ¥%(eligible)s; "
            "%(added)s files added, %(removed)s removed"
        ),
    ),
    AuditAction(
        "subsidies.application.submit",
        _("Subsidy application submitted"),
        _("Submitted under %(scheme)s, eligible ¥%(eligible)s"),
    ),
    AuditAction(
        "subsidies.application.withdraw",
        _("Subsidy application withdrawn"),
        _("Withdrawn from %(scheme)s"),
    ),
    AuditAction(
        "subsidies.application.recommend",
        _("Subsidy application recommended"),
        _("Recommended: eligible ¥%(eligible)s, proposed ¥%(proposed)s"),
    ),
    AuditAction(
        "subsidies.application.return",
        _("Subsidy application returned"),
        _("Returned to the organisation"),
    ),
    AuditAction(
        "subsidies.application.approve",
        _("Subsidy approved"),
        _("Approved ¥%(amount)s of eligible ¥%(eligible)s; award letter %(reference)s"),
    ),
    AuditAction(
        "subsidies.application.reject",
        _("Subsidy application rejected"),
        _("Rejected under %(scheme)s"),
    ),
    AuditAction(
        "subsidies.application.disburse",
        _("Subsidy paid"),
        _("¥%(amount)s paid on %(paid_on)s (%(reference)s); ¥%(disbursed)s of ¥%(approved)s paid"),
    ),
    AuditAction(
        "subsidies.resident.enrol",
        _("Voucher holder enrolled"),
        _("Enrolled in %(community)s, card %(card)s"),
    ),
    AuditAction(
        "subsidies.resident.change",
        _("Voucher holder's details changed"),
        _("Details changed"),
    ),
    AuditAction(
        "subsidies.resident.reveal_id",
        _("Identity number viewed in full"),
        _("Full identity number viewed: %(reason)s"),
    ),
    AuditAction(
        "subsidies.resident.status",
        _("Voucher holder's status recorded"),
        _("%(status)s since %(since)s"),
    ),
    AuditAction(
        "subsidies.resident.reset_pin",
        _("Voucher card PIN reset"),
        _("A new PIN was set for card %(card)s"),
    ),
    AuditAction(
        "subsidies.credit_run.run",
        _("Monthly voucher credit run"),
        _("%(month)s: %(count)s voucher holders credited ¥%(amount)s"),
    ),
]
AUDIT_ACTIONS += [
    AuditAction(
        "subsidies.redemption.record",
        _("Care voucher redeemed"),
        _(
            "%(service)s at %(site)s, ¥%(amount)s from card …%(card)s, "
            "served %(served_at)s (%(method)s)"
        ),
    ),
]
AUDIT_ACTIONS += [
    AuditAction(
        "subsidies.claim.submit",
        _("Care-voucher claim submitted"),
        _("%(month)s: %(count)s services, ¥%(total)s"),
    ),
    AuditAction(
        "subsidies.claim.draw_sample",
        _("Claim's sample drawn"),
        _("%(size)s of %(count)s services drawn to check"),
    ),
    AuditAction(
        "subsidies.claim.check",
        _("Sampled service checked"),
        _("%(service)s: %(outcome)s %(note)s"),
    ),
    AuditAction(
        "subsidies.claim.approve",
        _("Care-voucher claim approved"),
        _("Approved ¥%(total)s for %(count)s services"),
    ),
    AuditAction(
        "subsidies.claim.return",
        _("Care-voucher claim returned"),
        _("Returned: %(reason)s"),
    ),
    AuditAction(
        "subsidies.claim.pay",
        _("Care-voucher claim paid"),
        _("¥%(total)s paid on %(paid_on)s (%(reference)s); settlement letter %(letter)s"),
    ),
    AuditAction(
        "subsidies.anomaly.resolve",
        _("Care-voucher anomaly resolved"),
        _("%(kind)s: %(outcome)s. %(note)s"),
    ),
]
