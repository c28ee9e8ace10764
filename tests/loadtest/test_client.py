"""The load-test client's own pieces, which need no server: reading forms, authenticator codes
and the figures of a run."""

from tools.loadtest.html import form_with, forms
from tools.loadtest.officers import totp
from tools.loadtest.report import percentile, summarise
from tools.loadtest.session import Recorder, Sample

PAGE = """
<form method="get" action="/search/"><input name="q" value=""></form>
<form method="post" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="abc">
  <input type="hidden" name="lines-TOTAL_FORMS" value="3">
  <input name="lines-0-name" value="李娜">
  <select name="lines-0-qualification"><option value="none">无</option>
    <option value="senior" selected>高级</option></select>
  <select name="space"><option value="">---------</option><option value="7">101</option></select>
  <textarea name="note">
已核对</textarea>
  <input type="checkbox" name="declaration">
  <input type="checkbox" name="remove" value="4" checked>
  <input type="file" name="payroll">
  <button type="submit" name="action" value="submit">提交</button>
</form>
"""


def test_forms_are_read_as_a_browser_would_submit_them():
    search, application = forms(PAGE)

    assert (search.method, search.action) == ("get", "/search/")
    assert application.fields == {
        "csrfmiddlewaretoken": "abc",
        "lines-TOTAL_FORMS": "3",
        "lines-0-name": "李娜",
        "lines-0-qualification": "senior",
        "space": "",
        "note": "已核对",
        "remove": "4",
    }
    assert {"declaration", "payroll"} <= application.names
    assert application.options["space"] == ["", "7"]
    assert form_with(PAGE, "lines-TOTAL_FORMS") == application
    assert form_with(PAGE, "missing") is None


def test_authenticator_codes_are_rfc_6238():
    key = b"12345678901234567890".hex()  # the RFC's test vectors (SHA-1)
    vectors = {59: "94287082", 1111111109: "07081804", 1234567890: "89005924"}
    for moment, code in vectors.items():
        assert totp(key, at=moment, digits=8) == code
        assert totp(key, at=moment) == code[-6:]


def test_server_errors_and_failed_connections_are_errors_other_statuses_unexpected():
    recorder = Recorder(
        samples=[
            Sample("home", 200, 0.010),
            Sample("home", 200, 0.030),
            Sample("home", 500, 0.020, unexpected=True),
            Sample("bid_submit", None, 1.0),
            Sample("bid_submit", 404, 0.005, unexpected=True),
        ]
    )

    summary = summarise(recorder, elapsed=2.0)

    assert summary["requests"] == 5
    assert summary["requests_per_second"] == 2.5
    assert (summary["server_errors"], summary["connection_errors"]) == (1, 1)
    assert summary["unexpected"] == 1
    home = next(row for row in summary["kinds"] if row["kind"] == "home")
    assert (home["p50_ms"], home["p95_ms"], home["errors"]) == (20.0, 30.0, 1)


def test_percentile_is_nearest_rank():
    assert percentile([], 0.95) == 0.0
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([3, 1, 2], 0.5) == 2
