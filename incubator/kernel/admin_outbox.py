"""Back-office screens of the outbox: the email deliveries (filter on "Delivery failed"), with
"send again" on a failed message, a POST action behind a confirmation page. ("Render again" on
a letter whose PDF failed is with the letters, in ``incubator.incubation.admin.letters``.)"""

from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.kernel.actions import ActionView
from incubator.kernel.models import OutgoingEmail
from incubator.kernel.security import log_refused_access
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
    add_to_settings_menu = True
    list_display = ["recipient", "subject", "status", "attempts", "created_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    inspect_view_enabled = True
    inspect_view_class = OutgoingEmailInspectView
    form_fields = ["recipient"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", SendAgain.as_view(), name="send_again"),
        ]


class SendAgain(ActionView):
    """Queue a failed message again, from its first attempt (bureau officer, site admin)."""

    heading = gettext_lazy("Send again")
    icon = "mail"

    @staticmethod
    def selector(user):
        return OutgoingEmail.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not may_send_again(request.user):
            log_refused_access(request, model=OutgoingEmail, object_id=kwargs.get("pk"))
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def back_url(self, email):
        return reverse("outbox:inspect", args=[email.pk])

    def subtitle(self, email):
        return email.subject

    def intro(self, email):
        return _("The message to %(recipient)s is tried again, from its first attempt.") % {
            "recipient": email.recipient
        }

    def act(self, email, data):
        email_send_again(email=email, by=self.request.user)
        return _("The message to %(recipient)s is queued again.") % {"recipient": email.recipient}
