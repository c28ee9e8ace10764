"""Organisation documents: private files an organisation keeps with its hub."""

from django.db import transaction

from incubator.incubation.selectors import organisations_user_may_manage
from incubator.kernel.audit import audit_log
from incubator.kernel.permissions import require_allowed
from incubator.models import Organisation, OrganisationDocument


@transaction.atomic
def organisation_document_upload(
    *, organisation: Organisation, title: str, kind: str, file, by
) -> OrganisationDocument:
    """Store a private document for ``organisation``. The file is checked by the private upload
    field (size, type, content); the original name is kept only as information. Only those who
    manage the organisation (its admins, its hub's managers, bureau officers)."""
    require_allowed(organisations_user_may_manage, by, organisation)
    document = OrganisationDocument(
        organisation=organisation,
        title=title,
        kind=kind,
        file=file,
        original_name=getattr(file, "name", "")[:255],
        uploaded_by=by,
    )
    document.full_clean()
    document.save()
    audit_log(
        instance=organisation,
        action="incubator.document.upload",
        user=by,
        data={"title": title, "kind": document.kind},
    )
    return document


@transaction.atomic
def organisation_document_delete(*, document: OrganisationDocument, by) -> None:
    """Remove a document and its file; only those who manage its organisation. The file goes
    once the removal is committed: a removal rolled back keeps the document whole."""
    require_allowed(organisations_user_may_manage, by, document.organisation)
    organisation, title = document.organisation, document.title
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    audit_log(
        instance=organisation,
        action="incubator.document.delete",
        user=by,
        data={"title": title},
    )
