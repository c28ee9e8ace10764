"""Every kind of letter, rendered as it is issued and read page by page: it fits its expected
number of pages, and its last page never holds the closing, signature and date alone (a 公文
whose signature page carries no text can be detached and misused)."""

import os
from pathlib import Path

from django.utils import translation

import pytest

from incubator.kernel.services.letter_rendering import letter_render
from incubator.kernel.services.letters import letter_reissue, verification_url
from incubator.models import Letter
from tests.letters.pages import body_lines, needs_poppler, page_images, page_texts

pytestmark = [pytest.mark.django_db, needs_poppler]

# Where the pages go as PNGs, to look at them: LETTER_PAGES_DIR=/tmp/letters pytest ...
IMAGES = os.environ.get("LETTER_PAGES_DIR")

ENGLISH_TITLES = {
    "admission": "Notice of admission to the incubator",
    "subsidy_award": "Notice of the award of a staff-cost subsidy",
    "graduation": "Certificate of graduation from the incubator",
}


def _furniture(letter: Letter) -> list[str]:
    """What stands on a page besides the letter's text: signature block, closing, footer."""
    head = letter.details["letterhead"]
    with translation.override(letter.language):
        return [
            head["bureau_name_zh"],
            head["bureau_name_en"],
            f"{head['signatory_title']} {head['signatory_name']}",
            f"{head['signatory_title_en']} {head['signatory_name']}",
            f"{letter.issued_at:%Y}年{letter.issued_at.month}月{letter.issued_at.day}日",
            f"{letter.issued_at.day} {letter.issued_at:%B %Y}",
            str(translation.gettext("This letter is hereby issued.")),
            str(translation.gettext("Check that this letter is genuine and still valid:")),
            f"{translation.gettext('Verification code')}：{letter.verification_code}",
            f"{translation.gettext('Verification code')}: {letter.verification_code}",
            verification_url(letter),
        ]


def _pages(letter: Letter, tmp_path: Path) -> list[str]:
    letter.refresh_from_db()
    if letter.render_status != Letter.RenderStatus.READY:  # issued letters render through the queue
        letter = letter_render(letter_id=letter.pk)
    pdf = Path(letter.file.path)
    page_images(pdf, Path(IMAGES) if IMAGES else tmp_path, resolution=60)
    return page_texts(pdf)


def _english(letter: Letter) -> Letter:
    return letter_reissue(
        letter=letter,
        reason="应受文单位要求出具英文版",
        by=None,
        language="en",
        title=ENGLISH_TITLES.get(letter.kind, letter.title),
    )


def _assert_laid_out(letter: Letter, tmp_path: Path, *, pages: int) -> list[str]:
    texts = _pages(letter, tmp_path)
    assert len(texts) == pages, f"{letter.kind} ({letter.language}): {len(texts)} pages"
    last = body_lines(texts[-1], apart_from=_furniture(letter))
    if len(texts) > 1:
        assert last, f"{letter.kind} ({letter.language}): the last page holds only:\n{texts[-1]}"
    assert any(line for line in body_lines(texts[0], apart_from=_furniture(letter)))
    return texts


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_admission_letter_fits_one_page(admission_letter, tmp_path, english):
    letter = _english(admission_letter) if english else admission_letter
    _assert_laid_out(letter, tmp_path, pages=1)


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_subsidy_award_letter_keeps_text_with_its_signature(
    subsidy_award_letter, tmp_path, english
):
    letter = _english(subsidy_award_letter) if english else subsidy_award_letter
    texts = _pages(letter, tmp_path)
    assert len(texts) <= 2
    if len(texts) == 2:
        assert body_lines(texts[-1], apart_from=_furniture(letter)), texts[-1]


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_graduation_certificate_fits_one_page(graduation_letter, tmp_path, english):
    letter = _english(graduation_letter) if english else graduation_letter
    _assert_laid_out(letter, tmp_path, pages=1)


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
@pytest.mark.parametrize("kind", ["tender_award", "tender_regret"])
def test_tender_letters_fit_one_page(tender_letters, tmp_path, kind, english):
    letter = tender_letters[1][kind]
    letter = _english(letter) if english else letter
    _assert_laid_out(letter, tmp_path, pages=1)
