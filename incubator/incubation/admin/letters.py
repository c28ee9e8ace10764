"""Letters in the back office: their viewset (with its scopes), a letter's page with its PDF,
revoke and reissue, and render again a letter whose PDF failed."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import (
    letters_visible_to,
    manages_any_hub,
)
from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.security import log_refused_access
from incubator.kernel.services.letter_rendering import letter_render_again
from incubator.kernel.services.letters import letter_reissue
from incubator.kernel.viewsets import ScopedModelViewSet
from incubator.models import Letter


class LetterInspectView(InspectView):
    """A letter's details, with its PDF once ready."""

    @cached_property
    def header_more_buttons(self):
        buttons = [
            button for button in super().header_more_buttons if button.url != self.get_edit_url()
        ]
        if self.object.render_status == self.object.RenderStatus.READY:
            buttons.append(
                Button(
                    _("Download PDF"),
                    url=reverse("files:letter", args=[self.object.pk]),
                    icon_name="download",
                    priority=5,
                )
            )
        if button := render_again_button(self.object):
            buttons.append(button)
        if self.object.is_valid and self.request.user.has_perm("incubator.reissue_letter"):
            buttons.append(
                Button(
                    _("Revoke and reissue"),
                    url=reverse("letters:reissue", args=[self.object.pk]),
                    icon_name="rotate",
                    priority=40,
                )
            )
        return buttons


class _LetterAction(ActionView):
    selector = staticmethod(letters_visible_to)
    select_related = ("recipient",)
    icon = "doc-full-inverse"

    def back_url(self, letter):
        return reverse("letters:inspect", args=[letter.pk])

    def subtitle(self, letter):
        return letter.reference


class ReissueLetter(_LetterAction):
    """Revoke a letter with a reason and issue its replacement with a new number (bureau)."""

    form_class = ReasonForm
    heading = gettext_lazy("Revoke and reissue")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("incubator.reissue_letter"):
            log_refused_access(request, model=Letter, object_id=kwargs.get("pk"))
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        letter = super().get_object()
        if letter.revoked_at is not None:
            raise Http404("The letter is revoked already.")
        return letter

    def get_form_kwargs(self, letter):
        return {
            "help_text": gettext_lazy(
                "Kept with the revoked letter and in its history; not shown to the public."
            )
        }

    def intro(self, letter):
        return _(
            "%(reference)s to %(recipient)s will be revoked, and a new letter with the next "
            "number will be issued in its place. Anyone checking the old letter sees that it was "
            "revoked, when, and which letter replaces it."
        ) % {"reference": letter.reference, "recipient": letter.recipient.name}

    def act(self, letter, data):
        self.replacement = letter_reissue(
            letter=letter, reason=data["reason"], by=self.request.user
        )
        return _("%(old)s is revoked; %(new)s replaces it.") % {
            "old": letter.reference,
            "new": self.replacement.reference,
        }

    def success_url(self, letter):
        return reverse("letters:inspect", args=[self.replacement.pk])


class RenderAgain(_LetterAction):
    """Render a letter whose PDF failed again (staff who may see the letter)."""

    heading = gettext_lazy("Render again")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def intro(self, letter):
        return _("The PDF of %(reference)s is rendered again, from its first attempt.") % {
            "reference": letter.reference
        }

    def act(self, letter, data):
        letter_render_again(letter=letter, by=self.request.user)
        return _("%(reference)s is being rendered again.") % {"reference": letter.reference}


def render_again_button(letter: Letter) -> Button | None:
    """The "Render again" button of a letter whose PDF failed."""
    if letter.render_status != Letter.RenderStatus.FAILED:
        return None
    return Button(
        _("Render again"),
        url=reverse("letters:render_again", args=[letter.pk]),
        icon_name="rotate",
        priority=6,
    )


class LetterViewSet(ScopedModelViewSet):
    """Issued letters: bureau officers see all, hub managers those to their hubs' organisations.
    Letters never change: nobody holds the add, change or delete permission."""

    model = Letter
    scopes = {"view": letters_visible_to}
    scope_holder = manages_any_hub
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Letters")
    menu_name = "letters"
    menu_order = 220
    add_to_admin_menu = True
    menu_hook = MENU_HOOKS["letters"]
    list_display = ["reference", "title", "recipient", "kind", "render_status", "issued_at"]
    list_filter = ["kind", "render_status", "year"]
    search_fields = ["reference", "title", "recipient__name"]
    inspect_view_enabled = True
    inspect_view_class = LetterInspectView
    # What the letter is about is its title and details; the generic key behind it is internal.
    inspect_view_fields_exclude = ["subject_type", "subject_id"]
    list_select_related = ("recipient",)
    form_fields = ["title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reissue/<int:pk>/", ReissueLetter.as_view(), name="reissue"),
            path("render-again/<int:pk>/", RenderAgain.as_view(), name="render_again"),
        ]
