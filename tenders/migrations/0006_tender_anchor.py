"""The tender as a row of its own: one ``Tender`` per translation group of tender pages, with
the id of the group's first page (so the ids that bids, questions, awards, contracts,
declarations and evaluator rights hold today are already tenders' ids), the group's
language-independent facts, and each page pointing at it. Evaluator rights move from the
page's permission to the tender's. Reversible; the foreign keys move in 0007."""

import django.db.models.deletion
from django.db import migrations, models

FOLLOWED_FIELDS = (
    "reference",
    "opens_at",
    "deadline",
    "clarification_cutoff_hours",
    "cancelled_at",
    "budget_ceiling",
    "eligible_stages",
    "credit_code_required",
    "min_months_incubated",
)
ROWS = (
    ("tenders", "TenderBid", "tender_id"),
    ("tenders", "TenderClarification", "tender_id"),
    ("tenders", "TenderAward", "tender_id"),
    ("tenders", "Contract", "tender_id"),
    ("tenders", "EvaluatorDeclaration", "tender_id"),
    ("tenders", "TenderUserObjectPermission", "content_object_id"),
    ("tenders", "TenderGroupObjectPermission", "content_object_id"),
)


def _permission(apps, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="tenders", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="evaluate_tender",
        defaults={"name": "Can evaluate the tender"},
    )
    return permission


def create_tenders(apps, schema_editor):
    """One tender per translation group, from its first page (the one everything hung off);
    every page and every row of the process pointed at it."""
    TenderPage = apps.get_model("tenders", "TenderPage")
    Tender = apps.get_model("tenders", "Tender")
    groups: dict = {}
    for page in TenderPage.objects.order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    tender_of_page = {}
    for key, pages in groups.items():
        first = pages[0]
        published = [page.first_published_at for page in pages if page.first_published_at]
        tender = Tender.objects.create(
            id=first.pk,
            translation_key=key,
            first_published_at=min(published) if published else None,
            **{name: getattr(first, name) for name in FOLLOWED_FIELDS},
        )
        TenderPage.objects.filter(pk__in=[page.pk for page in pages]).update(tender=tender)
        tender_of_page.update({page.pk: tender.pk for page in pages})
    # Rows held by a page other than its group's first (none is expected) follow the tender.
    for app_label, model_name, column in ROWS:
        model = apps.get_model(app_label, model_name)
        for page_pk, tender_pk in tender_of_page.items():
            if page_pk != tender_pk:
                model.objects.filter(**{column: page_pk}).update(**{column: tender_pk})
    _move_evaluator_rights(apps, old="tenderpage", new="tender")


def _move_evaluator_rights(apps, *, old: str, new: str) -> None:
    """The evaluator rights held through ``old``'s permission are held through ``new``'s."""
    Permission = apps.get_model("auth", "Permission")
    stale = Permission.objects.filter(
        content_type__app_label="tenders", content_type__model=old, codename="evaluate_tender"
    )
    for name in ("TenderUserObjectPermission", "TenderGroupObjectPermission"):
        rows = apps.get_model("tenders", name).objects.filter(permission__in=stale)
        if rows.exists():
            rows.update(permission=_permission(apps, new))
    stale.delete()


def drop_tenders(apps, schema_editor):
    _move_evaluator_rights(apps, old="tender", new="tenderpage")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tenders", "0005_tender_document_survives_deleted_document"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tender",
            fields=[
                ("id", models.IntegerField(primary_key=True, serialize=False)),
                (
                    "translation_key",
                    models.UUIDField(editable=False, unique=True, verbose_name="translation key"),
                ),
                (
                    "reference",
                    models.CharField(db_index=True, max_length=40, verbose_name="reference"),
                ),
                ("opens_at", models.DateTimeField(verbose_name="opens at")),
                ("deadline", models.DateTimeField(verbose_name="deadline")),
                (
                    "clarification_cutoff_hours",
                    models.PositiveSmallIntegerField(
                        default=72, verbose_name="questions close (hours before the deadline)"
                    ),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="cancelled at"),
                ),
                (
                    "budget_ceiling",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="budget ceiling (RMB)"
                    ),
                ),
                (
                    "eligible_stages",
                    models.JSONField(blank=True, default=list, verbose_name="stages that may bid"),
                ),
                (
                    "credit_code_required",
                    models.BooleanField(
                        default=True, verbose_name="registered credit code required"
                    ),
                ),
                (
                    "min_months_incubated",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="minimum months incubated"
                    ),
                ),
                (
                    "first_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="first published at"),
                ),
            ],
            options={
                "verbose_name": "tender",
                "verbose_name_plural": "tenders",
                "permissions": [("evaluate_tender", "Can evaluate the tender")],
            },
        ),
        migrations.AddField(
            model_name="tenderpage",
            name="tender",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="pages",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.RunPython(create_tenders, drop_tenders),
    ]
