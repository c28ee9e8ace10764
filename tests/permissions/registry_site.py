"""The URL-permission registry of the public site and accounts, and of Wagtail's own URLs that
read or edit what is ours (composed in tests/permissions/registry.py)."""

from incubator.incubation.services.invitations import invitation_token
from tests.permissions.rules import ADMIN_STAFF, EVERYONE, SIGNED_IN, Rule, pk_of


def _token(world) -> dict:
    return {"token": invitation_token(world.objects["invitation"])}


def _confirm_token(world) -> dict:
    from django.core import signing

    from incubator.incubation.services.intake import CONFIRM_SALT

    return {"token": signing.dumps(world.objects["intake"].pk, salt=CONFIRM_SALT)}


SITE: dict[str, Rule] = {
    # Public site and accounts.
    "search": Rule(EVERYONE),
    "open_data": Rule(EVERYONE),
    "sitemap": Rule(EVERYONE),
    "set_language": Rule(
        EVERYONE, method="post", data={"language": "en", "next": "/en/"}, success=302
    ),
    "login": Rule(EVERYONE - SIGNED_IN),
    "logout": Rule(SIGNED_IN, method="post", success=302),
    "wagtailadmin_logout": Rule(SIGNED_IN, method="post", success=302),
    "password_change": Rule(SIGNED_IN),
    "password_change_done": Rule(SIGNED_IN),
    "password_reset": Rule(EVERYONE),
    "password_reset_done": Rule(EVERYONE),
    "password_reset_confirm": Rule(
        EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "set-password"}
    ),
    "password_reset_complete": Rule(EVERYONE),
    "invitation_accept": Rule(EVERYONE, kwargs=_token),
    "letter_verify_form": Rule(EVERYONE),
    "intake_apply": Rule(EVERYONE),
    # Without an application sent from this session: back to the form.
    "intake_submitted": Rule(EVERYONE, success=302),
    # Without answers kept in this session: back to the form.
    "intake_check": Rule(EVERYONE, success=302),
    "intake_confirm": Rule(EVERYONE, kwargs=_confirm_token),
    "open_data_360giving": Rule(EVERYONE),
    "open_data_ocds_tenders": Rule(EVERYONE),
    "open_data_care_vouchers": Rule(EVERYONE),
    "open_data_care_vouchers_page": Rule(EVERYONE, kwargs=lambda world: {"number": 1}),
    "open_data_360giving_page": Rule(EVERYONE, kwargs=lambda world: {"number": 1}),
    "open_data_ocds_tenders_page": Rule(EVERYONE, kwargs=lambda world: {"number": 1}),
    "open_data_ocds_tender": Rule(
        EVERYONE, kwargs=lambda world: {"reference": world.objects["tender"].reference}
    ),
    "letter_verify": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["letter"].verification_code}
    ),
    "notifications": Rule(SIGNED_IN),
    "two_factor": Rule(
        frozenset(
            {
                "hub_a_manager",
                "hub_b_manager",
                "evaluator",
                "contract_evaluator",
                "bureau",
                "site_admin",
                "community_a_worker",
            }
        )
    ),
    "notifications_read": Rule(SIGNED_IN, method="post", success=302),
    "notification_open": Rule(
        frozenset({"org_a_admin"}), object="notification", kwargs=pk_of("notification"), success=302
    ),
}


def _tender_page(world) -> dict:
    return {"page_id": world.objects["tender"].pk}


# Wagtail's reports, and the history and usage of a tender page: they read log entries and
# references, where sealed bids must never show (tests/tenders/test_sealed_history.py).
WAGTAIL_REPORTS = {
    **{
        f"wagtailadmin_reports:{name}{results}": Rule(allowed)
        for name, allowed in (
            ("locked_pages", frozenset()),  # nobody in the world holds a page lock permission
            ("workflow", frozenset({"bureau"})),
            ("workflow_tasks", frozenset({"bureau"})),
            ("site_history", ADMIN_STAFF),
            ("aging_pages", frozenset({"bureau"})),
            ("page_types_usage", frozenset({"bureau"})),
        )
        for results in ("", "_results")
    },
    "wagtailadmin_pages:history": Rule(frozenset({"bureau"}), kwargs=_tender_page),
    "wagtailadmin_pages:history_results": Rule(frozenset({"bureau"}), kwargs=_tender_page),
    "wagtailadmin_pages:usage": Rule(frozenset({"bureau"}), kwargs=_tender_page),
}

# Wagtail's own URLs that edit models of ours; checked like ours.
WAGTAIL_PATTERNS = {
    **WAGTAIL_REPORTS,
    "wagtailsettings:edit": Rule(
        frozenset({"site_admin"}),
        kwargs=lambda world: {
            "app_name": "cms",
            "model_name": "sitesettings",
            "pk": world.objects["site"].pk,
        },
    ),
}
