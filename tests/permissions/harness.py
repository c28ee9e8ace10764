"""Finds every URL pattern we add, and checks one against its rule for every actor."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

OUR_APPS = ("incubator", "cms", "tenders", "subsidies")
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def _is_ours(callback, owner: str | None) -> bool:
    if (owner or "").startswith(OUR_APPS) or callback.__module__.startswith(OUR_APPS):
        return True
    view_class = getattr(callback, "view_class", None)
    model = getattr(view_class, "model", None) or getattr(callback, "view_initkwargs", {}).get(
        "model"
    )
    return isinstance(model, type) and model._meta.app_label in OUR_APPS


def our_patterns(urlconf=None) -> dict[str, str]:
    """{full URL name: route} of every pattern that one of our apps adds: patterns in our URL
    modules, our views anywhere, and Wagtail viewset views of our models. Unnamed patterns
    get their route as name, so they can never slip through unregistered."""
    found: dict[str, str] = {}

    def walk(patterns, route: str, namespace: str | None, owner: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                module = pattern.urlconf_name
                name = module if isinstance(module, str) else getattr(module, "__name__", None)
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(
                    pattern.url_patterns, route + str(pattern.pattern), inner or None, name or owner
                )
            elif isinstance(pattern, URLPattern) and _is_ours(pattern.callback, owner):
                full_route = route + str(pattern.pattern)
                name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else None
                found[name or full_route] = full_route

    root = get_resolver(urlconf)
    walk(
        root.url_patterns,
        "",
        None,
        root.urlconf_name if isinstance(root.urlconf_name, str) else None,
    )
    return found


def url_for(name: str, rule, world) -> str:
    """The URL, in English where it is under a language prefix."""
    with translation.override("en"):
        return reverse(name, kwargs=rule.kwargs(world))


def request_as(client, user, rule, url: str):
    client.logout()
    if user is not None:
        client.force_login(user)
    send = client.post if rule.method == "post" else client.get
    return send(url, rule.data or {})


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and any(
        path in response.get("Location", "") for path in LOGIN_PATHS
    )


def refusal_problem(response, rule) -> str | None:
    """Why a response does not count as a refusal, or None when it does. For a URL naming an
    object of A: 404, or a redirect to log in. Otherwise anything but success and 200."""
    if rule.object is not None:
        if response.status_code == 404 or is_login_redirect(response):
            return None
        return f"answered {response.status_code} {response.get('Location', '')}"
    if response.status_code in (200, rule.success) and not is_login_redirect(response):
        return f"answered {response.status_code} {response.get('Location', '')}"
    return None
