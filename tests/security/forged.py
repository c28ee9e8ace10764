"""The world of the forged-id tests (test_forged_ids_portal, test_forged_ids_back_office): the
permission world plus organisation B's hub and a space of it, and the form errors an answer
shows."""

from incubator.models import Organisation, Space
from tests.permissions.world import build_world


def world_with_hub_b():
    """``build_world()`` with ``org_b``, ``hub_b`` and ``space_b`` among its objects."""
    world = build_world()
    org_b = Organisation.objects.get(name="乙机构")
    world.objects["org_b"] = org_b
    world.objects["hub_b"] = org_b.hub
    world.objects["space_b"] = Space.objects.create(
        hub=org_b.hub, code="B-101", kind="private_office", seats=4
    )
    return world


def form_errors(response, field: str, form: str = "form") -> list:
    """The errors of ``field`` in the answer's ``form``, the answer being the form again."""
    assert response.status_code == 200, f"answered {response.status_code}"
    return response.context[form].errors.get(field, [])
