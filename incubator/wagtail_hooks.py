"""Back-office screens of the incubation domain, registered with the Wagtail admin."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from incubator.models import Hub


class HubViewSet(ModelViewSet):
    """Hubs: the incubator sites. Who may add or change them follows model permissions."""

    model = Hub
    icon = "home"
    menu_label = _("Hubs")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "name_en", "district", "operator", BooleanColumn("is_active")]
    list_filter = ["district", "is_active"]
    search_fields = ["name", "name_en", "district", "operator"]
    form_fields = [
        "name",
        "name_en",
        "slug",
        "district",
        "operator",
        "address",
        "phone",
        "is_active",
    ]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_hub_viewset():
    return HubViewSet("hubs")
