"""How people's names are shown."""

from django import template

from incubator.kernel.people import display_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A Chinese name reads family name first without a space (李静); others 'Given Family';
    the user name when no name is set."""
    return display_name(user)
