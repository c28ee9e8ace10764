"""Bids, questions, awards, contracts, declarations and evaluator rights belong to the tender
(0006 gave every tender the id these rows already hold); the page no longer carries the
evaluator permission. A migration of its own: PostgreSQL alters no table with the row changes
of 0006 still pending in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tenders", "0006_tender_anchor"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="tenderpage",
            options={"verbose_name": "tender page", "verbose_name_plural": "tender pages"},
        ),
        migrations.AlterField(
            model_name="contract",
            name="tender",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contracts",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.AlterField(
            model_name="evaluatordeclaration",
            name="tender",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="declarations",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.AlterField(
            model_name="tenderaward",
            name="tender",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="awards",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.AlterField(
            model_name="tenderbid",
            name="tender",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bids",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.AlterField(
            model_name="tenderclarification",
            name="tender",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="clarifications",
                to="tenders.tender",
                verbose_name="tender",
            ),
        ),
        migrations.AlterField(
            model_name="tendergroupobjectpermission",
            name="content_object",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="tenders.tender"
            ),
        ),
        migrations.AlterField(
            model_name="tenderuserobjectpermission",
            name="content_object",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="tenders.tender"
            ),
        ),
    ]
