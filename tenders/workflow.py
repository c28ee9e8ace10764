"""The tender approval workflow: a bureau officer drafts a tender and submits it; another
bureau officer approves it, which publishes it. Kept in step after every migrate and whenever
a tender index page is created."""

# Workflow and task names are data that Wagtail prints as they are, in every language of the
# back office: so they carry both languages, Chinese first. Older databases hold the English
# names alone, and are renamed.
WORKFLOW_NAME = "招标审批 Tender approval"
TASK_NAME = "民政局审批 Bureau approval"


def sync_tender_workflow():
    """Create the workflow and its task if missing and assign it to every tender index
    (idempotent). Returns the workflow."""
    from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

    from incubator.kernel.roles import Role, role_group
    from tenders.models import TenderApprovalTask, TenderIndexPage

    if Page.get_first_root_node() is None:
        return None
    Workflow.objects.filter(name="Tender approval").update(name=WORKFLOW_NAME)
    TenderApprovalTask.objects.filter(name="Bureau approval").update(name=TASK_NAME)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = TenderApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = TenderApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(role_group(Role.BUREAU_OFFICER))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in TenderIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow
