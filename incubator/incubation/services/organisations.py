"""Organisation profiles: what an organisation's admin keeps up to date themselves."""

from django.db import transaction

from incubator.incubation.selectors import organisations_user_may_manage
from incubator.kernel.audit import audit_log
from incubator.kernel.permissions import require_allowed
from incubator.models import Organisation

PROFILE_FIELDS = [
    "name",
    "name_en",
    "credit_code",
    "legal_form",
    "registration_status",
    "founded_on",
    "contact_name",
    "contact_phone",
    "contact_email",
]


@transaction.atomic
def organisation_update_profile(
    *, organisation: Organisation, data: dict, service_areas, by
) -> Organisation:
    """Change the profile fields in ``data`` (never the stage or the hub), validated like any
    organisation (credit code checked and unique), and audit what changed. Only those who
    manage the organisation."""
    require_allowed(organisations_user_may_manage, by, organisation)
    before = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes = {}
    for field in PROFILE_FIELDS:
        if field in data and getattr(before, field) != data[field]:
            changes[field] = (getattr(before, field), data[field])
            setattr(before, field, data[field])
    old_areas = set(before.service_areas.values_list("pk", flat=True))
    new_areas = {area.pk for area in service_areas}
    before.full_clean()
    before.save()
    if old_areas != new_areas:
        before.service_areas.set(service_areas)
        changes["service_areas"] = (len(old_areas), len(new_areas))
    if changes:
        audit_log(
            instance=before,
            action="incubator.organisation.update_profile",
            user=by,
            changes=changes,
            data={"fields": len(changes)},
        )
    return before
