"""Letter PDFs: a real embedded CJK font, the exact Chinese name in the text, and nothing
fetched that we did not ship."""

import http.server
import shutil
import subprocess
import threading
from decimal import Decimal

import pytest

from incubator.kernel.rendering import html_to_pdf
from incubator.models import Letter
from tests.factories import OrganisationFactory, issue_letter

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils is not installed"
)


def _rendered(organisation, django_capture_on_commit_callbacks, **fields) -> Letter:
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue_letter(organisation, **fields)
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.READY, letter.render_error
    return letter


@needs_poppler
def test_pdf_embeds_a_cjk_font_and_holds_the_chinese_name_exactly(
    django_capture_on_commit_callbacks, tmp_path
):
    organisation = OrganisationFactory(name="太仓市颐康居家养老服务中心")
    letter = _rendered(
        organisation,
        django_capture_on_commit_callbacks,
        kind="subsidy_award",
        amount=Decimal("12300"),
        title="关于核定2026年度岗位补贴的通知",
    )
    path = letter.file.path
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    cjk_lines = [line for line in fonts.splitlines() if "CJK" in line]
    assert all(" yes " in line for line in cjk_lines)  # embedded
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "太仓市颐康居家养老服务中心" in text
    assert "人民币壹万贰仟叁佰元整" in text
    assert letter.reference in text
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", path, str(png)], check=True
    )
    assert list(tmp_path.glob("page*.png"))


def test_letter_in_english_says_everything_in_english(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="太仓市颐康居家养老服务中心", name_en="Yikang Care")
    letter = _rendered(
        organisation, django_capture_on_commit_callbacks, language="en", title="Admission"
    )
    from incubator.kernel.services.letters import letter_html

    html = letter_html(letter)
    assert "Yikang Care" in html
    assert "Taicang Civil Affairs Bureau" in html
    assert "Check that this letter is genuine" in html


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _hostile(server_url: str) -> str:
    return (
        '<img src="file:///etc/passwd">'
        f'<img src="{server_url}/pixel.png">'
        '<a rel="attachment" href="file:///etc/hostname">x</a>'
    )


def test_hostile_text_in_a_letter_is_printed_as_text_and_fetches_nothing(
    django_capture_on_commit_callbacks, local_server
):
    hostile = _hostile(local_server)
    organisation = OrganisationFactory(name="甲" + hostile[:150])
    letter = _rendered(
        organisation,
        django_capture_on_commit_callbacks,
        details={"hub_name": hostile, "start_date": "x", "planned_end_date": "y"},
    )
    pdf = letter.file.read()
    assert _Recorder.requests == []
    assert b"/EmbeddedFile" not in pdf
    assert b"root:x:0:0" not in pdf


def test_the_renderer_refuses_files_hosts_and_attachments_even_in_raw_html(local_server):
    pdf = html_to_pdf(f"<html><body><p>正文</p>{_hostile(local_server)}</body></html>")
    assert _Recorder.requests == []
    assert b"/EmbeddedFile" not in pdf
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf


def test_the_renderer_serves_our_own_static_assets():
    from incubator.kernel.rendering import SafeURLFetcher

    response = SafeURLFetcher().fetch("static:///img/emblem.svg")
    assert b"<svg" in response.read()
    for url in ["file:///etc/passwd", "http://127.0.0.1/", "static:///../settings.py"]:
        with pytest.raises(ValueError):
            SafeURLFetcher().fetch(url)
