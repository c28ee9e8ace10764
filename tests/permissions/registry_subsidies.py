"""The URL-permission registry of subsidies, in the portal and in the back office (composed in
tests/permissions/registry.py)."""

from tests.permissions.rules import (
    EVERYONE,
    MEMBERS,
    ORG_A,
    STAFF_VIEWERS,
    Rule,
    admin_model,
    pk_of,
)

SUBSIDIES: dict[str, Rule] = {
    # Subsidies in the portal.
    "subsidies:index": Rule(MEMBERS),
    "subsidies:apply": Rule(
        frozenset({"org_a_admin", "org_b_admin"}),
        kwargs=lambda world: {"scheme_pk": world.objects["open_scheme"].pk},
    ),
    "subsidies:detail": Rule(
        ORG_A, object="subsidy_application", kwargs=pk_of("subsidy_application")
    ),
    "subsidies:edit": Rule(
        frozenset({"org_a_admin"}), object="subsidy_draft", kwargs=pk_of("subsidy_draft")
    ),
    "subsidies:check": Rule(
        frozenset({"org_a_admin"}), object="subsidy_draft", kwargs=pk_of("subsidy_draft")
    ),
    "subsidies:withdraw": Rule(
        frozenset({"org_a_admin"}),
        object="subsidy_application",
        kwargs=pk_of("subsidy_application"),
        method="post",
        success=302,
    ),
    # Care vouchers in the portal: members see their own organisation's sites' services and
    # residents (the lists are empty for an organisation without such sites).
    "subsidies:voucher_record": Rule(MEMBERS),
    "subsidies:voucher_receipts": Rule(MEMBERS),
    "subsidies:voucher_served": Rule(MEMBERS),
    "subsidies:voucher_receipt": Rule(ORG_A, object="redemption", kwargs=pk_of("redemption")),
    "subsidies:voucher_receipt_photo": Rule(ORG_A, object="redemption", kwargs=pk_of("redemption")),
    "subsidy_files:attachment": Rule(
        ORG_A | {"hub_a_manager", "bureau"},
        object="subsidy_attachment",
        kwargs=pk_of("subsidy_attachment"),
    ),
    # Subsidies in the back office. The scheme of A is open to hub A only.
    **admin_model(
        "scheme",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset({"bureau"}),
        adders=frozenset({"bureau"}),
    ),
    "schemes:budget": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="scheme", kwargs=pk_of("scheme")
    ),
    "schemes:budget_csv": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="scheme", kwargs=pk_of("scheme")
    ),
    "schemes:budget_xlsx": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="scheme", kwargs=pk_of("scheme")
    ),
    **admin_model(
        "subsidy_application",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    "subsidy_applications:recommend": Rule(
        frozenset({"hub_a_manager"}),
        object="subsidy_application",
        kwargs=pk_of("subsidy_application"),
    ),
    "subsidy_applications:return": Rule(
        frozenset({"hub_a_manager"}),
        object="subsidy_application",
        kwargs=pk_of("subsidy_application"),
    ),
    "subsidy_applications:approve": Rule(
        frozenset({"bureau"}), object="subsidy_application", kwargs=pk_of("subsidy_application")
    ),
    "subsidy_applications:reject": Rule(
        frozenset({"bureau"}), object="subsidy_application", kwargs=pk_of("subsidy_application")
    ),
    "subsidy_applications:disburse": Rule(
        frozenset({"bureau"}), object="subsidy_application", kwargs=pk_of("subsidy_application")
    ),
}


def _admin_model_without(name: str, missing: tuple[str, ...], **rules) -> dict[str, Rule]:
    """``admin_model`` less the views a viewset does not offer (copy, inspect)."""
    generated = admin_model(name, **rules)
    return {key: rule for key, rule in generated.items() if key.split(":")[1] not in missing}


BUREAU = frozenset({"bureau"})
COMMUNITY_A = frozenset({"bureau", "community_a_worker"})
_HOLDER = {"object": "voucher_holder", "kwargs": pk_of("voucher_holder")}

# Care vouchers in the back office: holders are seen and enrolled by the bureau and by the
# workers of their community only (holder A lives in community A); the scheme, communities and
# credit runs are the bureau's. Nobody deletes a holder, a scheme, a community or a run.
VOUCHERS: dict[str, Rule] = {
    **_admin_model_without(
        "voucher_holder",
        ("copy",),
        namespace="voucher_holders",
        listers=COMMUNITY_A,
        viewers=COMMUNITY_A,
        editors=COMMUNITY_A,
        adders=COMMUNITY_A,
    ),
    "voucher_holders:reveal": Rule(COMMUNITY_A, **_HOLDER),
    "voucher_holders:record_status": Rule(COMMUNITY_A, **_HOLDER),
    "voucher_holders:reset_pin": Rule(COMMUNITY_A, **_HOLDER),
    "voucher_holders:statements": Rule(COMMUNITY_A),
    **_admin_model_without(
        "voucher_scheme",
        ("copy",),
        listers=BUREAU,
        viewers=BUREAU,
        editors=BUREAU,
        adders=BUREAU,
    ),
    **_admin_model_without(
        "community",
        ("copy", "inspect"),
        namespace="communities",
        listers=BUREAU,
        viewers=BUREAU,
        editors=BUREAU,
        adders=BUREAU,
    ),
    **_admin_model_without(
        "credit_run",
        ("copy",),
        namespace="voucher_credit_runs",
        listers=BUREAU,
        viewers=BUREAU,
        editors=frozenset(),
    ),
    "voucher_credit_runs:run": Rule(BUREAU),
    # The residents' own page: anyone with a card and its PIN (the form is public).
    "voucher_balance": Rule(EVERYONE),
}


def _claim_month(world) -> dict:
    """The month of A's voucher service not yet claimed (this month, in China Standard Time)."""
    from django.utils import timezone

    served = timezone.localtime(world.objects["redemption"].served_at)
    return {"year": served.year, "month": served.month}


# Claims: A's members see A's claims; only A's admin claims a month; the bureau decides.
_CLAIM = {"object": "voucher_claim", "kwargs": pk_of("voucher_claim")}
SUBSIDIES |= {
    "subsidies:voucher_claims": Rule(MEMBERS),
    "subsidies:voucher_claim": Rule(ORG_A, **_CLAIM),
    "subsidies:voucher_claim_submit": Rule(frozenset({"org_a_admin"}), kwargs=_claim_month),
    **_admin_model_without(
        "voucher_claim",
        ("copy",),
        listers=BUREAU,
        viewers=BUREAU,
        editors=frozenset(),
        namespace="voucher_claims",
    ),
    "voucher_claims:draw_sample": Rule(BUREAU, **_CLAIM),
    "voucher_claims:approve": Rule(BUREAU, **_CLAIM),
    "voucher_claims:return": Rule(BUREAU, **_CLAIM),
    "voucher_claims:pay": Rule(BUREAU, **_CLAIM),
    "voucher_claims:check": Rule(
        BUREAU, object="claim_sample_item", kwargs=pk_of("claim_sample_item")
    ),
}

# Anomalies: the bureau's oversight only; a provider, a hub manager or a community worker never
# sees what is flagged.
_ANOMALY = {"object": "voucher_anomaly", "kwargs": pk_of("voucher_anomaly")}
SUBSIDIES |= {
    **_admin_model_without(
        "voucher_anomaly",
        ("copy",),
        listers=BUREAU,
        viewers=BUREAU,
        editors=frozenset(),
        namespace="voucher_anomalies",
    ),
    "voucher_anomalies:resolve": Rule(BUREAU, **_ANOMALY),
}
