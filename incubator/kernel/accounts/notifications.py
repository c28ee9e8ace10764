"""The signed-in user's notifications: the list, opening one (which marks it read), marking all
read, and how they want to hear from us. Every view works on the user's own notifications;
another's answers 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.kernel.models import Notification, NotificationSettings
from incubator.kernel.permissions import get_visible_or_404


class NotificationSettingsForm(forms.ModelForm):
    """The language of emails, whether reminders are emailed, and whether each notification
    is emailed at once or in one summary a day."""

    class Meta:
        model = NotificationSettings
        fields = ["email_language", "email_frequency", "reminder_emails"]
        widgets = {"email_frequency": forms.RadioSelect}


def _settings_of(user) -> NotificationSettings:
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


@login_required
def notification_list(request):
    """The user's notifications, newest first, unread ones marked, handled ones greyed; and the
    settings form."""
    form = NotificationSettingsForm(request.POST or None, instance=_settings_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications")
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "incubator/accounts/notifications.html", {"page": page, "form": form}
    )


@login_required
def notification_open(request, pk: int):
    """Mark one of the user's notifications read and go where it leads."""
    notification = get_visible_or_404(
        request, Notification.objects.filter(user=request.user), pk=pk
    )
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("notifications")
    return redirect(target)


@login_required
@require_POST
def notifications_read(request):
    """Mark all the user's notifications read."""  # handled ones are read already
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications")
