"""Staff confirm each back-office login with a second factor: set up the app once, then a code
each login; recovery codes work once. Organisation members never meet it."""

from urllib.parse import quote

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from incubator.kernel.roles import Role
from tests.factories import OrganisationFactory, manager_of, member_of, staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.parametrize(
    "role", [Role.BUREAU_OFFICER, Role.HUB_MANAGER, Role.EVALUATOR, Role.SITE_ADMIN]
)
def test_every_staff_role_is_sent_to_set_up_before_the_admin(client, role):
    client.force_login(staff_with_role(role))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/two-factor/?next=" + quote("/admin/", safe=""))


def test_set_up_then_confirm_each_login_and_recovery_codes_work_once(client):
    user = manager_of(OrganisationFactory().hub)
    client.force_login(user)
    page = client.get("/en/accounts/two-factor/?next=/admin/")
    assert page.status_code == 200 and 'class="qr"' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/en/accounts/two-factor/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait; the test does not
    done = client.post("/en/accounts/two-factor/", {"code": _code(device), "next": "/admin/"})
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200  # this session is verified

    client.logout()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    page = client.get("/en/accounts/two-factor/?next=/admin/organisations/")
    assert 'class="qr"' not in page.content.decode()  # confirming, not setting up again
    response = client.post(
        "/en/accounts/two-factor/", {"code": codes[0], "next": "/admin/organisations/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/organisations/"
    client.logout()
    client.force_login(user)
    reused = client.post("/en/accounts/two-factor/", {"code": codes[0], "next": "/admin/"})
    assert reused.status_code == 200 and reused.context["form"].errors["code"]


def test_an_outside_next_is_ignored(client):
    user = manager_of(OrganisationFactory().hub)
    client.force_login(user)
    client.get("/en/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    done = client.post(
        "/en/accounts/two-factor/", {"code": _code(device), "next": "https://evil.example/"}
    )
    assert done.context["next"] == "/admin/"


def test_organisation_members_never_meet_it(client):
    client.force_login(member_of(OrganisationFactory(), "admin"))
    assert client.get("/en/portal/").status_code == 200
    assert client.get("/en/accounts/two-factor/").status_code == 404


def test_the_demo_code_command_prints_the_code_of_a_demo_authenticator(settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    user = manager_of(OrganisationFactory().hub, username="hubmanager")
    device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    settings.DEBUG = True
    out = StringIO()
    call_command("totp_code", "hubmanager", stdout=out)
    assert out.getvalue().strip() == _code(device)
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("totp_code", "hubmanager")


@pytest.mark.django_db
def test_no_admin_url_of_ours_lets_an_unconfirmed_staff_login_through(client):
    """Every back-office URL pattern we add, requested by the staff allowed to use it before
    they confirmed a second factor: each is sent to set one up, none answers."""
    from incubator.kernel.twofactor import OPEN_VIEWS
    from tests.permissions.harness import our_patterns, request_as, url_for
    from tests.permissions.registry import EXTRA_PATTERNS, REGISTRY
    from tests.permissions.world import build_world

    rules = {**REGISTRY, **EXTRA_PATTERNS}
    world = build_world()
    checked = 0
    for name in sorted(set(our_patterns()) | set(EXTRA_PATTERNS)):
        rule = rules[name]
        url = url_for(name, rule, world)
        if not url.startswith("/admin/") or name in OPEN_VIEWS:
            continue
        staff = ["bureau", "hub_a_manager", "evaluator", "site_admin"]
        allowed = [actor for actor in staff if actor in rule.allowed] or staff[:1]
        response = request_as(client, world.users[allowed[0]], rule, url)
        assert response.status_code == 302, name
        assert "/accounts/two-factor/" in response["Location"], name
        checked += 1
    assert checked > 60
