"""Wagtail's own strings that its zh-Hans catalogue lacks and our back office shows. Listed
here so that extracting messages keeps them in the project's catalogue, which Django consults
before Wagtail's."""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = [
    gettext_noop("Search all pages…"),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("No %(model_name)s match your query."),
    gettext_noop("New: %(model_name)s"),
]
