"""``python -m tools.cluster``: the whole smoke test (tools.cluster.runner);
``... prepare PLAN.json`` and ``... letter ORGANISATION_NAME`` are its two steps that run
inside Django (the runner calls them with the cluster's settings)."""

import json
import os
import sys


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings.cluster")
    django.setup()


def main() -> int:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("run", [])
    if command == "prepare":
        _django()
        from tools.cluster.data import prepare

        with open(rest[0], "w", encoding="utf-8") as out:
            json.dump(prepare(), out, ensure_ascii=False, indent=2)
        return 0
    if command == "letter":
        _django()
        from tools.cluster.data import admission_letter

        print(json.dumps(admission_letter(organisation_name=rest[0]), ensure_ascii=False))
        return 0
    from tools.cluster.runner import main as run

    return run(rest if command == "run" else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
