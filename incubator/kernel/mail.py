"""Emails to addresses whose owner's language we do not know: the body in Chinese, then in
English; the subject in Chinese. People with an account hear from us through
``incubator.kernel.services.notifications``. Either way the message goes through the outbox
(``incubator.kernel.services.outbox``): queued in the caller's transaction, sent by a task."""

from django.template import Context
from django.template.loader import get_template
from django.utils import translation

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


def render_text(name: str, context: dict) -> str:
    """A plain-text template (a subject, a body) rendered without HTML escaping: emails and
    notification titles are text, so an organisation called A&B stays A&B, not A&amp;B."""
    return get_template(name).template.render(Context(context, autoescape=False))


def one_line(text: str) -> str:
    """``text`` on one line: a subject holds names users typed, and a line break in a header
    is refused by Django (BadHeaderError) after the decision it reports was saved."""
    return " ".join(text.split())


def template_path(template: str) -> str:
    """``incubator/email/<template>``; a ``template`` with a slash is a path of its own
    (another app's ``<app>/email/<name>``)."""
    return template if "/" in template else f"incubator/email/{template}"


def send_bilingual_mail(template: str, context: dict, to: list[str]) -> None:
    """Queue ``<template>_subject.txt`` and ``_body.txt`` (see ``template_path``) for ``to``:
    addresses of people without an account yet, so in both languages. Call it inside the
    transaction of the change the message reports."""
    from incubator.kernel.services.outbox import email_queue

    template = template_path(template)
    bodies = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            bodies.append(render_text(f"{template}_body.txt", context))
    with translation.override("zh-hans"):
        subject = one_line(render_text(f"{template}_subject.txt", context))
    email_queue(to=to, subject=subject, body=SEPARATOR.join(bodies), template=template)
