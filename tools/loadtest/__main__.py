"""``python -m tools.loadtest``: the whole load test; ``... prepare PLAN.json`` and
``... check`` are its two steps that run inside Django (the runner calls them)."""

import json
import os
import sys


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings.loadtest")
    django.setup()


def prepare(argv: list[str]) -> int:
    """Create the load-test data and write the client's plan as JSON."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.loadtest prepare")
    parser.add_argument("plan")
    parser.add_argument("--organisations", type=int, default=10)
    options = parser.parse_args(argv)
    _django()
    from tools.loadtest.data import prepare as prepare_data

    plan = prepare_data(organisations=options.organisations)
    with open(options.plan, "w", encoding="utf-8") as out:
        json.dump(plan, out, ensure_ascii=False, indent=2)
    return 0


def check() -> int:
    """Check the invariants; print what is wrong, or the budgets, and exit accordingly."""
    _django()
    from tools.loadtest.invariants import budget_lines, check_invariants

    for line in budget_lines():
        print(f"   {line}")
    problems = check_invariants()
    for problem in problems:
        print(f"   VIOLATED: {problem}")
    if not problems:
        print("   every invariant holds: budgets, seats, letter numbers")
    return 1 if problems else 0


def main() -> int:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("run", [])
    if command == "prepare":
        return prepare(rest)
    if command == "check":
        return check()
    from tools.loadtest.runner import main as run

    return run(sys.argv[1:] if command != "run" else rest)


if __name__ == "__main__":
    sys.exit(main())
