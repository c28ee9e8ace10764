"""Back-office screens of the working-day calendar: the bureau's overrides of single days
and the officers' confirmations of each year against the State Council's notice. Every write
goes through ``tenders.services.calendar_years``; the confirmation form shows the year's
holidays and make-up working days as the system will count them, to compare with the notice."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import generic

from incubator.kernel.calendar import year_calendar
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ScopedModelViewSet, ServiceSaveMixin
from tenders.models import CalendarDay, CalendarYear
from tenders.services.calendar_years import (
    calendar_day_delete,
    calendar_day_save,
    calendar_year_confirm,
)


def _requested_year(request) -> int:
    """The year the confirmation form is about: ?year=, the posted year, or next year."""
    raw = request.POST.get("year") or request.GET.get("year")
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return timezone.localdate().year + 1
    return year if 2000 <= year <= 2100 else timezone.localdate().year + 1


class CalendarDayCreateView(ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        return calendar_day_save(day=self.form.instance, by=self.request.user)


class CalendarDayEditView(ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        previous = CalendarDay.objects.get(pk=self.form.instance.pk).date
        return calendar_day_save(
            day=self.form.instance, by=self.request.user, previous_date=previous
        )


class CalendarDayDeleteView(generic.DeleteView):
    def delete_action(self):
        calendar_day_delete(day=self.object, by=self.request.user)


class CalendarDayViewSet(ScopedModelViewSet):
    """The bureau's overrides of the ``holidays`` package, one day each; changing one withdraws
    the confirmation of its year."""

    model = CalendarDay
    scopes: dict = {}  # model-wide rights only: bureau officers
    icon = "date"
    menu_label = _("Working-day calendar")
    menu_name = "tender_calendar"
    menu_order = 245
    menu_hook = MENU_HOOKS["tenders"]
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    form_fields = ["date", "kind", "name"]
    inspect_view_enabled = True
    add_view_class = CalendarDayCreateView
    edit_view_class = CalendarDayEditView
    delete_view_class = CalendarDayDeleteView


class CalendarYearCreateView(ServiceSaveMixin, generic.CreateView):
    template_name = "tenders/admin/calendar/confirm.html"

    def get_initial(self):
        return {**super().get_initial(), "year": _requested_year(self.request)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calendar = year_calendar(_requested_year(self.request))
        context.update(calendar=calendar, special_days=calendar.special_days())
        return context

    def save_instance(self):
        data = self.form.cleaned_data
        return calendar_year_confirm(
            year=data["year"],
            notice_number=data["notice_number"],
            notice_published_on=data["notice_published_on"],
            note=data.get("note", ""),
            by=self.request.user,
        )


class CalendarYearInspectView(generic.InspectView):
    template_name = "tenders/admin/calendar/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calendar = year_calendar(self.object.year)
        context.update(calendar=calendar, special_days=calendar.special_days())
        return context


class CalendarYearViewSet(ScopedModelViewSet):
    """Officers' confirmations of each year's calendar (who, when, the notice's number)."""

    model = CalendarYear
    scopes: dict = {}  # model-wide rights only: bureau officers
    icon = "tick-inverse"
    menu_label = _("Confirmed calendar years")
    menu_name = "tender_calendar_years"
    menu_order = 246
    menu_hook = MENU_HOOKS["tenders"]
    list_display = ["year", "notice_number", "notice_published_on", "confirmed_by", "confirmed_at"]
    list_select_related = ("confirmed_by",)
    form_fields = ["year", "notice_number", "notice_published_on", "note"]
    inspect_view_enabled = True
    add_view_class = CalendarYearCreateView
    inspect_view_class = CalendarYearInspectView
