"""Back-office hooks of office space: spaces, allocations, the waitlist and availability."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from incubator.incubation.admin.availability import (
    AvailabilityMenuItem,
    availability_index,
    availability_view,
)
from incubator.incubation.admin.space_viewsets import (
    AllocationViewSet,
    SpaceViewSet,
    WaitlistViewSet,
)
from incubator.kernel.menu import MENU_HOOKS


@hooks.register("register_admin_viewset")
def register_space_viewsets():
    return [SpaceViewSet("spaces"), AllocationViewSet("allocations"), WaitlistViewSet("waitlist")]


@hooks.register("register_admin_urls")
def register_availability_urls():
    return [
        path("availability/", availability_index, name="incubator_availability_index"),
        path("availability/<int:pk>/", availability_view, name="incubator_availability"),
    ]


@hooks.register(MENU_HOOKS["office_space"])
def register_availability_menu_item() -> MenuItem:
    return AvailabilityMenuItem(
        _("Availability"),
        reverse_lazy("incubator_availability_index"),
        name="availability",
        icon_name="date",
        order=218,
    )
