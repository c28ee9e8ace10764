"""The URL-permission registry of tenders: the portal, sealed bid files and the back office
(composed in tests/permissions/registry.py)."""

from tests.permissions.rules import (
    EVERYONE,
    MEMBERS,
    ORG_A,
    STAFF_VIEWERS,
    Rule,
    admin_model,
    pk_of,
)

TENDERS: dict[str, Rule] = {
    # Tenders: the portal (any organisation may bid for the public tender of the world).
    "tenders_portal:bids": Rule(MEMBERS),
    "tenders_portal:bid": Rule(MEMBERS, kwargs=pk_of("tender")),
    "tenders_portal:withdraw": Rule(
        frozenset({"org_a_admin", "org_b_admin"}),
        kwargs=pk_of("tender"),
        method="post",
        success=302,
    ),
    # Checking a bid's answers: organisations' admins (with nothing waiting, back to the form).
    "tenders_portal:check": Rule(
        frozenset({"org_a_admin", "org_b_admin"}), kwargs=pk_of("tender"), success=302
    ),
    "tenders_portal:contracts": Rule(MEMBERS),
    "tenders_portal:contract": Rule(ORG_A, object="contract", kwargs=pk_of("contract")),
    # Contract delivery: A's report, filed by its members; its evidence for them, bureau
    # officers and the managers of A's hub.
    "tenders_portal:report": Rule(ORG_A, object="contract_report", kwargs=pk_of("contract_report")),
    "tender_files:report_evidence": Rule(
        ORG_A | {"bureau", "hub_a_manager", "contract_evaluator"},
        object="report_evidence",
        kwargs=pk_of("report_evidence"),
    ),
    # Independent evaluation: the bureau grants and revokes; the third-party evaluator of the
    # world holds a running, declared-clear grant of A's contract and has reported.
    "contract_evaluation:grant": Rule(
        frozenset({"bureau"}), object="contract", kwargs=pk_of("contract")
    ),
    "contract_evaluation:revoke": Rule(
        frozenset({"bureau"}), object="evaluator_grant", kwargs=pk_of("evaluator_grant")
    ),
    "contract_evaluation:report_file": Rule(
        frozenset({"bureau", "contract_evaluator"}),
        object="evaluation_report",
        kwargs=pk_of("evaluation_report"),
    ),
    "contract_evaluator:index": Rule(frozenset({"contract_evaluator"})),
    **{
        f"contract_evaluator:{name}": Rule(
            frozenset({"contract_evaluator"}),
            object="evaluator_grant",
            kwargs=pk_of("evaluator_grant"),
        )
        for name in ("grant", "declare", "report")
    },
    "tender_contracts:kpis": Rule(
        frozenset({"bureau"}), object="contract", kwargs=pk_of("contract")
    ),
    # Residents' surveys: bureau officers schedule them and keep the questions.
    "tender_contracts:survey": Rule(
        frozenset({"bureau"}), object="contract", kwargs=pk_of("contract")
    ),
    **{
        name: rule
        for name, rule in admin_model(
            "survey_question",
            namespace="survey_questions",
            listers=frozenset({"bureau"}),
            viewers=frozenset({"bureau"}),
            editors=frozenset({"bureau"}),
            adders=frozenset({"bureau"}),
            deleters=frozenset({"bureau"}),
        ).items()
        if name != "survey_questions:inspect"
    },
    **{
        f"contract_reports:{name}": Rule(
            frozenset({"bureau"}), object="contract_report", kwargs=pk_of("contract_report")
        )
        for name in ("accept", "return")
    },
    **admin_model(
        "contract_report",
        namespace="contract_reports",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    # KPI templates: the bureau's, model-wide (no inspect view).
    **{
        name: rule
        for name, rule in admin_model(
            "kpi_template",
            namespace="kpi_templates",
            listers=frozenset({"bureau"}),
            viewers=frozenset({"bureau"}),
            editors=frozenset({"bureau"}),
            adders=frozenset({"bureau"}),
            deleters=frozenset({"bureau"}),
        ).items()
        if name != "kpi_templates:inspect"
    },
    # Service sites: bureau officers add and change them; hub managers read their hubs'.
    **admin_model(
        "service_site",
        namespace="service_sites",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"hub_a_manager"}),
        editors=frozenset({"bureau"}),
        adders=frozenset({"bureau"}),
    ),
    # Residents' feedback: read like the sites; only bureau officers moderate.
    **admin_model(
        "feedback_response",
        namespace="site_feedback",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    **{
        f"site_feedback:{name}": Rule(
            frozenset({"bureau"}), object="feedback_response", kwargs=pk_of("feedback_response")
        )
        for name in ("publish", "hide")
    },
    "service_sites:issue_cards": Rule(
        frozenset({"bureau"}), object="service_site", kwargs=pk_of("service_site")
    ),
    "service_sites:cards": Rule(
        frozenset({"bureau"}),
        object="service_site",
        kwargs=lambda world: {"pk": world.objects["service_site"].pk, "batch": 1},
    ),
    "service_sites:poster": Rule(
        frozenset({"bureau", "hub_a_manager"}), object="service_site", kwargs=pk_of("service_site")
    ),
    # Recording the handover of the city's premises: those who manage the site (bureau officers).
    "service_sites:handover": Rule(
        frozenset({"bureau"}), object="service_site", kwargs=pk_of("service_site")
    ),
    # Residents' complaints: staff read them in the back office; the bureau answers a late one.
    **admin_model(
        "complaint",
        namespace="site_complaints",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    "site_complaints:answer": Rule(
        frozenset({"bureau"}), object="complaint", kwargs=pk_of("complaint")
    ),
    # The provider answers its own sites' complaints in the portal; another's is 404.
    "tenders_portal:complaints": Rule(MEMBERS),
    "tenders_portal:complaint": Rule(ORG_A, object="complaint", kwargs=pk_of("complaint")),
    # The public complaint form of a site, and following a complaint with its tracking code.
    "site_complaint": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
    ),
    "complaint_lookup": Rule(EVERYONE),
    # A site's public performance page: anyone.
    "site_performance": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
    ),
    "complaint_track": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["complaint"].tracking_code}
    ),
    # The provider's sites in the portal: its members; another organisation's site is 404.
    "tenders_portal:sites": Rule(MEMBERS),
    "tenders_portal:site": Rule(ORG_A, object="service_site", kwargs=pk_of("service_site")),
    "tenders_portal:site_poster": Rule(ORG_A, object="service_site", kwargs=pk_of("service_site")),
    # The public feedback page of a site: anyone, without an account.
    "site_feedback": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
    ),
    "site_feedback_thanks": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
    ),
    # The public survey page of a site (the world's contract has a survey open): anyone.
    "site_survey": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
    ),
    "site_survey_thanks": Rule(
        EVERYONE, kwargs=lambda world: {"code": world.objects["service_site"].code}
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
    "tenders_admin:duties": Rule(frozenset({"bureau"})),
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
    # The tender chooser (the bids list's filter): bureau officers only, on every URL; a
    # tender is chosen, never created, here.
    "tender_chooser:choose": Rule(frozenset({"bureau"})),
    "tender_chooser:choose_results": Rule(frozenset({"bureau"})),
    "tender_chooser:chosen": Rule(frozenset({"bureau"}), object="tender", kwargs=pk_of("tender")),
    "tender_chooser:chosen_multiple": Rule(frozenset({"bureau"})),
    "tender_chooser:create": Rule(frozenset()),
    **admin_model(
        "contract",
        namespace="tender_contracts",
        listers=STAFF_VIEWERS,
        viewers=frozenset({"bureau", "hub_a_manager"}),
        editors=frozenset(),
    ),
    # The bureau's steps after the award: only bureau officers (hub managers, who read their
    # hubs' contracts, and providers get 404).
    **{
        f"tender_contracts:{name}": Rule(
            frozenset({"bureau"}), object="contract", kwargs=pk_of("contract")
        )
        for name in ("sign", "publish", "amend", "accept", "tranches")
    },
    # Acceptance (验收): the same bureau officers change, sign off and publish it.
    **{
        f"tender_contracts:acceptance_{name}": Rule(
            frozenset({"bureau"}), object="acceptance", kwargs=pk_of("acceptance")
        )
        for name in ("change", "sign_off", "publish")
    },
    # Recording a tranche's payment: bureau officers only.
    "tender_contracts:pay": Rule(
        frozenset({"bureau"}), object="contract_tranche", kwargs=pk_of("contract_tranche")
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
