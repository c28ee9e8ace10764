"""Garbage never makes a 500: wrong types and absurd values in query strings, overlong input,
NUL bytes and bytes that are not UTF-8 in forms answer 4xx or a form error."""

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import tender_index
from tests.permissions.world import build_world

pytestmark = pytest.mark.django_db

# Each request carries several kinds of garbage at once, to keep the requests few; every page
# gets every one, whether it reads the parameter or not.
GARBAGE = [
    {
        "page": "abc",
        "p": "abc",
        "hub": "abc",
        "scheme": "abc",
        "status": "nonsense",
        "overdue": "maybe",
        "is_required": "perhaps",
        "stage": "'; DROP TABLE x;--",
        "category": "nonsense",
        "export": "exe",
        "next": "//evil.example/",
    },
    {"page": "-1", "hub": "-1", "year": "-5", "month": "13", "q": '"', "code": "a/b"},
    {
        "page": "99999999999999999999999",
        "hub": "99999999999999999999999",
        "year": "99999",
        "q": "x" * 5000,
        "code": "x" * 5000,
        "ordering": "-nonexistent__field",
        "export": "csv",
    },
    {"q": 'a"b\x00', "code": "\x00", "ordering": "password", "year": "1e9", "hub": "1.5"},
    "q=%ff%fe&category=%c3%28&page=%00&code=%ff",  # not UTF-8: sent as it is
]


def _urls(world) -> dict[str, list[str]]:
    """URLs that read query strings, by who reads them."""
    hub = world.objects["hub"]
    scheme = world.objects["scheme"]
    index = tender_index()
    return {
        "anonymous": [
            "/en/",
            "/en/search/",
            reverse("letter_verify_form"),
            reverse("intake_apply"),
            index.url,
            index.url + "feed/",
            world.objects["tender"].url,
            "/open-data/360giving.json",
            "/open-data/ocds/tenders.json",
        ],
        "org_a_admin": [
            reverse("portal:dashboard"),
            reverse("portal:documents"),
            reverse("portal:milestones"),
            reverse("subsidies:index"),
            reverse("tenders_portal:bids"),
            reverse("notifications"),
        ],
        "hub_a_manager": [
            "/admin/",
            reverse("organisations:index"),
            reverse("allocations:index"),
            reverse("waitlist:index"),
            reverse("milestones:index"),
            reverse("milestone_templates:index"),
            reverse("intake:index"),
            reverse("spaces:index"),
            reverse("letters:index"),
            reverse("subsidy_applications:index"),
            reverse("schemes:index"),
            reverse("schemes:budget", args=[scheme.pk]),
            reverse("schemes:budget_csv", args=[scheme.pk]),
            reverse("incubator_availability", args=[hub.pk]),
            reverse("incubator_availability_index"),
        ],
        "bureau": [
            reverse("tenders_admin:index"),
            reverse("tenders_admin:tender", args=[world.objects["tender"].pk]),
            reverse("tender_calendar:index"),
        ],
    }


def test_garbage_in_query_strings_never_makes_a_500(search_index):
    world = build_world()
    client = Client(raise_request_exception=False)
    failures = []
    for actor, urls in _urls(world).items():
        client.logout()
        if world.users[actor] is not None:
            client.force_login(world.users[actor])
        for url in urls:
            for params in GARBAGE:
                send = {"QUERY_STRING": params} if isinstance(params, str) else {"data": params}
                try:
                    status = client.get(url, **send).status_code
                except Exception as error:  # noqa: BLE001 - report every failure at once
                    status = f"{type(error).__name__}: {error}"
                if not (isinstance(status, int) and status < 500):
                    failures.append(f"{actor} GET {url} {params!r:.60}: {status}")
    assert not failures, "\n".join(failures)


GARBAGE_PATHS = [
    "/en/letters/verify/%00/",
    "/en/letters/verify/" + "x" * 3000 + "/",
    "/en/letters/verify/%ff%fe/",
    "/en/portal/milestones/99999999999999999999/",
    "/en/portal/subsidies/schemes/99999999999999999999/apply/",
    "/files/letters/99999999999999999999/",
]


def test_garbage_in_paths_is_a_404_not_a_500():
    world = build_world()
    client = Client(raise_request_exception=False)
    client.force_login(world.users["org_a_admin"])
    answers = {path[:60]: client.get(path).status_code for path in GARBAGE_PATHS}
    assert set(answers.values()) == {404}, answers


POST_FORMS = {
    "profile": ("org_a_admin", "portal:profile", ["name", "contact_name"]),
    "documents": ("org_a_admin", "portal:documents", ["title"]),
    "invite": ("org_a_admin", "portal:invite", ["email"]),
    "intake": ("anonymous", "intake_apply", ["name", "mission", "contact_email"]),
    "login": ("anonymous", "login", ["username", "password"]),
    "password_reset": ("anonymous", "password_reset", ["email"]),
}
HOSTILE_VALUES = ["\x00", "a\x00b", "x" * 100_000, '"', "\u202e"]


def test_hostile_values_in_forms_are_form_errors_not_500s():
    world = build_world()
    client = Client(raise_request_exception=False)
    failures = []
    for form, (actor, name, fields) in sorted(POST_FORMS.items()):
        client.logout()
        if world.users[actor] is not None:
            client.force_login(world.users[actor])
        for value in HOSTILE_VALUES:
            status = client.post(reverse(name), dict.fromkeys(fields, value)).status_code
            if status >= 500:
                failures.append(f"{form} {value[:10]!r}: {status}")
        # Bytes that are not UTF-8, sent as they are.
        body = "&".join(f"{field}=%ff%fe%00%c3%28" for field in fields)
        status = client.post(
            reverse(name), body, content_type="application/x-www-form-urlencoded"
        ).status_code
        if status >= 500:
            failures.append(f"{form} not UTF-8: {status}")
    assert not failures, failures


def test_the_subsidy_form_with_absurd_numbers_is_a_form_error(client):
    world = build_world()
    client.force_login(world.users["org_a_admin"])
    url = reverse("subsidies:edit", args=[world.objects["subsidy_draft"].pk])
    for salary, months, started in [
        ("1e400", "12", "2025-06-01"),
        ("NaN", "12", "2025-06-01"),
        ("-Infinity", "12", "2025-06-01"),
        ("6000", "99999999999999999999", "2025-06-01"),
        ("6000", "-3", "2025-06-01"),
        ("6000", "12", "99999-01-01"),
        ("6000", "12", "2025-02-30"),
        ("99999999999999.99", "12", "2025-06-01"),
    ]:
        response = client.post(
            url,
            {
                "lines-TOTAL_FORMS": "1",
                "lines-INITIAL_FORMS": "0",
                "lines-MIN_NUM_FORMS": "0",
                "lines-MAX_NUM_FORMS": "1000",
                "lines-0-name": "李娜",
                "lines-0-title": "社工",
                "lines-0-qualification": "none",
                "lines-0-employment_started_on": started,
                "lines-0-monthly_salary": salary,
                "lines-0-months": months,
            },
        )
        assert response.status_code == 200, (salary, months, started, response.status_code)


def test_a_forged_formset_count_is_a_form_error(client):
    world = build_world()
    client.force_login(world.users["org_a_admin"])
    url = reverse("subsidies:edit", args=[world.objects["subsidy_draft"].pk])
    for total in ("abc", "-1", "99999999", "1001"):
        response = client.post(
            url,
            {
                "lines-TOTAL_FORMS": total,
                "lines-INITIAL_FORMS": "0",
                "lines-MIN_NUM_FORMS": "0",
                "lines-MAX_NUM_FORMS": "1000",
            },
        )
        assert response.status_code in (200, 400), (total, response.status_code)
        if response.status_code == 200:
            # A forged count never builds more rows than the scheme allows.
            formset = response.context["formset"]
            assert len(formset.forms) <= world.objects["subsidy_draft"].scheme.max_lines


@pytest.mark.parametrize("url", ["/en/accounts/login/", "/admin/login/"])
def test_an_overlong_username_is_a_failed_login_not_a_500(url):
    """axes records the attempt under the name cut to its column (PostgreSQL refused it)."""
    from axes.models import AccessAttempt

    client = Client(raise_request_exception=False)
    response = client.post(url, {"username": "x" * 100_000, "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    if url.startswith("/en/"):
        assert AccessAttempt.objects.get().username == "x" * 255
