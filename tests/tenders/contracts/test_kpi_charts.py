"""KPI charts drawn on the server: each KPI's actual per accepted period against its target,
as inline SVG with a title and the figures as a table, no script and no inline style (the
portal's Content Security Policy), on the provider's contract page and the bureau's; an
empty state before any report is accepted; the same queries however many periods."""

import re
from decimal import Decimal
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from tenders.charts import Sparkline, kpi_chart
from tests.tenders.contracts.delivery_scene import FAIR, ON_TARGET, accept, delivering

pytestmark = pytest.mark.django_db


def _kpi(target="100", lower=False):
    return SimpleNamespace(pk=1, target=Decimal(target), lower_is_better=lower)


def _report(number):
    return SimpleNamespace(number=number, period_starts_on=None, period_ends_on=None)


def test_a_chart_places_each_period_left_to_right_against_the_target_line():
    chart = kpi_chart(_kpi("100"), [(_report(1), Decimal("50")), (_report(2), Decimal("100"))])
    first, second = chart.points
    assert (first.number, second.number) == (1, 2)
    assert first.x < second.x
    # The scale tops out above the target: 100 × 1.1 rounds up to 120.
    assert chart.top == 120
    assert chart.target_y == second.y  # the second period sits on the target line
    assert first.y > chart.target_y  # below it on the page: further down
    assert (first.met, first.percent, second.met, second.percent) == (False, 50, True, 100)
    assert chart.polyline == f"{first.x},{first.y} {second.x},{second.y}"


def test_a_kpi_where_lower_is_better_meets_its_target_at_or_below_it():
    chart = kpi_chart(
        _kpi("2", lower=True), [(_report(1), Decimal("1")), (_report(2), Decimal("4"))]
    )
    assert [(point.met, point.percent) for point in chart.points] == [(True, 100), (False, 50)]


def test_one_period_is_drawn_in_the_middle_and_a_zero_scale_stays_drawable():
    (point,) = kpi_chart(_kpi("0"), [(_report(1), Decimal("0"))]).points
    assert point.x == Decimal("176.0") and point.y == Decimal("132.0")


def test_a_sparkline_draws_the_scores_and_the_floor_of_good():
    spark = Sparkline(scores=[Decimal("100"), Decimal("50")])
    assert spark.polyline == "3.0,2.0 93.0,12.0"
    assert spark.floor_y == Decimal("6.0")


def _portal_url(contract, language="zh-hans") -> str:
    with translation.override(language):
        return reverse("tenders_portal:contract", args=[contract.pk])


def _chart_html(html: str) -> str:
    return html.split('id="kpi-charts"', 1)[1].split("</figure>\n    \n  \n</div>")[0]


@pytest.fixture
def two_periods(index, officer):
    contract, provider = delivering(index, officer)
    accept(contract, 1, ON_TARGET, provider=provider, officer=officer)
    accept(contract, 2, FAIR, provider=provider, officer=officer)
    return contract, provider


def test_the_provider_sees_each_kpi_charted_against_its_target(client, two_periods):
    contract, provider = two_periods
    client.force_login(provider)
    html = client.get(_portal_url(contract)).content.decode()
    charts = _chart_html(html)
    assert charts.count('role="img"') == 4  # one chart per KPI
    assert "服务时长：各已通过期次的实际值与目标值1200小时对照" in charts
    assert "服务时长（横轴为报告期次；越高越好）" in charts
    assert "安全事故（横轴为报告期次；越低越好）" in charts
    assert "目标值 1200" in charts and 'stroke-dasharray="5 3"' in charts
    polylines = re.findall(r'class="kpi-chart__actual" points="([^"]+)"', charts)
    assert len(polylines) == 4 and all(len(line.split()) == 2 for line in polylines)
    # The hours fell to half the target in period 2: marked short, and said in the table.
    assert "第2期报告：600小时" in charts and "kpi-chart__point--short" in charts
    assert "<td>50%</td>" in charts and 'class="visually-hidden w-sr-only"' in charts
    assert 'viewBox="0 0 320 160"' in charts and 'width="100%"' in charts
    assert "style=" not in charts and "<script" not in charts


def test_the_bureau_sees_the_same_charts_in_english(client, two_periods, officer):
    contract, _provider = two_periods
    client.force_login(officer)
    url = reverse("tender_contracts:inspect", args=[contract.pk])
    charts = _chart_html(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "服务时长: the actual of each accepted period against the target of 1200" in charts
    assert "Report 2: 600 小时" in charts and "<script" not in charts


def test_no_chart_before_a_report_is_accepted(client, index, officer):
    contract, provider = delivering(index, officer)
    client.force_login(provider)
    html = client.get(_portal_url(contract)).content.decode()
    assert "尚无已通过的报告：报告通过后将显示各项指标的图表。" in html
    assert "kpi-chart__svg" not in html


def test_the_contract_pages_keep_their_query_counts_as_periods_grow(
    client, index, officer, two_periods
):
    contract, provider = two_periods
    pages = (
        (provider, _portal_url(contract)),
        (officer, reverse("tender_contracts:inspect", args=[contract.pk])),
    )

    def counts():
        result = []
        for user, url in pages:
            client.force_login(user)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    few = counts()
    for number in (3, 4, 5):
        accept(contract, number, FAIR, provider=provider, officer=officer)
    html = client.get(pages[1][1]).content.decode()
    assert all(
        len(line.split()) == 5 for line in re.findall(r'kpi-chart__actual" points="([^"]+)"', html)
    )
    assert counts() == few
