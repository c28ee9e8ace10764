"""Reading the CSV exports of admin listings in tests."""

import csv
import io


def csv_rows(response) -> list[list[str]]:
    """The rows of a streamed CSV export, which opens with a UTF-8 byte-order mark."""
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
