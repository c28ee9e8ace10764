"""Demo data of capacity building: ten more organisations so that twelve cover every stage in
the two hubs, their plans with milestones in every status (from the framework of
``milestone_framework``), graduations and an exit through the services, more seats taken and
a waiting list; and ``demo_pdf``, the PDF that stands in for scanned evidence."""

from datetime import date, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from incubator.incubation.services.memberships import membership_create
from incubator.models import (
    Hub,
    Incubation,
    Milestone,
    Organisation,
    ServiceArea,
    Space,
)
from tools.demo.incubation import demo_credit_code
from tools.demo.seeding import DEMO_PASSWORD, SeedLog, demo_step

# admin username or None, hub slug, stage, start, months, name, English name, legal form digit,
# organisation code, contact, phone, service areas, space code and seats.
DEMO_MORE_ORGANISATIONS = [
    ("ruian", "incubating", date(2026, 6, 1), 18, "太仓市城厢镇乐享助餐服务社",
     "Chengxiang Community Meals Service", "2", "MJ5C1146P", "沈红", "0512-53510231",
     ["elderly_care"], ("A-203", 2)),
    ("ruian", "incubating", date(2026, 9, 1), 12, "太仓市璜泾镇星光残障人士互助会",
     "Huangjing Starlight Disability Mutual Aid", "1", "MJ5D2203R", "钱磊", "0512-53770412",
     ["disability"], ("C-001", 4)),
    ("ruian", "incubating", date(2026, 10, 1), 12, "太仓市双凤镇邻里调解工作室",
     "Shuangfeng Neighbourhood Mediation Studio", "2", "MJ5E0918T", "朱晓燕", "0512-53600117",
     ["community"], None),
    ("ruian", "graduated", date(2025, 3, 1), 18, "太仓市沙溪镇银龄居家照护服务中心",
     "Shaxi Silver Age Home Care", "2", "MJ4F7731W", "吴建华", "0512-53210980",
     ["elderly_care", "health"], None),
    ("ruian", "exited", date(2025, 9, 1), 18, "太仓市浮桥镇乡土手作社",
     "Fuqiao Local Crafts Workshop", "2", "MJ4G5520N", "徐燕", "0512-53650873",
     ["community"], None),
    ("city-base", "incubating", date(2026, 2, 1), 24, "太仓市科教新城青苗课后托管中心",
     "Kejiao Xincheng Seedlings After-School Centre", "2", "MJ5H3307U", "孙悦", "0512-53830066",
     ["children"], ("101", 4)),
    ("city-base", "incubating", date(2026, 4, 1), 18, "太仓市浏河镇渔港志愿服务队",
     "Liuhe Fishing Port Volunteers", "1", "MJ5J8812Y", "陆海峰", "0512-53440219",
     ["volunteering"], ("102", 6)),
    ("city-base", "incubating", date(2026, 11, 1), 12, "太仓市心语老年心理关爱中心",
     "Xinyu Mental Health Care for Older People", "2", "MJ5K4409D", "何静怡", "0512-53890345",
     ["elderly_care", "health"], None),
    ("city-base", "graduated", date(2024, 10, 1), 18, "太仓市颐和日间照料服务中心",
     "Yihe Day Care Centre", "2", "MJ4L6650A", "郑国平", "0512-53120558",
     ["elderly_care"], None),
    ("city-base", "applicant", None, 0, "太仓市双凤镇龙狮文化传承协会",
     "Shuangfeng Dragon and Lion Dance Heritage Association", "1", "MJ5M1193B", "黄志强",
     "0512-53680921", ["community"], None),
]  # fmt: skip

EXIT_DAY = date(2026, 7, 31)

# Who waits for seats, in the order they asked: name, seats, from, kind wanted, note.
DEMO_WAITLIST = [
    ("太仓市双凤镇邻里调解工作室", 2, date(2026, 12, 1), "private_office", "需要独立调解室"),
    ("太仓市心语老年心理关爱中心", 3, date(2027, 1, 1), "", "热线值班需要安静的工位"),
    ("太仓市璜泾镇星光残障人士互助会", 2, date(2027, 1, 1), "dedicated_desks", ""),
]

CITY_BASE_SPACES = [
    ("101", "private_office", 4, "1", "24.0"),
    ("102", "dedicated_desks", 10, "1", "60.0"),
    ("201", "shared_area", 16, "2", "96.0"),
]


@cache
def demo_pdf() -> bytes:
    """A real one-page PDF to stand in for scanned evidence."""
    from incubator.kernel.rendering import html_to_pdf

    return html_to_pdf(
        "<html><body style='font-family: \"Noto Sans CJK SC\"'>"
        "<h1>理事会会议纪要</h1><p>演示材料：会议时间、出席人员、议题与决议。</p>"
        "</body></html>"
    )


def _organisation(row) -> Organisation | None:
    (slug, stage, start, _months, name, name_en, digit, code, contact, phone, areas, _seat) = row
    credit_code = demo_credit_code(digit, code)
    existing = Organisation.objects.filter(credit_code=credit_code).first()
    if existing:
        return None
    organisation = Organisation(
        hub=Hub.objects.get(slug=slug),
        stage=Organisation.Stage.INCUBATING if stage != "applicant" else stage,
        name=name,
        name_en=name_en,
        credit_code=credit_code,
        legal_form="social_group" if digit == "1" else "social_service",
        registration_status="registered",
        founded_on=date((start or date(2026, 9, 1)).year - 1, 5 + len(name) % 6, 8 + len(code)),
        contact_name=contact,
        contact_phone=phone,
        contact_email=f"contact-{code.lower()}@demo.taicang.example",
    )
    organisation.full_clean()
    organisation.save()
    organisation.service_areas.set(ServiceArea.objects.filter(code__in=areas))
    user = get_user_model()(
        username=f"org-{code.lower()}",
        email=organisation.contact_email,
        first_name=contact[1:],
        last_name=contact[:1],
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    membership_create(organisation=organisation, user=user, role="admin", by=None)
    return organisation


def _admin_of(organisation: Organisation):
    membership = organisation.memberships.filter(role="admin", ended_at__isnull=True).first()
    return membership.user if membership else None


def _submit(milestone: Milestone, note: str) -> None:
    from incubator.incubation.services.milestones import milestone_submit_evidence

    milestone_submit_evidence(
        milestone=milestone,
        note=note,
        files=[ContentFile(demo_pdf(), name=f"{milestone.title}.pdf")],
        by=_admin_of(milestone.organisation),
    )


def _advance_plan(incubation: Incubation, today: date, manager, *, complete: bool) -> None:
    """Milestones due by ``today`` get evidence and mostly a decision; with ``complete`` every
    milestone is verified. One submitted, one returned and one overdue stay open otherwise."""
    from incubator.incubation.services.milestones import milestone_return, milestone_verify

    plan = list(incubation.milestones.order_by("due_on", "pk"))
    due = [m for m in plan if m.due_on <= today]
    for index, milestone in enumerate(plan if complete else due):
        if not complete and index == len(due) - 1:
            continue  # overdue: the organisation has not submitted anything yet
        _submit(milestone, "已上传相关材料，请审核。")
        if not complete and index == len(due) - 2:
            continue  # submitted, waiting for the hub manager
        if not complete and index == 1:
            milestone_return(
                milestone=milestone, reason="材料缺少理事签名页，请补充后重新提交。", by=manager
            )
            continue
        milestone_verify(milestone=milestone, by=manager)


@demo_step(order=75)
@transaction.atomic
def seed_more_organisations(log: SeedLog) -> None:
    """Ten more organisations, so twelve cover every stage across the two hubs, with plans in
    every state, one graduation and one exit by service, and more seats taken."""
    from incubator.incubation.services.incubations import incubation_exit, incubation_graduate
    from incubator.incubation.services.milestones import milestone_plan_create
    from incubator.incubation.services.spaces import space_allocate
    from incubator.kernel.services.dates import add_months

    users = {user.username: user for user in get_user_model().objects.all()}
    managers = {"ruian": users["hubmanager"], "city-base": users["basemanager"]}
    today = date(2026, 11, 26)
    city = Hub.objects.get(slug="city-base")
    for code, kind, seats, floor, area in CITY_BASE_SPACES:
        _, created = Space.objects.get_or_create(
            hub=city,
            code=code,
            defaults={"kind": kind, "seats": seats, "floor": floor, "area_m2": area},
        )
        if created:
            log.add(f"space {code} of city-base")
    # The two first demo organisations were given incubations without plans.
    for incubation in Incubation.objects.filter(milestones__isnull=True, ended_on__isnull=True):
        milestone_plan_create(incubation=incubation)
        _advance_plan(incubation, today, managers["ruian"], complete=False)
        log.add(f"milestone plan of {incubation.organisation.name}")
    for row in DEMO_MORE_ORGANISATIONS:
        organisation = _organisation(row)
        if organisation is None:
            continue
        log.add(f"organisation {organisation.name}")
        slug, stage, start, months, *_rest, seat = row
        if stage == "applicant":
            continue
        incubation = Incubation.objects.create(
            organisation=organisation,
            hub=organisation.hub,
            started_on=start,
            planned_end_on=add_months(start, months) - timedelta(days=1),
        )
        milestone_plan_create(incubation=incubation)
        reviewer = managers[slug]
        _advance_plan(
            incubation,
            EXIT_DAY if stage == "exited" else today,
            reviewer,
            complete=stage == "graduated",
        )
        if seat:
            space_code, seats = seat
            space_allocate(
                space=Space.objects.get(hub=organisation.hub, code=space_code),
                organisation=organisation,
                seats=seats,
                starts_on=max(start, date(2026, 6, 1)),
                ends_on=min(incubation.planned_end_on, date(2027, 5, 31)),
                by=reviewer,
            )
        if stage == "graduated":
            incubation_graduate(
                organisation=organisation, on=incubation.planned_end_on, by=reviewer
            )
        elif stage == "exited":
            incubation_exit(
                organisation=organisation,
                on=EXIT_DAY,
                reason="负责人移居外地，理事会决定暂停运营并退出孵化。",
                by=reviewer,
            )
    _seed_waitlist(log, managers)


def _seed_waitlist(log: SeedLog, managers) -> None:
    from incubator.incubation.services.waitlist import waitlist_add
    from incubator.models import WaitlistEntry

    for name, seats, wanted_from, kind, note in DEMO_WAITLIST:
        organisation = Organisation.objects.get(name=name)
        if WaitlistEntry.objects.filter(organisation=organisation).exists():
            continue
        waitlist_add(
            organisation=organisation,
            seats_wanted=seats,
            wanted_from=wanted_from,
            kind=kind,
            note=note,
            by=managers[organisation.hub.slug],
        )
        log.add(f"waitlist: {name}")
