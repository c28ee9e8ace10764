"""Milestones whose evidence was submitted again after a return still held that return's
decision as if it were current; clear it (the audit trail keeps each return and its reason)."""

from django.db import migrations


def clear_answered_returns(apps, schema_editor):
    Milestone = apps.get_model("incubator", "Milestone")
    Milestone.objects.filter(status="submitted").exclude(return_reason="").update(
        return_reason="", decided_at=None, decided_by=None
    )


class Migration(migrations.Migration):
    dependencies = [("incubator", "0011_letter_kind_graduation")]

    operations = [migrations.RunPython(clear_answered_returns, migrations.RunPython.noop)]
