"""The budget page's figures agree with the applications it lists, even while approvals are
committed as it is read: real threads with their own connections, on SQLite and PostgreSQL."""

import re
import threading
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

import pytest

from incubator.kernel.errors import ServiceError
from subsidies import budget as budget_module
from subsidies.services import subsidy_application_approve
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    letterhead_settings,
    recommended_application,
    scheme_factory,
    staff_line,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("¥", "").replace(",", ""))


def _figures(html: str) -> dict:
    """What the page says was approved, and what the applications it lists add up to."""
    approved = re.search(r"<dt>Approved</dt><dd>([^<]+)</dd>", html).group(1)
    counted = re.search(r"<tr><td>Approved</td><td>(\d+)</td></tr>", html).group(1)
    rows = re.findall(
        r"<td>Approved</td>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>", html.replace("\n", "")
    )
    return {
        "approved": _amount(approved),
        "counted": int(counted),
        "listed": len(rows),
        "listed_total": sum((_amount(row) for row in rows), Decimal(0)),
    }


def _in_thread(act) -> threading.Thread:
    def run():
        try:
            act()
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_an_approval_committed_while_the_page_is_read_shows_on_every_figure_or_none(
    monkeypatch,
):
    hub = HubFactory()
    scheme = scheme_factory(envelope=Decimal("100000.00"))
    first, second = (
        recommended_application(OrganisationFactory(hub=hub), scheme, lines=[staff_line()])
        for _ in range(2)
    )
    subsidy_application_approve(application=first, by=bureau_officer())
    other_officer = bureau_officer()
    started = []

    class ApprovingMidRead(Paginator):
        """Between the page's first reads and its list, another officer approves."""

        def get_page(self, number):
            thread = _in_thread(
                lambda: subsidy_application_approve(application=second, by=other_officer)
            )
            started.append(thread)
            thread.join(timeout=2)  # on SQLite it waits for the page's transaction
            return super().get_page(number)

    monkeypatch.setattr(budget_module, "Paginator", ApprovingMidRead)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bureau_officer())
    html = client.get(reverse("schemes:budget", args=[scheme.pk])).content.decode()
    started[0].join()
    figures = _figures(html)
    assert figures["counted"] == figures["listed"]
    assert figures["approved"] == figures["listed_total"], figures
    second.refresh_from_db()
    assert second.status == "approved"


def test_the_page_agrees_with_itself_under_sixteen_concurrent_approvals():
    hub = HubFactory()
    scheme = scheme_factory(envelope=Decimal("100000.00"))
    applications = [
        recommended_application(OrganisationFactory(hub=hub), scheme, lines=[staff_line()])
        for _ in range(16)
    ]
    officers = [bureau_officer() for _ in applications]
    reader = bureau_officer()
    start = threading.Barrier(len(applications) + 1)
    pages, failed = [], []

    def approve(index):
        start.wait()
        try:
            subsidy_application_approve(application=applications[index], by=officers[index])
        except ServiceError:
            pass
        except Exception as error:  # pragma: no cover - reported by the assertion
            failed.append(error)

    def read():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(reader)
        start.wait()
        for _ in range(6):
            pages.append(client.get(reverse("schemes:budget", args=[scheme.pk])).content.decode())

    threads = [_in_thread(lambda i=i: approve(i)) for i in range(len(applications))]
    threads.append(_in_thread(read))
    for thread in threads:
        thread.join()
    assert failed == []
    for html in pages:
        figures = _figures(html)
        assert figures["approved"] == figures["listed_total"], figures
        assert figures["counted"] == figures["listed"], figures
    assert len(pages) == 6
    assert all(_figures(html)["approved"] <= Decimal("100000.00") for html in pages)
