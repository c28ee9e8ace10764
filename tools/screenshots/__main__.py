"""``python -m tools.screenshots [--out DIR] [--role ROLE ...]``: build a throwaway demo, serve it,
photograph every journey in ``tools.screenshots.journeys`` at 1280 and 375 px wide, in Chinese,
and write ``<role>-<nn>-<step>-{desktop,phone}.png`` into DIR (default docs/screenshots)."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tools.cluster.processes import BASE_DIR, Process, free_port, run_django, wait_for
from tools.screenshots.browser import photograph
from tools.screenshots.journeys import JOURNEYS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(BASE_DIR / "docs" / "screenshots"))
    parser.add_argument("--role", action="append", help="only these roles (default: all)")
    options = parser.parse_args()
    journeys = [j for j in JOURNEYS if not options.role or j.role in options.role]
    scratch = Path(tempfile.mkdtemp(prefix="incubator-screenshots-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "incubator.settings.dev",
        "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "SITE_BASE_URL": base_url,
    }
    run_django("migrate", ["manage.py", "migrate", "--noinput", "-v", "0"], env)
    run_django("seed the demo", ["manage.py", "seed_demo"], env)
    server = Process(
        "runserver", ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], env, scratch
    )
    try:
        wait_for(f"{base_url}/zh-hans/", server)
        photograph(journeys, base_url=base_url, env=env, out=Path(options.out))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
