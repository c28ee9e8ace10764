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
    """The client's address as our own proxy reports it (``REMOTE_ADDR``)."""
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
