"""Exports keep memory flat as rows grow: the rows are read in chunks and the CSV is streamed
(the workbook is written to a temporary file), so four times the organisations cost about
the same memory at the peak, not four times as much."""

import tracemalloc

import pytest
from openpyxl import load_workbook

from incubator.models import Organisation
from tests.factories import HubFactory, OrganisationFactory, bureau_officer

pytestmark = pytest.mark.django_db
URL = "/admin/organisations/"


def add_organisations(hub, count: int) -> None:
    Organisation.objects.bulk_create(
        OrganisationFactory.build(hub=hub, name=f"太仓市第{number:05d}号{hub.pk}社会服务中心")
        for number in range(count)
    )


def peak_bytes(client, export: str) -> tuple[int, bytes]:
    """The peak of memory allocated while the export is made and sent, and the file."""
    tracemalloc.start()
    try:
        response = client.get(URL, {"export": export})
        content = b"".join(response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    return peak, content


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_four_times_the_rows_cost_no_more_memory_at_the_peak(client, export):
    hub = HubFactory()
    client.force_login(bureau_officer())
    add_organisations(hub, 1000)
    client.get(URL, {"export": export})  # warm: templates, translations, the first queries
    few, small = peak_bytes(client, export)
    add_organisations(HubFactory(), 3000)
    more, large = peak_bytes(client, export)
    assert len(large) > 2.5 * len(small)  # the file did grow...
    assert more - few < 2 * 1024 * 1024  # ...the memory did not
    if export == "xlsx":
        rows = list(load_workbook(__import__("io").BytesIO(large), read_only=True).active.rows)
        assert len(rows) == 4001
