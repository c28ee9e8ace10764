"""Every state-changing form is safe to submit twice. The form carries a one-time token
(``submission_token``); the view claims it in the transaction that makes the change, so:

- a second submission after the first finished finds the token and changes nothing;
- two submissions at once race for one unique row: the database lets one through, the other
  waits for it and then finds the token taken (PostgreSQL: the unique index; SQLite: the
  write lock of its IMMEDIATE transactions);
- a submission the service refuses rolls back with its claim, so the corrected form, still
  carrying the same token, goes through.

Either way the second one says that nothing was changed and goes where the first went."""

import uuid
from contextlib import contextmanager

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from incubator.kernel.models import FormSubmission

TOKEN_FIELD = "submission_token"
ALREADY_SUBMITTED = _("This form was already submitted; nothing was changed this time.")


class AlreadySubmitted(Exception):
    """The token was claimed by an earlier submission."""

    def __init__(self, submission: FormSubmission):
        super().__init__(str(submission.token))
        self.submission = submission


def submission_token(request) -> str:
    """The token for the form being rendered: the one it was posted with (a form shown
    again with errors keeps it), else a new one."""
    return str(posted_token(request) or uuid.uuid4())


def posted_token(request) -> uuid.UUID | None:
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


def _user(request):
    return request.user if request.user.is_authenticated else None


def earlier_submission(request) -> FormSubmission | None:
    """The earlier submission of this very form by this user, if any."""
    token = posted_token(request)
    if token is None:
        return None
    return FormSubmission.objects.filter(token=token, user=_user(request)).first()


@contextmanager
def submit_once(request):
    """Around the change a POST makes: claim its token in the same transaction (raising
    ``AlreadySubmitted`` when it is taken) and yield a function that records where the
    result is shown. Without a token (an old client), the change runs as before."""
    token = posted_token(request)
    with transaction.atomic():
        claim = None
        if token is not None:
            try:
                with transaction.atomic():
                    claim = FormSubmission.objects.create(token=token, user=_user(request))
            except IntegrityError:
                taken = FormSubmission.objects.filter(token=token).first()
                raise AlreadySubmitted(taken or FormSubmission(token=token)) from None

        def done(url: str) -> None:
            if claim is not None:
                claim.result_url = url[:500]
                claim.save(update_fields=["result_url"])

        yield done


def already_submitted_response(request, submission: FormSubmission, fallback: str):
    """Say that nothing changed and go where the first submission went."""
    messages.info(request, ALREADY_SUBMITTED)
    user = _user(request)
    mine = submission.user_id is not None and user is not None and submission.user_id == user.pk
    return redirect(submission.result_url if mine and submission.result_url else fallback)


def confirmation_context(request, **context) -> dict:
    """What the portal's confirmation page needs besides its texts: the one-time token."""
    return {"submission_token": submission_token(request), "token_field": TOKEN_FIELD, **context}
