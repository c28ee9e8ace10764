"""Letters: issue with a gapless number, render once to PDF, revoke and reissue."""

import base64
import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

import segno

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.letters import letter_kinds, letters_visible_to
from incubator.kernel.models import Letter, LetterSequence
from incubator.kernel.rendering import html_to_pdf
from incubator.kernel.roles import ACCESS_ADMIN

logger = logging.getLogger(__name__)

# Waits after the 1st and 2nd failed rendering; the third failure marks the letter failed.
RENDER_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5))
MAX_RENDER_ATTEMPTS = len(RENDER_RETRY_DELAYS) + 1
NO_PREFIX = _(
    "No reference prefix is set for %(kind)s letters: add one in the site settings first."
)
ALREADY_RENDERED = _("This letter has been rendered already; an issued letter never changes.")
ALREADY_REVOKED = _("This letter was already revoked.")
REASON_REQUIRED = _("Give the reason for revoking the letter.")
NOT_ALLOWED = _("Only staff who can see this letter can render it again.")
NOT_FAILED = _("Only a letter whose rendering failed can be rendered again.")


def _next_number(kind: str, year: int) -> int:
    """Take the next number of a kind and year inside the caller's transaction. The update
    locks the counter row until commit, so concurrent issuers queue and no number is lost or
    given twice; a rolled-back issue gives its number back."""
    try:
        with transaction.atomic():
            LetterSequence.objects.get_or_create(kind=kind, year=year)
    except IntegrityError:
        pass  # created by a concurrent issuer meanwhile
    LetterSequence.objects.filter(kind=kind, year=year).update(last_number=F("last_number") + 1)
    return LetterSequence.objects.values_list("last_number", flat=True).get(kind=kind, year=year)


def verification_url(letter: Letter) -> str:
    with translation.override(letter.language):
        path = reverse("letter_verify", args=[letter.verification_code])
    return settings.SITE_BASE_URL.rstrip("/") + path


@transaction.atomic
def letter_issue(
    *,
    kind: str,
    recipient,
    subject,
    title: str,
    details: dict | None = None,
    amount=None,
    language: str = "zh-hans",
    by=None,
) -> Letter:
    """Issue a letter of ``kind`` to ``recipient`` about ``subject``.
    Before: a reference prefix exists for the kind. After: the letter with the next number of
    its kind and year and a verification code; what it says is fixed now (letterhead and
    details are copied in); its PDF rendering is enqueued in the same transaction, so the
    task exists exactly when the letter does."""
    letterhead = current_letterhead()
    prefix = letterhead.prefixes.get(kind)
    if not prefix:
        raise ServiceError(NO_PREFIX % {"kind": letter_kinds(kind).label}, code="no_prefix")
    now = timezone.now()
    year = timezone.localdate(now).year
    number = _next_number(kind, year)
    letter = Letter(
        kind=kind,
        year=year,
        sequence=number,
        reference=f"{prefix}〔{year}〕{number}号",
        recipient=recipient,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        language=language,
        title=title,
        amount=amount,
        details={
            **(details or {}),
            "recipient_name": recipient.name,
            "recipient_name_en": recipient.name_en,
            "letterhead": letterhead.as_dict(),
        },
        issued_at=now,
        issued_by=by,
    )
    letter.full_clean(exclude=["file", "subject_type"])
    letter.save()
    audit_log(
        instance=recipient,
        action="incubator.letter.issue",
        user=by,
        data={"reference": letter.reference, "kind": kind},
    )
    enqueue_render(letter.pk)
    return letter


def enqueue_render(letter_id: int, *, delay: timedelta | None = None) -> None:
    """Enqueue the rendering task, ``delay`` from now where the task backend can wait (the
    immediate backend of development and tests runs it at once)."""
    from django_tasks import default_task_backend

    from incubator.kernel.tasks import render_letter

    task = render_letter
    if delay is not None and default_task_backend.supports_defer:
        task = render_letter.using(run_after=timezone.now() + delay)
    task.enqueue(letter_id)


def _qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3, border=0)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def letter_html(letter: Letter) -> str:
    """The letter as HTML, in its own language, from its kind's template."""
    url = verification_url(letter)
    with translation.override(letter.language):
        return render_to_string(
            letter_kinds(letter.kind).template,
            {
                "letter": letter,
                "details": letter.details,
                "letterhead": letter.details.get("letterhead", {}),
                "english": letter.language == "en",
                "verification_url": url,
                "qr_code": _qr_data_uri(url),
            },
        )


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
            enqueue_render(letter_id, delay=RENDER_RETRY_DELAYS[attempts - 1])
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
    enqueue_render(letter.pk)
    letter.refresh_from_db()
    return letter


@transaction.atomic
def letter_revoke(*, letter: Letter, reason: str, by) -> Letter:
    """Revoke a letter. Before: valid. After: revoked with the reason, date and actor."""
    if not reason.strip():
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    updated = Letter.objects.filter(pk=letter.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by, revocation_reason=reason.strip()
    )
    if updated != 1:
        raise ServiceError(ALREADY_REVOKED, code="already_revoked")
    letter.refresh_from_db()
    audit_log(
        instance=letter.recipient,
        action="incubator.letter.revoke",
        user=by,
        reason=reason,
        data={"reference": letter.reference},
    )
    return letter


@transaction.atomic
def letter_reissue(*, letter: Letter, reason: str, by, **changes) -> Letter:
    """Revoke ``letter`` and issue its replacement with a new number; ``changes`` override
    what the new letter says (title, details, amount, language)."""
    revoked = letter_revoke(letter=letter, reason=reason, by=by)
    details = {
        key: value
        for key, value in revoked.details.items()
        if key not in {"letterhead", "recipient_name", "recipient_name_en"}
    }
    replacement = letter_issue(
        kind=revoked.kind,
        recipient=revoked.recipient,
        subject=revoked.subject,
        title=changes.get("title", revoked.title),
        details=changes.get("details", details),
        amount=changes.get("amount", revoked.amount),
        language=changes.get("language", revoked.language),
        by=by,
    )
    Letter.objects.filter(pk=revoked.pk).update(replaced_by=replacement)
    return replacement
