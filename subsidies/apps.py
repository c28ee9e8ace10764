from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Model-wide rights of bureau officers on subsidies; hub managers get object permissions only.
BUREAU_SUBSIDY_PERMISSIONS = [
    "subsidies.view_scheme",
    "subsidies.add_scheme",
    "subsidies.change_scheme",
    "subsidies.view_subsidyapplication",
    "subsidies.decide_subsidyapplication",
    "subsidies.disburse_subsidyapplication",
    # Care vouchers: the scheme, the holders (masked; the full number audited), the credit runs.
    "subsidies.view_voucherscheme",
    "subsidies.add_voucherscheme",
    "subsidies.change_voucherscheme",
    "subsidies.view_community",
    "subsidies.add_community",
    "subsidies.change_community",
    "subsidies.view_resident",
    "subsidies.add_resident",
    "subsidies.change_resident",
    "subsidies.reveal_citizen_id",
    "subsidies.view_creditrun",
    "subsidies.run_creditrun",
    # Providers' claims: sampled checks, approval or return, payment with a settlement letter.
    "subsidies.view_claim",
    "subsidies.decide_claim",
    # Anomalies of care vouchers: the flags of the detection, and their resolution.
    "subsidies.view_voucheranomaly",
    "subsidies.resolve_voucheranomaly",
]


class SubsidiesConfig(AppConfig):
    """Staff-cost subsidies: schemes with budget envelopes, applications, approvals, payments."""

    name = "subsidies"
    verbose_name = _("Staff-cost subsidies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from incubator.kernel.letters import letter_kinds
        from incubator.kernel.roles import Role, contribute_role_permissions
        from incubator.kernel.todo import register_todo_source
        from subsidies.letters import (
            SUBSIDY_LETTER_DETAILS,
            VOUCHER_LETTER_DETAILS,
            SubsidyLetterKind,
            VoucherLetterKind,
        )
        from subsidies.todo import subsidies_todo

        contribute_role_permissions({Role.BUREAU_OFFICER: BUREAU_SUBSIDY_PERMISSIONS})
        letter_kinds.register_choices(SubsidyLetterKind, details=SUBSIDY_LETTER_DETAILS)
        letter_kinds.register_choices(VoucherLetterKind, details=VOUCHER_LETTER_DETAILS)

        from incubator.kernel.publications import register_publication
        from subsidies.opendata import PUBLICATION
        from subsidies.voucher_opendata import PUBLICATION as CARE_VOUCHERS

        register_publication(PUBLICATION)
        register_publication(CARE_VOUCHERS)
        register_todo_source(subsidies_todo)
