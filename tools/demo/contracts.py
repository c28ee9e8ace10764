"""Demo data after the award: the day-care award was challenged and the bureau answered
within 7 working days (the challenge dismissed); its contract was signed within 30 days of
the award notice and published within 2 working days of signing, so every duty on the
tender's public page reads as met."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from incubator.kernel.calendar import add_working_days
from tools.demo.seeding import SeedLog, demo_step

SIGNED_AFTER_DAYS = 20
ANSWERED_AFTER_WORKING_DAYS = 3


def _at_ten(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def challenge_answered(log: SeedLog, award, *, by) -> None:
    """A challenge received on the last day of the notice period, dismissed three working
    days later (called by the tender process step before the award becomes final)."""
    from tenders.services.challenges import award_challenge_record, award_challenge_resolve

    received_on = award.notice_ends_on
    award_challenge_record(
        award=award,
        challenger="太仓市科教新城青苗课后托管中心",
        grounds="认为服务方案评分偏低，请求复核评审过程。",
        received_on=received_on,
        by=by,
        now=_at_ten(received_on),
    )
    award.refresh_from_db()
    answered_on = add_working_days(received_on, ANSWERED_AFTER_WORKING_DAYS)
    award_challenge_resolve(
        award=award,
        upheld=False,
        note="经复核，评审专家按评分标准独立评分，程序合规，质疑不成立。",
        by=by,
        now=_at_ten(answered_on),
    )
    award.refresh_from_db()
    log.add("TCMZ-2026-005 challenge answered within 7 working days")


@demo_step(order=86)
def seed_contract_signed_and_published(log: SeedLog) -> None:
    """Sign the demo's contract 20 days after the award notice and publish it the next
    working day (once; a contract already signed is left as it is)."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract
    from tenders.services.contracts import contract_publish, contract_sign

    contract = (
        Contract.objects.filter(signed_on__isnull=True, tender__reference="TCMZ-2026-005")
        .select_related("award")
        .first()
    )
    bureau = get_user_model().objects.filter(username="bureau").first()
    if contract is None or bureau is None:
        return
    decided_on = timezone.localdate(contract.award.decided_at)
    signed_on = min(decided_on + timedelta(days=SIGNED_AFTER_DAYS), timezone.localdate())
    contract = contract_sign(contract=contract, signed_on=signed_on, by=bureau)
    published_on = min(add_working_days(signed_on, 1), timezone.localdate())
    contract_publish(contract=contract, by=bureau, now=min(_at_ten(published_on), timezone.now()))
    log.add("TCMZ-2026-005 contract signed and published on time")
