"""Private files in an S3-compatible bucket (django-storages, the ``production`` extra), chosen
by ``PRIVATE_STORAGE_BUCKET`` in the production settings. Imported only when configured."""

from storages.backends.s3 import S3Storage

from incubator.kernel.orphans import RollbackCleanupMixin


class PrivateS3Storage(RollbackCleanupMixin, S3Storage):
    """Private files have no URL, here as on disk: they leave only through the
    permission-checked views (incubator.kernel.files.private_file_response), which read them through
    the storage. A file saved by a transaction that rolls back is removed."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; serve them through a download view.")
