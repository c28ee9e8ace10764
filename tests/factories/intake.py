from incubator.incubation.services.intake import intake_submit
from incubator.models import IntakeApplication


def intake_application(hub, *, email="head@example.org", confirmed=True, **fields):
    """An application to ``hub`` made through the service, its email confirmed by default."""
    from django.utils import timezone

    data = {
        "hub": hub,
        "name": "太仓市沙溪镇乐龄日间照料中心",
        "name_en": "Shaxi Day Care for Older People",
        "credit_code": "",
        "legal_form": "social_service",
        "registration_status": "preparing",
        "mission": "为沙溪镇老年人提供日间照料和助餐服务。",
        "incubation_plan": "一年内完成登记，建立财务制度，承接一个政府购买服务项目。",
        "contact_name": "顾敏",
        "contact_phone": "13800000000",
        "contact_email": email,
        **fields,
    }
    application = intake_submit(
        fields=data,
        service_areas=[],
        password="Quiet-river-lantern-7",
        base_url="http://testserver",
    )
    if confirmed:
        IntakeApplication.objects.filter(pk=application.pk).update(
            email_confirmed_at=timezone.now()
        )
        application.applicant.is_active = True
        application.applicant.save()
        application.refresh_from_db()
    return application


def send_application(client, url: str, data: dict, **kwargs):
    """Fill in the public form at ``url`` and, on the page checking the answers, submit the
    application: the answer to the final submit (or to the form, when it was refused)."""
    response = client.post(url, data)
    if response.status_code != 302 or "/check/" not in response["Location"]:
        return response
    return client.post(response["Location"], {}, **kwargs)
