"""What every subsidy service shares: the check of who may act (against the selectors of
subsidies), the locked re-read with its allowed-moves check, the organisation's admins to
tell, the rules checked on each staff line, and the computation of the eligible amounts from
the scheme's rules."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import DecimalField
from django.db.models.functions import Round
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.kernel.errors import ServiceError
from incubator.kernel.services.dates import add_months
from incubator.models import Incubation
from subsidies.eligibility import line_eligible, total_eligible
from subsidies.models import Qualification, Scheme, StaffLine, SubsidyApplication

MOVE_REFUSED = _(
    "The application of %(organisation)s is %(status)s; it cannot be changed that way now."
)
NOT_ALLOWED = _("You may not do this with this application.")
LINES_INVALID = _("Some staff lines need correcting: see the messages beside them.")
NO_LINES = _("List at least one staff member.")
TOO_MANY_LINES = _("%(scheme)s subsidises at most %(count)s staff per organisation.")
SALARY_POSITIVE = _("The monthly salary must be more than zero.")
MONTHS_RANGE = _("Between 1 and %(max)s months.")
MONTHS_OUTSIDE_PERIOD = _(
    "Only %(available)s months of the covered period (%(start)s to %(end)s) lie after the start "
    "of employment."
)
MONTHS_OUTSIDE_INCUBATION = _(
    "Only months inside the organisation's incubation count: %(available)s months from "
    "%(start)s to %(end)s."
)
NO_MONTHS_IN_INCUBATION = _(
    "No whole month of the covered period lies inside the organisation's incubation "
    "(%(start)s to %(end)s)."
)
STARTED_AFTER_PERIOD = _("Employment must start before the covered period ends on %(end)s.")
REQUIRED = _("This field is required.")
BAD_QUALIFICATION = _("Choose one of the qualifications listed.")

EMAIL_DIR = "subsidies/email/"


class LineError(ServiceError):
    """Staff lines the rules refuse: ``errors[index]`` maps a field name to its message, so a
    form can show each beside the field it is about."""

    def __init__(self, errors: dict[int, dict[str, str]]):
        super().__init__(LINES_INVALID, code="invalid_lines")
        self.errors = errors


def check_allowed(selector, obj, by) -> None:
    """Refuse ``by`` unless ``selector(by)`` holds ``obj``: the one check of who may act, made
    by every service before anything else."""
    if by is None or not selector(by).filter(pk=obj.pk).exists():
        raise ServiceError(NOT_ALLOWED, code="not_allowed")


def refused_move(application: SubsidyApplication) -> str:
    """The refusal of a move the application's status does not allow, naming its organisation."""
    return str(
        MOVE_REFUSED
        % {
            "organisation": application.organisation.name,
            "status": application.get_status_display(),
        }
    )


# How every service re-reads an application for a move (``locked_for_move``): with its scheme,
# organisation and hub in the same query, the row lock on the application's row only (held until
# commit), and the refusal naming the organisation.
FOR_MOVE = {
    "refused": refused_move,
    "related": ("scheme", "organisation", "organisation__hub"),
    "lock_of": ("self",),
}


def refuse(application: SubsidyApplication):
    """Raise the refusal of a move the application's status does not allow."""
    raise ServiceError(refused_move(application), code="move_refused")


def tell_admins(application: SubsidyApplication, template: str, **context) -> None:
    """After commit, tell the organisation's admins, in the app and by email."""
    notify_organisation_admins(
        application.organisation,
        template=EMAIL_DIR + template,
        context={"application": application, **context},
        link=("subsidies:detail", [application.pk]),
    )


def months_available(
    scheme: Scheme, employment_started_on: date, incubation: Incubation | None = None
) -> int:
    """Whole months of the covered period from the later of its start, the start of
    employment and the start of the incubation, to the earlier of its end and the end of
    the incubation."""
    window_start, window_end = covered_window(scheme, incubation)
    start = max(window_start, employment_started_on)
    months = 0
    while add_months(start, months + 1) <= window_end:
        months += 1
    return months


def covered_window(scheme: Scheme, incubation: Incubation | None) -> tuple[date, date]:
    """The first day and the day after the last of the months a subsidy may cover: the
    scheme's period, cut to the organisation's incubation when there is one."""
    start = scheme.period_starts_on
    end = add_months(scheme.period_starts_on, scheme.period_months)
    if incubation is not None:
        start = max(start, incubation.started_on)
        end = min(end, (incubation.ended_on or incubation.planned_end_on) + timedelta(days=1))
    return start, end


def incubation_of(organisation) -> Incubation | None:
    """The organisation's latest incubation, which bounds the months of its subsidies."""
    return organisation.incubations.order_by("-started_on", "-pk").first()


def _incubation_problem(scheme, incubation, started, months) -> str | None:
    """The refusal of months that reach outside the incubation, naming the months allowed."""
    if incubation is None:
        return None
    inside = months_available(scheme, started, incubation)
    if months <= inside:
        return None
    start, end = covered_window(scheme, incubation)
    start = max(start, started)
    period = {"start": date_format(start), "end": date_format(end - timedelta(days=1))}
    if inside == 0:
        return str(NO_MONTHS_IN_INCUBATION % period)
    return str(
        MONTHS_OUTSIDE_INCUBATION
        % {
            **period,
            "end": date_format(add_months(start, inside) - timedelta(days=1)),
            "available": inside,
        }
    )


def line_problems(
    scheme: Scheme, line: dict, incubation: Incubation | None = None
) -> dict[str, str]:
    """The rules one staff line breaks, by field; empty when it is fine. With
    ``incubation``, the months must also lie inside it."""
    problems: dict[str, str] = {}
    for name in ("name", "title", "employment_started_on", "monthly_salary", "months"):
        value = line.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems[name] = str(REQUIRED)
    if line.get("qualification", Qualification.NONE) not in Qualification.values:
        problems["qualification"] = str(BAD_QUALIFICATION)
    salary = line.get("monthly_salary")
    if salary is not None and (not isinstance(salary, Decimal) or salary <= 0):
        problems["monthly_salary"] = str(SALARY_POSITIVE)
    months = line.get("months")
    started = line.get("employment_started_on")
    if isinstance(months, int) and not 1 <= months <= scheme.max_months:
        problems["months"] = str(MONTHS_RANGE % {"max": scheme.max_months})
    elif isinstance(months, int) and isinstance(started, date):
        available = months_available(scheme, started)
        period = {
            "start": date_format(scheme.period_starts_on),
            "end": date_format(scheme.period_ends_on),
        }
        if available == 0:
            problems["employment_started_on"] = str(STARTED_AFTER_PERIOD % period)
        elif months > available:
            problems["months"] = str(MONTHS_OUTSIDE_PERIOD % {**period, "available": available})
        else:
            problem = _incubation_problem(scheme, incubation, started, months)
            if problem:
                problems["months"] = problem
    return problems


def check_lines(scheme: Scheme, lines: list[dict], incubation: Incubation | None = None) -> None:
    """Raise ``LineError`` (or a ServiceError for the whole list) when the lines break the
    scheme's rules or cover months outside ``incubation``."""
    if not lines:
        raise ServiceError(NO_LINES, code="no_lines")
    if len(lines) > scheme.max_lines:
        raise ServiceError(
            TOO_MANY_LINES % {"scheme": scheme.name, "count": scheme.max_lines},
            code="too_many_lines",
        )
    errors = {}
    for index, line in enumerate(lines):
        problems = line_problems(scheme, line, incubation)
        if problems:
            errors[index] = problems
    if errors:
        raise LineError(errors=errors)


def eligible_amount(scheme: Scheme, line) -> Decimal:
    """A line's eligible amount under the scheme's current rules (``line``: dict or StaffLine)."""
    get = line.get if isinstance(line, dict) else lambda name, default=None: getattr(line, name)
    return line_eligible(
        monthly_salary=get("monthly_salary"),
        months=get("months"),
        share=scheme.share,
        cap=scheme.cap_for(get("qualification", Qualification.NONE)),
    )


def recompute(application: SubsidyApplication) -> Decimal:
    """Recompute every line and the total from the scheme's current rules; store what changed
    and return the total. Lines already failing the rules raise ``LineError``."""
    scheme = application.scheme
    lines = list(application.lines.all())
    check_lines(scheme, [_as_dict(line) for line in lines], incubation_of(application.organisation))
    changed = []
    for line in lines:
        amount = eligible_amount(scheme, line)
        if amount != line.eligible_amount:
            line.eligible_amount = amount
            changed.append(line)
    StaffLine.objects.bulk_update(changed, ["eligible_amount"])
    total = total_eligible(line.eligible_amount for line in lines)
    if total != application.eligible_total:
        application.eligible_total = total
        application.save(update_fields=["eligible_total", "updated_at"])
    return total


def _as_dict(line: StaffLine) -> dict:
    return {
        "name": line.name,
        "title": line.title,
        "qualification": line.qualification,
        "employment_started_on": line.employment_started_on,
        "monthly_salary": line.monthly_salary,
        "months": line.months,
    }


def fen(expression) -> Round:
    """Money arithmetic in SQL, rounded back to the fen. PostgreSQL computes numerics exactly;
    SQLite computes in binary floating point, where 300.10 + 700.20 is not 1000.30. Rounding
    both sides of every comparison and every stored sum to two places makes both exact."""
    return Round(expression, 2, output_field=DecimalField(max_digits=12, decimal_places=2))


def money(amount: Decimal) -> str:
    """An amount as shown in messages: 12,300.00."""
    return f"{amount:,.2f}"
