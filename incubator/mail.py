"""Emails to people whose language we do not know yet: the body in Chinese, then in English;
the subject in Chinese."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


def send_bilingual_mail(template: str, context: dict, to: list[str]) -> None:
    """Send ``incubator/email/<template>_subject.txt`` and ``_body.txt`` to ``to``. A
    ``template`` with a slash is a path of its own (another app's ``<app>/email/<name>``)."""
    template = template if "/" in template else f"incubator/email/{template}"
    bodies = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            bodies.append(render_to_string(f"{template}_body.txt", context))
    with translation.override("zh-hans"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
    send_mail(subject, SEPARATOR.join(bodies), None, to)
