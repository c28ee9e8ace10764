"""Letters as a reader sees them: each page of the PDF as text (pdftotext -layout) and as an
image (pdftoppm), so a test can check how many pages a letter has and what its last page
holds."""

import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed",
)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, page_count(pdf) + 1)
    ]


def page_images(pdf: Path, into: Path, *, resolution: int = 50) -> list[Path]:
    """Each page as a PNG in ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    stem = into / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(stem)], check=True)
    return sorted(into.glob(f"{pdf.stem}*.png"))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def body_lines(page: str, *, apart_from: list[str]) -> list[str]:
    """The lines of a page that are neither the signature block, the closing, the
    verification note nor the page number: what a reader would call the letter's text."""
    furniture = [_squeezed(line) for line in apart_from if line.strip()]
    lines = []
    for line in page.splitlines():
        squeezed = _squeezed(line)
        if not squeezed or squeezed.strip("—-0123456789") == "":
            continue
        if any(squeezed == item or squeezed in item for item in furniture):
            continue
        lines.append(line.strip())
    return lines
