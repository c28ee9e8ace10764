"""What the smoke test asserts about the letter once it is downloaded (no Django here)."""

import hashlib
from pathlib import Path

import requests

from tools.cluster.processes import SmokeFailed


def check_letter(
    *,
    letter: dict,
    pdf: requests.Response,
    verify: requests.Response,
    stored: bytes,
    local_private: Path,
    genuine: str,
) -> None:
    """The download is the PDF the database vouches for and the bucket holds, and the public
    page calls it genuine with the same fingerprint. Raises SmokeFailed saying what differs."""
    if letter["render_status"] != "ready":
        raise SmokeFailed(f"letter {letter['reference']} is {letter['render_status']}.")
    if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF-"):
        raise SmokeFailed(f"the download answered {pdf.status_code}, not a PDF.")
    downloaded = hashlib.sha256(pdf.content).hexdigest()
    if downloaded != letter["sha256"]:
        raise SmokeFailed(f"downloaded SHA-256 {downloaded} is not the stored {letter['sha256']}.")
    if hashlib.sha256(stored).hexdigest() != downloaded:
        raise SmokeFailed(f"the object {letter['file']} in the bucket differs from the download.")
    if verify.status_code != 200 or genuine not in verify.text:
        raise SmokeFailed(f"the verification page ({verify.status_code}) lacks '{genuine}'.")
    if letter["sha256"] not in verify.text:
        raise SmokeFailed("the verification page does not show the letter's SHA-256.")
    if local_private.exists() and any(path.is_file() for path in local_private.rglob("*")):
        raise SmokeFailed(f"private files were written to {local_private}, not to the bucket.")
