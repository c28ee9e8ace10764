"""Every inspect page of our back office (found by walking the URL configuration, so a new
viewset is covered) shows times in China Standard Time, amounts as ¥72,000.00 and no raw
Python values."""

import re
from decimal import Decimal
from html import unescape

from django.db import models
from django.utils import timezone, translation
from django.utils.text import capfirst

import pytest

from incubator.kernel import money
from tests.permissions.harness import our_patterns, url_for
from tests.permissions.registry import REGISTRY
from tests.permissions.world import build_world
from tests.shared_data import rolled_back_at_the_end

INSPECT_VIEWS = sorted(name for name in our_patterns() if name.endswith(":inspect"))
RAW_VALUE = re.compile(r"<dd>\s*(True|False|None|\{.*?\})\s*</dd>", re.S)
# 18:52 in Shanghai is 10:52 UTC: the page must say 18:52.
EVENING = timezone.make_aware(timezone.datetime(2026, 12, 1, 18, 52))


def _reader(rule) -> str:
    for actor in ("bureau", "hub_a_manager", "site_admin"):
        if actor in rule.allowed:
            return actor
    return sorted(rule.allowed)[0]


def _set_times_to_the_evening(instance) -> list:
    """Every time the object holds moves to 18:52 Shanghai time on its own day."""
    fields = [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, models.DateTimeField) and getattr(instance, field.attname)
    ]
    evenings = {
        field.attname: timezone.localtime(getattr(instance, field.attname)).replace(
            hour=EVENING.hour, minute=EVENING.minute
        )
        for field in fields
    }
    if evenings:
        type(instance).objects.filter(pk=instance.pk).update(**evenings)
    return fields


def _page_of(client, world, name) -> str:
    rule = REGISTRY[name]
    client.force_login(world.users[_reader(rule)])
    response = client.get(url_for(name, rule, world), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, name
    return unescape(response.content.decode())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission harness's world, built once for this module (each test's changes are
    rolled back)."""
    with rolled_back_at_the_end(django_db_blocker):
        yield build_world()


def test_every_inspect_view_is_walked():
    assert {"intake:inspect", "milestones:inspect", "subsidy_applications:inspect"} <= set(
        INSPECT_VIEWS
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", INSPECT_VIEWS)
def test_inspect_page_shows_times_in_china_standard_time(client, world, name):
    instance = world.objects[REGISTRY[name].object]
    fields = _set_times_to_the_evening(instance)
    html = _page_of(client, world, name)
    assert "10:52" not in html, f"{name} shows a time in UTC"
    with translation.override("zh-hans"):
        labels = [capfirst(str(field.verbose_name)) for field in fields]
    if any(f"<dt>{label}</dt>" in html for label in labels):
        assert "18:52" in html, f"{name} shows none of {labels} in local time"


@pytest.mark.django_db
@pytest.mark.parametrize("name", INSPECT_VIEWS)
def test_inspect_page_shows_amounts_in_yuan_and_no_raw_values(client, world, name):
    instance = world.objects[REGISTRY[name].object]
    html = _page_of(client, world, name)
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, Decimal) and value >= 1000 and field.decimal_places == 2:
            assert not re.search(rf"(?<![\d,.]){value}(?![\d])", html), (
                f"{name}: {field.name} shown as a bare {value}"
            )
    assert not RAW_VALUE.findall(html), f"{name}: raw values {RAW_VALUE.findall(html)}"


@pytest.mark.django_db
def test_subsidy_application_page_shows_the_eligible_amount_in_yuan(client, world):
    application = world.objects["subsidy_application"]
    html = _page_of(client, world, "subsidy_applications:inspect")
    assert money.format_rmb(application.eligible_total) in html


@pytest.mark.django_db
def test_letter_details_read_as_a_table_in_chinese(client, world):
    with translation.override("zh-hans"):
        html = _page_of(client, world, "letters:inspect")
    assert "{'" not in html
    assert 'class="listing details-table"' in html
    assert world.objects["letter"].recipient.name in html
    assert "Recipient name" not in html
