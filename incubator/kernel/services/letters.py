"""Letters: issue with a gapless number and what a letter says (its HTML), revoke and reissue.
Rendering the PDF, once, is incubator.kernel.services.letter_rendering."""

import base64
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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
from incubator.kernel.letters import letter_kinds
from incubator.kernel.models import Letter, LetterSequence

NO_PREFIX = _(
    "No reference prefix is set for %(kind)s letters: add one in the site settings first."
)
ALREADY_REVOKED = _("This letter was already revoked.")
REASON_REQUIRED = _("Give the reason for revoking the letter.")


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
