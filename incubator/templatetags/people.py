"""How people's names are shown."""

from django import template

from incubator.search import CJK_RUN

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A Chinese name reads family name first without a space (李静); others 'Given Family';
    the user name when no name is set."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if not (first or last):
        return user.get_username()
    if CJK_RUN.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)
