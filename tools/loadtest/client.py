"""The load-test client: threads of simulated people, each with its own HTTP session, for a fixed
time against a running site. It needs no Django, only ``requests``. This module drives the crowd
(``drive``); the people are in ``people`` (readers, organisations) and ``officers`` (staff),
their HTTP session and the recording of every response in ``session``.

- **Readers** (anonymous): the home page, the tender index and tender pages, guidance pages,
  letter verification and the two open-data feeds.
- **Organisations** (one thread per organisation admin, logged in through the real login form
  with its CSRF token): the portal overview; a bid on each open tender, submitted and
  sometimes withdrawn; a subsidy application with two staff lines and a payroll PDF, submitted,
  sometimes withdrawn and applied for again.
- **Hub managers** recommend (sometimes return) the submitted applications of their hubs, and
  a **bureau officer** approves the recommended ones for the amount proposed, or rejects them
  (also when the envelope no longer covers them), through the back-office action forms. Staff
  log in with their password and then the code of their demo authenticator, computed in
  ``officers``. Both also allocate seats of their hubs' spaces to the load organisations, the
  bureau and a hub manager competing for the same spaces.

One form post in ten (``LOADTEST_DOUBLE_CLICKS``) goes out twice at once, as a double click
does, recorded as ``<kind>_double_click``. Every response is recorded with its kind and time.
A 5xx or a failed connection is an error; any other status a step did not expect is counted
as unexpected and reported."""

import threading
import time

from tools.loadtest.officers import BureauOfficer, HubManager
from tools.loadtest.people import OrganisationAdmin, Reader
from tools.loadtest.session import Person, Recorder


def drive(*, base_url: str, plan: dict, seconds: float, readers: int, organisations: int):
    """Run every simulated person for ``seconds``; return the recorder and the elapsed time."""
    recorder = Recorder()
    stop_at = time.monotonic() + seconds
    common = {"base_url": base_url, "plan": plan, "recorder": recorder, "stop_at": stop_at}
    people: list[Person] = [Reader(seed=f"reader{n}", **common) for n in range(readers)]
    people += [
        OrganisationAdmin(username=name, seed=name, **common)
        for name in plan["organisations"][:organisations]
    ]
    people += [HubManager(username=name, seed=name, **common) for name in plan["hub_managers"]]
    people.append(BureauOfficer(username=plan["bureau"], seed="bureau", **common))
    threads = [threading.Thread(target=person.run, daemon=True) for person in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return recorder, time.monotonic() - started
