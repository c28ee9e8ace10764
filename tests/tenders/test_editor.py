"""The tender editor in the Wagtail admin refuses criteria that break the rules, with a clear
message, and keeps a well-formed tender."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from tenders.models import TenderPage
from tests.factories import bureau_officer


def _data(criteria):
    data = nested_form_data(
        {
            "title": "居家养老服务项目",
            "slug": "home-care-2026",
            "reference": "TCMZ-2026-900",
            "commissioning_body": "太仓市民政局",
            "category": "home_care",
            "summary": "服务摘要",
            "body": streamfield([]),
            "budget_ceiling": "300000.00",
            "contract_months": "12",
            "opens_at": "2026-12-01 09:00",
            "deadline": "2026-12-20 17:00",
            "clarification_cutoff_hours": "72",
            "credit_code_required": "on",
            "min_months_incubated": "0",
            "no_poor_grade_years": "0",
            "criteria": inline_formset(
                [
                    {"name": name, "weight": str(weight), "is_price": "on" if price else ""}
                    for name, weight, price in criteria
                ],
                min=1,
            ),
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["eligible_stages"] = ["incubating"]
    return data


def _add(client, index, criteria):
    officer = bureau_officer()
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"  # messages are asserted in English
    profile.save()
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=["tenders", "tenderpage", index.pk])
    return client.post(url, _data(criteria))


def test_the_editor_refuses_weights_that_do_not_sum_to_100(client, index):
    response = _add(client, index, [("方案", 60, False), ("价格", 30, True)])
    assert response.status_code == 200
    assert "add up to 90" in response.content.decode()
    assert not TenderPage.objects.exists()


def test_the_editor_refuses_a_price_weight_under_10(client, index):
    response = _add(client, index, [("方案", 95, False), ("价格", 5, True)])
    assert "price criterion" in response.content.decode()
    assert not TenderPage.objects.exists()


def test_the_editor_saves_a_well_formed_draft(client, index):
    response = _add(client, index, [("方案", 70, False), ("价格", 30, True)])
    assert response.status_code == 302, response.content.decode()[:3000]
    tender = TenderPage.objects.get()
    assert not tender.live
    assert tender.eligible_stages == ["incubating"]
    assert [c.weight for c in tender.criteria.all()] == [70, 30]
