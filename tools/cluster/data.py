"""The smoke test's data, inside Django: the demo steps a hub manager needs to admit an intake
application (users, hubs, site settings with the letter prefixes, roles, authenticators, the
intake applications), and a look at the admission letter afterwards."""

from django.db import transaction

from incubator.models import IntakeApplication, Letter
from tools.demo.seeding import DEMO_PASSWORD, SeedLog, demo_steps

# Users, hubs, site settings (letter prefixes), roles and memberships, authenticators, intake
# applications; not the demo's pages (a PDF to render: slow), letters, incubations, tenders or
# subsidies, whose letters would queue ahead of the one under test.
STEPS = {10, 20, 30, 40, 42, 60}
MANAGER = "hubmanager"


@transaction.atomic
def prepare() -> dict:
    """Create the data; return the client's plan: who logs in, with what, and what to admit."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    log = SeedLog()
    for step in demo_steps():
        if step.order in STEPS:
            step.run(log)
    application = IntakeApplication.objects.get(
        status=IntakeApplication.Status.SUBMITTED, email_confirmed_at__isnull=False
    )
    device = TOTPDevice.objects.get(user__username=MANAGER, confirmed=True)
    return {
        "password": DEMO_PASSWORD,
        "manager": MANAGER,
        "totp_key": device.key,
        "application": application.pk,
        "organisation": application.name,
        "applicant": application.applicant.username,
    }


def admission_letter(*, organisation_name: str) -> dict:
    """The admission letter of the organisation named so, as stored: what the client checks
    its download and the verification page against."""
    letter = Letter.objects.get(recipient__name=organisation_name, kind="admission")
    return {
        "pk": letter.pk,
        "reference": letter.reference,
        "render_status": letter.render_status,
        "render_error": letter.render_error,
        "sha256": letter.sha256,
        "file": letter.file.name,
        "verification_code": letter.verification_code,
    }
