"""Invitations: an organisation admin invites a colleague, a hub manager an organisation's first
admin. The emailed link is signed, works once, and expires after seven days."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.memberships import membership_create
from incubator.incubation.services.notifications import organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.mail import send_bilingual_mail
from incubator.kernel.services.notifications import notify_on_commit
from incubator.models import INVITATION_VALID_FOR, Invitation, Organisation, OrganisationMembership

SIGNING_SALT = "incubator.invitation"

INVALID_LINK = _("This invitation link is not valid. Check that you copied the whole link.")
EXPIRED = _("This invitation has expired. Ask the person who invited you to send a new one.")
USED = _("This invitation has already been used. Log in with the account it created.")
REVOKED = _("This invitation was withdrawn by the organisation.")
PENDING_EXISTS = _("An invitation to %(email)s is already waiting for an answer.")
ALREADY_MEMBER_EMAIL = _("%(email)s already belongs to an organisation.")
FIRST_ADMIN_EXISTS = _(
    "%(organisation)s already has an administrator, who invites colleagues from the portal."
)
WRONG_ACCOUNT = _("This invitation was sent to %(email)s; log in with that account to accept it.")


def invitation_token(invitation: Invitation) -> str:
    """The signed token in the invitation link."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SIGNING_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link stands for, or a ServiceError saying why it cannot be used
    (not valid, expired, already used, withdrawn)."""
    try:
        payload = signing.loads(
            token, salt=SIGNING_SALT, max_age=INVITATION_VALID_FOR.total_seconds()
        )
    except signing.SignatureExpired as exc:
        raise ServiceError(EXPIRED, code="expired") from exc
    except signing.BadSignature as exc:
        raise ServiceError(INVALID_LINK, code="invalid") from exc
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(pk=payload.get("i"), nonce=payload.get("n"))
        .first()
    )
    if invitation is None:
        raise ServiceError(INVALID_LINK, code="invalid")
    status = invitation.status
    if status == Invitation.Status.ACCEPTED:
        raise ServiceError(USED, code="used")
    if status == Invitation.Status.REVOKED:
        raise ServiceError(REVOKED, code="revoked")
    if status == Invitation.Status.EXPIRED:
        raise ServiceError(EXPIRED, code="expired")
    return invitation


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, by, base_url: str
) -> Invitation:
    """Invite ``email`` to ``organisation`` with ``role``. Before: no pending invitation to that
    address for the organisation, and the address belongs to nobody already in an
    organisation. After: the invitation, an audit entry, and the email, queued with them."""
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    pending = Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if pending.exists():
        raise ServiceError(PENDING_EXISTS % {"email": email}, code="pending_exists")
    if OrganisationMembership.objects.filter(
        user__email__iexact=email, ended_at__isnull=True
    ).exists():
        raise ServiceError(ALREADY_MEMBER_EMAIL % {"email": email}, code="already_member")
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        instance=organisation,
        action="incubator.invitation.create",
        user=by,
        data={"email": email, "role": invitation.role},
    )
    link = base_url.rstrip("/") + reverse("invitation_accept", args=[invitation_token(invitation)])
    send_bilingual_mail("invitation", {"invitation": invitation, "link": link}, [invitation.email])
    return invitation


@transaction.atomic
def invitation_create_first_admin(
    *, organisation: Organisation, email: str, by, base_url: str
) -> Invitation:
    """A hub manager or bureau officer invites the first administrator of an organisation.
    Before: the organisation has no administrator and no administrator invitation waiting."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    admin = OrganisationMembership.Role.ADMIN
    if organisation.memberships.filter(role=admin, ended_at__isnull=True).exists():
        raise ServiceError(
            FIRST_ADMIN_EXISTS % {"organisation": organisation.display_name()},
            code="admin_exists",
        )
    return invitation_create(
        organisation=organisation, email=email, role=admin, by=by, base_url=base_url
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, new_user: dict | None = None):
    """Accept an invitation, once. Either ``user`` (an existing account with the invited email)
    or ``new_user`` (username, password, names) for a new account. After: the invitation is
    used, the user is a member with the invited role; a second accept is refused."""
    used = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now())
    if used != 1:
        invitation_from_token(invitation_token(invitation))  # raises the precise reason
        raise ServiceError(USED, code="used")
    if user is None:
        user_model = get_user_model()
        user = user_model(
            email=invitation.email, **{k: v for k, v in new_user.items() if k != "password"}
        )
        user.set_password(new_user["password"])
        user.full_clean(exclude=["password"])
        user.save()
    elif user.email.lower() != invitation.email.lower():
        raise ServiceError(WRONG_ACCOUNT % {"email": invitation.email}, code="wrong_account")
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    membership_create(
        organisation=invitation.organisation,
        user=user,
        role=invitation.role,
        by=invitation.invited_by,
    )
    audit_log(
        instance=invitation.organisation,
        action="incubator.invitation.accept",
        user=user,
        data={"email": invitation.email},
    )
    notify_on_commit(
        users=[admin for admin in organisation_admins(invitation.organisation) if admin != user],
        template="member_joined",
        context={"invitation": invitation, "member": user},
        link=("portal:members", []),
    )
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> None:
    """Withdraw a pending invitation so its link no longer works."""
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if updated != 1:
        raise ServiceError(USED, code="not_pending")
    audit_log(
        instance=invitation.organisation,
        action="incubator.invitation.revoke",
        user=by,
        data={"email": invitation.email},
    )
