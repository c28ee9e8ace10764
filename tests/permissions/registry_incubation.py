"""The URL-permission registry of incubation: the organisation portal, private downloads, and
the back office of hubs, organisations, spaces, milestones, letters and the outbox (composed
in tests/permissions/registry.py)."""

from tests.permissions.rules import (
    EVERYONE,
    MEMBERS,
    ORG_A,
    SIGNED_IN,
    STAFF_VIEWERS,
    Rule,
    admin_model,
    pk_of,
)

INCUBATION: dict[str, Rule] = {
    # Portal: the visitor's own organisation only.
    "portal:letters": Rule(MEMBERS),
    "portal:dashboard": Rule(MEMBERS),
    # The applicant's page: anyone signed in, each seeing only their own applications.
    "portal:application_status": Rule(SIGNED_IN),
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
    # A panel of the admin home that loads after the page: the overdue milestones of the
    # hubs the user covers (bureau every hub, hub managers their own).
    "dashboard_panel": Rule(STAFF_VIEWERS, kwargs=lambda world: {"name": "overdue_milestones"}),
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
}
