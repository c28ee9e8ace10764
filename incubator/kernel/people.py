"""How people's names are shown: a Chinese name reads family name first without a space
(李静), others 'Given Family'. Django's and Wagtail's own screens take a user's name from
``User.get_full_name``, so the project points that at ``full_name`` too (see apps.py)."""

from incubator.kernel.text import CJK_RUN


def full_name(first: str, last: str) -> str:
    """The name from its parts, in the order its script expects; empty when there is none."""
    first, last = (first or "").strip(), (last or "").strip()
    if CJK_RUN.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def user_full_name(user) -> str:
    """``User.get_full_name`` for the whole project (Wagtail's user display included)."""
    return full_name(user.first_name, user.last_name)


def display_name(user) -> str:
    """The user's name, or their user name when no name is set."""
    if user is None:
        return ""
    return full_name(user.first_name, user.last_name) or user.get_username()
