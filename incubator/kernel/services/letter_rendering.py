"""Letters rendered to PDF once: the rendering task's attempts with back-off, the letter marked
failed after the last one, and staff rendering a failed letter again. Issuing, and enqueuing the
first rendering, is incubator.kernel.services.letters; its ``enqueue_render`` is looked up there
at each call, so patching it there holds for retries too."""

import hashlib
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.letters import letters_visible_to
from incubator.kernel.models import Letter
from incubator.kernel.rendering import html_to_pdf
from incubator.kernel.roles import ACCESS_ADMIN
from incubator.kernel.services import letters
from incubator.kernel.services.letters import letter_html

logger = logging.getLogger(__name__)

# Waits after the 1st and 2nd failed rendering; the third failure marks the letter failed.
RENDER_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5))
MAX_RENDER_ATTEMPTS = len(RENDER_RETRY_DELAYS) + 1
ALREADY_RENDERED = _("This letter has been rendered already; an issued letter never changes.")
NOT_ALLOWED = _("Only staff who can see this letter can render it again.")
NOT_FAILED = _("Only a letter whose rendering failed can be rendered again.")


def letter_render(*, letter_id: int) -> Letter:
    """Render a letter's PDF once and store it with its SHA-256. Raises on any failure,
    conversion or storage, after removing whatever part of the file was written."""
    letter = Letter.objects.select_related("recipient").get(pk=letter_id)
    if letter.render_status == Letter.RenderStatus.READY:
        raise ServiceError(ALREADY_RENDERED, code="already_rendered")
    pdf = html_to_pdf(letter_html(letter))
    storage = letter.file.storage
    name = storage.get_available_name(
        letter.file.field.generate_filename(letter, f"{letter.kind}.pdf")
    )
    try:
        name = storage.save(name, ContentFile(pdf))
        updated = (
            Letter.objects.filter(pk=letter.pk)
            .exclude(render_status=Letter.RenderStatus.READY)
            .update(
                file=name,
                sha256=hashlib.sha256(pdf).hexdigest(),
                render_status=Letter.RenderStatus.READY,
                render_attempts=F("render_attempts") + 1,
                render_error="",
            )
        )
    except BaseException:
        # A full disk leaves an empty or partial file behind: no row will ever name it.
        _delete_quietly(storage, name)
        raise
    if updated != 1:  # rendered by a concurrent worker meanwhile: keep theirs
        _delete_quietly(storage, name)
    letter.refresh_from_db()
    return letter


def _delete_quietly(storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except Exception:
        logger.exception("Could not remove the unused letter file %s", name)


def letter_render_attempt(*, letter_id: int) -> Letter | None:
    """One attempt of the rendering task. Before: the letter waits for its PDF. After: ready;
    or the failure (of any kind) counted and recorded, and the next attempt enqueued after a
    back-off; at ``MAX_RENDER_ATTEMPTS`` the letter is marked failed (logged at ERROR) and
    waits for staff to render it again. A letter ready or failed is left alone, so a task
    run twice (a worker restarted) cannot loop."""
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None or letter.render_status != Letter.RenderStatus.PENDING:
        return letter
    if letter.render_attempts >= MAX_RENDER_ATTEMPTS:
        Letter.objects.filter(pk=letter_id, render_status=Letter.RenderStatus.PENDING).update(
            render_status=Letter.RenderStatus.FAILED
        )
        return None
    try:
        with transaction.atomic():
            return letter_render(letter_id=letter_id)
    except ServiceError:
        return None  # rendered already
    except Exception as error:
        attempts = letter.render_attempts + 1
        failed = attempts >= MAX_RENDER_ATTEMPTS
        Letter.objects.filter(pk=letter_id).update(
            render_status=Letter.RenderStatus.FAILED if failed else Letter.RenderStatus.PENDING,
            render_attempts=attempts,
            render_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if failed:
            logger.error(
                "Rendering letter %s failed %s times; staff can render it again: %s",
                letter.reference,
                attempts,
                error,
                exc_info=error,
            )
        else:
            logger.warning(
                "Rendering letter %s failed, will try again: %s", letter.reference, error
            )
            letters.enqueue_render(letter_id, delay=RENDER_RETRY_DELAYS[attempts - 1])
        return None


@transaction.atomic
def letter_render_again(*, letter: Letter, by) -> Letter:
    """Render a failed letter again, from its first attempt (once the cause is fixed).
    Before: rendering failed; ``by`` is staff who may see the letter. After: pending,
    attempts reset, its task enqueued."""
    if not (by.has_perm(ACCESS_ADMIN) and letters_visible_to(by).filter(pk=letter.pk).exists()):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    updated = Letter.objects.filter(pk=letter.pk, render_status=Letter.RenderStatus.FAILED).update(
        render_status=Letter.RenderStatus.PENDING, render_attempts=0
    )
    if updated != 1:
        raise ServiceError(NOT_FAILED, code="not_failed")
    audit_log(
        instance=letter.recipient,
        action="incubator.letter.render_again",
        user=by,
        data={"reference": letter.reference},
    )
    letters.enqueue_render(letter.pk)
    letter.refresh_from_db()
    return letter
