"""Every URL pattern we add, with who may use it. The harness fails on a pattern missing here.

``allowed`` get the success status; everybody else is refused: for a URL naming an object of
organisation A or hub A, with 404 or a redirect to log in, never anything that shows it."""

from tests.permissions.registry_incubation import INCUBATION
from tests.permissions.registry_site import SITE, WAGTAIL_PATTERNS, WAGTAIL_REPORTS
from tests.permissions.registry_subsidies import SUBSIDIES, VOUCHERS
from tests.permissions.registry_tenders import TENDERS
from tests.permissions.rules import (
    ADMIN_STAFF,
    EVERYONE,
    MEMBERS,
    ORG_A,
    SIGNED_IN,
    STAFF_VIEWERS,
    Rule,
    admin_model,
    pk_of,
)

__all__ = [
    "ADMIN_STAFF",
    "EVERYONE",
    "EXTRA_PATTERNS",
    "MEMBERS",
    "ORG_A",
    "REGISTRY",
    "SIGNED_IN",
    "STAFF_VIEWERS",
    "WAGTAIL_REPORTS",
    "Rule",
    "admin_model",
    "pk_of",
]

# One registry, composed by area (tests/permissions/registry_*.py); a name in two areas fails.
REGISTRY: dict[str, Rule] = {**SITE, **INCUBATION, **SUBSIDIES, **VOUCHERS, **TENDERS}
assert len(REGISTRY) == len(SITE) + len(INCUBATION) + len(SUBSIDIES) + len(VOUCHERS) + len(TENDERS)

# Wagtail's own URLs that edit models of ours; checked like ours.
EXTRA_PATTERNS: dict[str, Rule] = WAGTAIL_PATTERNS
