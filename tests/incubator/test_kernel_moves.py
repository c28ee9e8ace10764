"""The kernel's locked re-read with its allowed-moves check, and the one reason form."""

from django.db import transaction
from django.utils import translation

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.forms import ReasonForm
from incubator.kernel.moves import locked_for_move
from incubator.models import IntakeApplication
from tests.factories.hubs import HubFactory
from tests.factories.intake import intake_application

pytestmark = pytest.mark.django_db
S = IntakeApplication.Status


def test_a_move_the_status_allows_returns_the_freshly_read_object():
    application = intake_application(HubFactory())
    IntakeApplication.objects.filter(pk=application.pk).update(mission="重新读取")
    with transaction.atomic():
        locked = locked_for_move(application, S.ADMITTED)
    assert locked.mission == "重新读取" and locked is not application


def test_a_move_the_status_no_longer_allows_is_refused_with_the_status_it_has_now():
    application = intake_application(HubFactory())
    IntakeApplication.objects.filter(pk=application.pk).update(
        status=S.DECLINED, decline_reason="不符合条件"
    )
    with translation.override("zh-hans"), transaction.atomic():
        with pytest.raises(ServiceError) as refused:
            locked_for_move(application, S.ADMITTED, S.DECLINED)
        message = str(refused.value)
    assert refused.value.code == "move_refused"
    assert "不能这样更改" in message and "未获通过" in message


def test_the_refusal_can_be_written_for_the_object():
    application = intake_application(HubFactory())
    IntakeApplication.objects.filter(pk=application.pk).update(
        status=S.DECLINED, decline_reason="不符合条件"
    )
    with transaction.atomic(), pytest.raises(ServiceError) as refused:
        locked_for_move(application, S.ADMITTED, refused=lambda locked: f"{locked.name} is done")
    assert str(refused.value) == f"{application.name} is done"


def test_one_reason_form_requires_a_reason_and_says_who_reads_it():
    form = ReasonForm({"reason": ""})
    assert not form.is_valid() and "reason" in form.errors
    with translation.override("en"):
        assert "email" in str(form.fields["reason"].help_text)
    assert ReasonForm(help_text="Bidders read this.").fields["reason"].help_text == (
        "Bidders read this."
    )
