"""Rate limits on the public forms anyone can post to: a fixed window per client address and
purpose, counted in the shared cache (Redis in production), so a script cannot flood the
intake form or try letter codes by the thousand. Over the limit, a translated 429 page says
when to try again; nothing typed is stored."""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse


def client_address(request) -> str:
    """The client's address. By default the connection's peer (``REMOTE_ADDR``): right when
    the app server faces the clients. Behind a reverse proxy every request comes from the
    proxy, so ``settings.RATE_LIMIT_CLIENT_IP_HEADER`` names the header in which our proxy
    passes on the client's address (``X-Real-IP``, or ``X-Forwarded-For``, of which the last
    entry is the one our proxy added; earlier entries are whatever the client claimed). Only
    set it when a proxy always sets that header, or clients could pick their own address."""
    header = settings.RATE_LIMIT_CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        address = value.split(",")[-1].strip()
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(scope: str, *, methods: tuple[str, ...] = ("POST",)):
    """Refuse more than ``settings.RATE_LIMITS[scope] = (requests, seconds)`` requests of
    ``methods`` from one address in a window."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limit, window = settings.RATE_LIMITS[scope]
            if request.method in methods and limit:
                started = int(time.time()) // window * window
                key = f"ratelimit:{scope}:{client_address(request)}:{started}"
                cache.add(key, 0, timeout=window)
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr
                    count = 1
                if count > limit:
                    minutes = math.ceil((started + window - time.time()) / 60)
                    return TemplateResponse(
                        request, "429.html", {"minutes": max(minutes, 1)}, status=429
                    )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _window_key(scope: str, key: str) -> tuple[str, int, int]:
    limit, window = settings.RATE_LIMITS[scope]
    started = int(time.time()) // window * window
    return f"ratelimit:{scope}:{key}:{started}", limit, started + window


def attempts_blocked(scope: str, key: str) -> int | None:
    """Minutes to wait when ``key`` (a card number, a user id: not an address) has used up its
    failed attempts of ``scope`` in this window (``settings.RATE_LIMITS[scope]``); else None.
    For secrets typed on behalf of someone, such as a voucher card's PIN, where the address
    says nothing (a day-care centre's one computer serves every resident)."""
    cache_key, limit, ends = _window_key(scope, key)
    if limit and (cache.get(cache_key) or 0) >= limit:
        return max(math.ceil((ends - time.time()) / 60), 1)
    return None


def attempt_failed(scope: str, key: str) -> None:
    """Count one failed attempt of ``scope`` for ``key`` (see ``attempts_blocked``)."""
    cache_key, _limit, ends = _window_key(scope, key)
    cache.add(cache_key, 0, timeout=max(int(ends - time.time()), 1))
    try:
        cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=max(int(ends - time.time()), 1))
