"""Back-office screens of the outbox: the email deliveries (filter on "Delivery failed"), with
"send again" on a failed message, and "render again" on a letter whose PDF failed. Both are
POST actions behind a confirmation page."""

from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.kernel.actions import action_form
from incubator.kernel.letters import letters_visible_to
from incubator.kernel.models import Letter, OutgoingEmail
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.security import log_refused_access
from incubator.kernel.services.letters import letter_render_again
from incubator.kernel.services.outbox import email_send_again, may_send_again
from incubator.kernel.viewsets import ScopedModelViewSet


class OutgoingEmailInspectView(InspectView):
    """One message's delivery: never its body, which may hold a sign-in or reset link."""

    fields = [
        "recipient",
        "subject",
        "template",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "failed_at",
    ]

    def get_fields(self):
        return self.fields

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if b.url != self.get_edit_url()]
        if self.object.status == OutgoingEmail.Status.FAILED:
            buttons.append(
                Button(
                    _("Send again"),
                    url=reverse("outbox:send_again", args=[self.object.pk]),
                    icon_name="mail",
                    priority=5,
                )
            )
        return buttons


class OutgoingEmailViewSet(ScopedModelViewSet):
    """Email deliveries, for bureau officers and site administrators: what was sent, what
    waits for its next attempt, and what failed after an hour of attempts (send it again once
    the cause is fixed). Nobody adds, edits or deletes messages here."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = gettext_lazy("Email deliveries")
    menu_name = "outbox"
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["recipient", "subject", "status", "attempts", "created_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    inspect_view_enabled = True
    inspect_view_class = OutgoingEmailInspectView
    form_fields = ["recipient"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", send_again, name="send_again"),
        ]


def send_again(request, pk: int):
    """Queue a failed message again, from its first attempt (bureau officer, site admin)."""
    if not may_send_again(request.user):
        log_refused_access(request, model=OutgoingEmail, object_id=pk)
        raise Http404
    email = get_visible_or_404(request, OutgoingEmail.objects.all(), pk=pk)

    def act(data):
        email_send_again(email=email, by=request.user)
        message = _("The message to %(recipient)s is queued again.") % {
            "recipient": email.recipient
        }
        return message, reverse("outbox:inspect", args=[email.pk])

    return action_form(
        request,
        form=forms.Form(request.POST if request.method == "POST" else None),
        act=act,
        back=reverse("outbox:inspect", args=[email.pk]),
        heading=_("Send again"),
        subtitle=email.subject,
        intro=_("The message to %(recipient)s is tried again, from its first attempt.")
        % {"recipient": email.recipient},
        icon="mail",
    )


def render_again(request, pk: int):
    """Render a letter whose PDF failed again (staff who may see the letter)."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise Http404
    letter = get_visible_or_404(request, letters_visible_to(request.user), pk=pk)

    def act(data):
        letter_render_again(letter=letter, by=request.user)
        message = _("%(reference)s is being rendered again.") % {"reference": letter.reference}
        return message, reverse("letters:inspect", args=[letter.pk])

    return action_form(
        request,
        form=forms.Form(request.POST if request.method == "POST" else None),
        act=act,
        back=reverse("letters:inspect", args=[letter.pk]),
        heading=_("Render again"),
        subtitle=letter.reference,
        intro=_("The PDF of %(reference)s is rendered again, from its first attempt.")
        % {"reference": letter.reference},
        icon="doc-full-inverse",
    )


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
