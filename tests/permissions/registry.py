"""Every URL pattern we add, with who may use it. The harness fails on a pattern missing here.

``allowed`` get the success status; everybody else is refused: for a URL naming an object of
organisation A or hub A, with 404 or a redirect to log in, never anything that shows it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from incubator.incubation.services.invitations import invitation_token

STAFF_VIEWERS = frozenset({"bureau", "hub_a_manager", "hub_b_manager"})
ORG_A = frozenset({"org_a_admin", "org_a_member"})
EVERYONE = frozenset(
    {
        "anonymous",
        "org_a_admin",
        "org_a_member",
        "org_b_admin",
        "hub_a_manager",
        "hub_b_manager",
        "evaluator",
        "bureau",
        "site_admin",
    }
)
SIGNED_IN = EVERYONE - {"anonymous"}
MEMBERS = frozenset({"org_a_admin", "org_a_member", "org_b_admin"})


def pk_of(name: str) -> Callable:
    return lambda world: {"pk": world.objects[name].pk}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset
    kwargs: Callable = field(default=lambda world: {})
    object: str | None = None  # the object of organisation/hub A the URL names
    method: str = "get"
    data: dict | None = None
    success: int = 200


def admin_model(
    name: str,
    *,
    listers,
    viewers,
    editors,
    adders=frozenset(),
    deleters=frozenset(),
    namespace: str | None = None,
):
    """The URLs a Wagtail ModelViewSet generates for one of our models: ``listers`` see the
    listing (each their own part of it), ``viewers`` and ``editors`` the object of A."""
    obj = {"object": name, "kwargs": pk_of(name)}
    ns = namespace or f"{name}s"
    return {
        f"{ns}:index": Rule(listers),
        f"{ns}:index_results": Rule(listers),
        f"{ns}:add": Rule(adders),
        f"{ns}:inspect": Rule(viewers | editors, **obj),
        f"{ns}:edit": Rule(editors, **obj),
        f"{ns}:copy": Rule(adders, **obj),
        f"{ns}:history": Rule(editors, **obj),
        f"{ns}:history_results": Rule(editors, **obj),
        f"{ns}:usage": Rule(editors, **obj),
        f"{ns}:delete": Rule(deleters, **obj),
    }


def _token(world) -> dict:
    return {"token": invitation_token(world.objects["invitation"])}


def _confirm_token(world) -> dict:
    from django.core import signing

    from incubator.incubation.services.intake import CONFIRM_SALT

    return {"token": signing.dumps(world.objects["intake"].pk, salt=CONFIRM_SALT)}


REGISTRY: dict[str, Rule] = {
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
    "intake_confirm": Rule(EVERYONE, kwargs=_confirm_token),
    "open_data_360giving": Rule(EVERYONE),
    "open_data_ocds_tenders": Rule(EVERYONE),
    "open_data_ocds_tender": Rule(
        EVERYONE, kwargs=lambda world: {"reference": world.objects["tender"].reference}
    ),
    "letter_verify": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["letter"].verification_code}
    ),
    "notifications": Rule(SIGNED_IN),
    "two_factor": Rule(
        frozenset({"hub_a_manager", "hub_b_manager", "evaluator", "bureau", "site_admin"})
    ),
    "notifications_read": Rule(SIGNED_IN, method="post", success=302),
    "notification_open": Rule(
        frozenset({"org_a_admin"}), object="notification", kwargs=pk_of("notification"), success=302
    ),
    # Portal: the visitor's own organisation only.
    "portal:letters": Rule(MEMBERS),
    "portal:dashboard": Rule(MEMBERS),
    "portal:members": Rule(MEMBERS),
    "portal:documents": Rule(MEMBERS),
    "portal:invite": Rule(
        frozenset({"org_a_admin", "org_b_admin"}),
        method="post",
        data={"email": "colleague@example.org", "role": "member"},
        success=302,
    ),
    "portal:remove_member": Rule(
        frozenset({"org_a_admin"}),
        object="membership",
        kwargs=pk_of("membership"),
        method="post",
        success=302,
    ),
    "portal:revoke_invitation": Rule(
        frozenset({"org_a_admin"}),
        object="invitation",
        kwargs=pk_of("invitation"),
        method="post",
        success=302,
    ),
    "portal:profile": Rule(MEMBERS),
    "portal:milestones": Rule(MEMBERS),
    "portal:milestone": Rule(ORG_A, object="milestone", kwargs=pk_of("milestone")),
    "portal:delete_document": Rule(
        frozenset({"org_a_admin"}),
        object="document",
        kwargs=pk_of("document"),
        method="post",
        success=302,
    ),
    # Downloads.
    "files:organisation_document": Rule(
        ORG_A | {"hub_a_manager", "bureau"}, object="document", kwargs=pk_of("document")
    ),
    "files:letter": Rule(
        ORG_A | {"hub_a_manager", "bureau"}, object="letter", kwargs=pk_of("letter")
    ),
    "files:milestone_evidence": Rule(
        ORG_A | {"hub_a_manager", "bureau"}, object="evidence", kwargs=pk_of("evidence")
    ),
    # Back office.
    **admin_model(
        "hub",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset({"bureau"}),
        adders=frozenset({"bureau"}),
    ),
    **admin_model(
        "organisation",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset({"bureau", "hub_a_manager"}),
    ),
    **admin_model(
        "letter",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    **admin_model(
        "intake",
        namespace="intake",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    "intake:admit": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="intake", kwargs=pk_of("intake")
    ),
    "intake:decline": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="intake", kwargs=pk_of("intake")
    ),
    **admin_model(
        "space",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset({"bureau", "hub_a_manager"}),
        adders=frozenset({"bureau", "hub_a_manager", "hub_b_manager"}),
    ),
    # Any hub manager adds spaces (to their own hubs); a copy of A's space only A's manager.
    "spaces:copy": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="space", kwargs=pk_of("space")
    ),
    "organisations:allocate": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="organisation",
        kwargs=pk_of("organisation"),
    ),
    **admin_model(
        "allocation",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    **admin_model(
        "milestone",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    "milestones:verify": Rule(
        frozenset({"hub_a_manager"}), object="milestone", kwargs=pk_of("milestone")
    ),
    "milestones:return": Rule(
        frozenset({"hub_a_manager"}), object="milestone", kwargs=pk_of("milestone")
    ),
    **admin_model(
        "milestone_template",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset({"hub_a_manager"}),
        adders=frozenset({"hub_a_manager", "hub_b_manager"}),
        deleters=frozenset({"hub_a_manager"}),
    ),
    # Copying needs the right to add and to see the framework milestone copied.
    "milestone_templates:copy": Rule(
        frozenset({"hub_a_manager"}),
        object="milestone_template",
        kwargs=pk_of("milestone_template"),
    ),
    "organisations:graduate": Rule(
        frozenset({"hub_a_manager"}), object="organisation", kwargs=pk_of("organisation")
    ),
    "organisations:exit": Rule(
        frozenset({"hub_a_manager"}), object="organisation", kwargs=pk_of("organisation")
    ),
    "allocations:end": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="allocation", kwargs=pk_of("allocation")
    ),
    **admin_model(
        "waitlist_entry",
        namespace="waitlist",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    "waitlist:serve": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="waitlist_entry",
        kwargs=pk_of("waitlist_entry"),
    ),
    "waitlist:cancel": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="waitlist_entry",
        kwargs=pk_of("waitlist_entry"),
    ),
    "organisations:waitlist_add": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="organisation",
        kwargs=pk_of("organisation"),
    ),
    "incubator_availability_index": Rule(STAFF_VIEWERS),
    "incubator_availability": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="hub", kwargs=pk_of("hub")
    ),
    "letters:reissue": Rule(frozenset({"bureau"}), object="letter", kwargs=pk_of("letter")),
    # The world's letter is rendered: the action is refused on its form (200), to staff only.
    "letters:render_again": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="letter",
        kwargs=pk_of("letter"),
        method="post",
        success=200,
    ),
    # Email deliveries: bureau officers and site administrators; the world's message failed.
    **admin_model(
        "outgoing_email",
        namespace="outbox",
        listers=frozenset({"bureau", "site_admin"}),
        viewers=frozenset({"bureau", "site_admin"}),
        editors=frozenset(),
    ),
    "outbox:send_again": Rule(
        frozenset({"bureau", "site_admin"}),
        object="outgoing_email",
        kwargs=pk_of("outgoing_email"),
        method="post",
        success=302,
    ),
    "intake_resend_confirmation": Rule(EVERYONE),
    "organisations:invite_admin": Rule(
        frozenset({"bureau", "hub_a_manager"}),
        object="organisation",
        kwargs=pk_of("organisation"),
    ),
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
    "subsidies:withdraw": Rule(
        frozenset({"org_a_admin"}),
        object="subsidy_application",
        kwargs=pk_of("subsidy_application"),
        method="post",
        success=302,
    ),
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
    # Tenders: the portal (any organisation may bid for the public tender of the world).
    "tenders_portal:bids": Rule(MEMBERS),
    "tenders_portal:bid": Rule(MEMBERS, kwargs=pk_of("tender")),
    "tenders_portal:withdraw": Rule(
        frozenset({"org_a_admin", "org_b_admin"}),
        kwargs=pk_of("tender"),
        method="post",
        success=302,
    ),
    "tenders_portal:ask": Rule(
        MEMBERS, kwargs=pk_of("tender"), method="post", data={"question": "?"}, success=302
    ),
    # Bids are sealed: after the deadline (as in the world) bureau officers and cleared
    # evaluators (none in the world) read them, besides the bidder.
    "tender_files:bid_attachment": Rule(
        ORG_A | {"bureau"}, object="attachment", kwargs=pk_of("attachment")
    ),
    "tenders_admin:index": Rule(frozenset({"bureau", "evaluator"})),
    "tenders_admin:tender": Rule(frozenset({"bureau"}), object="tender", kwargs=pk_of("tender")),
    "tenders_admin:assign": Rule(frozenset({"bureau"}), object="tender", kwargs=pk_of("tender")),
    "tenders_admin:declare": Rule(frozenset(), object="tender", kwargs=pk_of("tender")),
    "tenders_admin:award": Rule(frozenset({"bureau"}), object="tender", kwargs=pk_of("tender")),
    "tenders_admin:bid": Rule(frozenset({"bureau"}), object="bid", kwargs=pk_of("bid")),
    "tenders_admin:score": Rule(frozenset(), object="bid", kwargs=pk_of("bid")),
    "tenders_admin:disqualify": Rule(frozenset({"bureau"}), object="bid", kwargs=pk_of("bid")),
    "tenders_admin:answer": Rule(
        frozenset({"bureau"}), object="clarification", kwargs=pk_of("clarification")
    ),
    "tenders_admin:challenge": Rule(frozenset({"bureau"}), object="award", kwargs=pk_of("award")),
    # The world's award is not challenged: resolving is refused, after the form, to all.
    "tenders_admin:resolve": Rule(frozenset({"bureau"}), object="award", kwargs=pk_of("award")),
    # Bids list once past their deadline, for bureau officers; nobody edits them here, and
    # a bid opens on the evaluation screen (tenders_admin:bid), not on an inspect view.
    **{
        name: rule
        for name, rule in admin_model(
            "bid",
            namespace="tender_bids",
            listers=frozenset({"bureau"}),
            viewers=frozenset({"bureau"}),
            editors=frozenset(),
        ).items()
        if name != "tender_bids:inspect"
    },
    **admin_model(
        "contract",
        namespace="tender_contracts",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    **admin_model(
        "calendar_day",
        namespace="tender_calendar",
        listers=frozenset({"bureau"}),
        viewers=frozenset({"bureau"}),
        editors=frozenset({"bureau"}),
        adders=frozenset({"bureau"}),
        deleters=frozenset({"bureau"}),
    ),
    # Confirmations are added, never edited or removed (an override withdraws one); their
    # history (the audit trail) is read by bureau officers.
    **admin_model(
        "calendar_year",
        namespace="tender_calendar_years",
        listers=frozenset({"bureau"}),
        viewers=frozenset({"bureau"}),
        editors=frozenset(),
        adders=frozenset({"bureau"}),
    ),
    **{
        f"tender_calendar_years:{name}": Rule(
            frozenset({"bureau"}), object="calendar_year", kwargs=pk_of("calendar_year")
        )
        for name in ("history", "history_results")
    },
}

ADMIN_STAFF = frozenset({"bureau", "hub_a_manager", "hub_b_manager", "evaluator", "site_admin"})


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
EXTRA_PATTERNS = {
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
