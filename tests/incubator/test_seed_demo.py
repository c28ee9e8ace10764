"""seed_demo refuses to run with DEBUG off unless forced (the world it builds, and that a second
run changes nothing, are checked in tests/demo)."""

from django.core.management import CommandError, call_command

import pytest

from incubator.models import Hub

pytestmark = pytest.mark.django_db


def test_seed_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo")
    assert not Hub.objects.exists()


def test_seed_runs_with_debug_off_when_forced(settings, monkeypatch):
    from incubator.management.commands import seed_demo
    from tools.demo.seeding import demo_steps

    # The first steps (users, then the hubs) show that it ran; tests/demo runs them all.
    first_steps = [step for step in demo_steps() if step.order <= 20]
    monkeypatch.setattr(seed_demo, "demo_steps", lambda: first_steps)
    settings.DEBUG = False
    call_command("seed_demo", force=True)
    assert Hub.objects.count() == 2
