"""The vocabulary of the URL-permission registry (tests/permissions/registry.py): who is in the
world, a ``Rule`` saying who may use a URL, and the URLs of a Wagtail ModelViewSet."""

from collections.abc import Callable
from dataclasses import dataclass, field

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
        "contract_evaluator",
        "bureau",
        "site_admin",
        "community_a_worker",
    }
)
SIGNED_IN = EVERYONE - {"anonymous"}
MEMBERS = frozenset({"org_a_admin", "org_a_member", "org_b_admin"})


def pk_of(name: str) -> Callable:
    """The URL kwargs naming the world's object ``name`` by its pk."""
    return lambda world: {"pk": world.objects[name].pk}


@dataclass(frozen=True)
class Rule:
    """Who may use a URL (``allowed``; all others are refused), and how it is called."""

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


ADMIN_STAFF = frozenset(
    {
        "bureau",
        "hub_a_manager",
        "hub_b_manager",
        "evaluator",
        "contract_evaluator",
        "site_admin",
        "community_a_worker",
    }
)
