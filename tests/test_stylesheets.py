"""Our stylesheets are well formed: every block closed where it should be. An unclosed
``@media`` block once swallowed every rule after it, so that they applied on phones only."""

import re
from pathlib import Path

import pytest

CSS = sorted((Path(__file__).resolve().parent.parent / "static").rglob("*.css"))


@pytest.mark.parametrize("path", CSS, ids=lambda path: path.name)
def test_every_block_is_closed(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number} closes a block never opened"
        # A rule starting at the line's beginning is a top-level rule: nothing may be open.
        if line[:1] not in ("", " ", "}", "@") and "{" in line:
            assert depth - line.count("{") + line.count("}") == 0, (
                f"{path.name}:{number} starts at the margin inside an open block"
            )
    assert depth == 0, f"{path.name} ends with {depth} block(s) open"
