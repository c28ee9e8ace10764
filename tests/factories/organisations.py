import itertools

import factory

from incubator.incubation.services.memberships import hub_manager_assign, membership_create
from incubator.kernel.roles import Role, role_group
from incubator.kernel.validators import uscc_check_character
from incubator.models import Organisation

from .hubs import HubFactory
from .users import UserFactory

_codes = itertools.count(1)


def credit_code() -> str:
    """A fresh, well-formed credit code of a Taicang social service organisation."""
    first17 = f"52320585MJ{next(_codes):07d}"
    return first17 + uscc_check_character(first17)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"太仓市第{n}社会服务中心")
    name_en = factory.Sequence(lambda n: f"Service Centre {n}")
    credit_code = factory.LazyFunction(credit_code)
    hub = factory.SubFactory(HubFactory)
    stage = Organisation.Stage.INCUBATING
    contact_name = "王芳"
    contact_phone = "0512-53530000"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")


def member_of(organisation, role: str = "member", **user_fields):
    """A new user who is ``role`` of ``organisation``, made through the service."""
    user = UserFactory(**user_fields)
    membership_create(organisation=organisation, user=user, role=role)
    return user


def manager_of(hub, **user_fields):
    """A new user assigned as manager of ``hub``."""
    user = UserFactory(**user_fields)
    hub_manager_assign(hub=hub, user=user)
    return user


def staff_with_role(role: str, **user_fields):
    """A new user holding a staff role (bureau officer, evaluator, site administrator)."""
    user = UserFactory(**user_fields)
    user.groups.add(role_group(role))
    return user


def bureau_officer(**user_fields):
    return staff_with_role(Role.BUREAU_OFFICER, **user_fields)
