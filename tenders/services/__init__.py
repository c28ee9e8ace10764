"""Writes of the tender process. Every state-changing service checks its ``by`` against the
selectors of ``tenders.selectors`` before anything else
(``incubator.kernel.permissions.require_allowed``) and refuses with ``NOT_ALLOWED``: a view
that forgets to scope cannot open a hole."""

from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _("You may not do this in the tender process.")
