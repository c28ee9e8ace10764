"""Reading the open-data packages in tests: the bulk packages are files served as a stream
(``incubator.kernel.publications``), rebuilt by ``publish`` after a test changes their data."""

import json

from incubator.kernel.publications import publication_build


def body(response) -> bytes:
    """The whole body of a response, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def fetch_json(client, url: str):
    """The JSON a GET of ``url`` answers (asserting 200)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return json.loads(body(response))


def publish(*names: str) -> None:
    """Rebuild these publications now, as ``manage.py publish_open_data`` does from cron."""
    for name in names or ("360giving", "ocds-tenders"):
        publication_build(name)
