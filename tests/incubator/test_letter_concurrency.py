"""Letter numbers hold under concurrent issuing: real threads, each with its own connection."""

import threading

from django.db import close_old_connections, connection

import pytest

from incubator.models import Letter
from tests.factories import OrganisationFactory, issue_letter, letterhead_settings

pytestmark = pytest.mark.django_db(transaction=True)

ISSUERS = 20


def test_twenty_concurrent_letters_are_numbered_one_to_twenty(monkeypatch):
    # Numbering is under test, not rendering: leave the PDFs out.
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    organisation = OrganisationFactory()
    start = threading.Barrier(ISSUERS)
    errors = []

    def issue():
        try:
            start.wait()
            issue_letter(organisation, kind="tender_regret")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Letter.objects.filter(kind="tender_regret").values_list("sequence", flat=True))
    assert numbers == list(range(1, ISSUERS + 1))
