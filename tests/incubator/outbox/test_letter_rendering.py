"""Letter rendering that cannot loop: a storage that fails (a full disk) counts toward the
attempts like a conversion error; then the letter is failed, staff render it again, and no
empty or partial file is left behind."""

import logging
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils import timezone

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from incubator.kernel.services.letter_rendering import MAX_RENDER_ATTEMPTS, NOT_FAILED
from incubator.models import Letter
from tests.factories import OrganisationFactory, bureau_officer, issue_letter

from .test_mail_delivery import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db


def private_files(settings) -> set[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def full_disk(monkeypatch):
    """Saving a file creates it, then writing fails, as on a full disk."""
    attempts = []

    def save(self, name, content):
        attempts.append(name)
        Path(self.path(name)).parent.mkdir(parents=True, exist_ok=True)
        with open(self.path(name), "wb"):
            pass  # created empty, as os.open(O_CREAT) leaves it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", save)
    return attempts


def test_a_full_disk_fails_the_letter_after_its_attempts_and_leaves_no_file(
    settings, full_disk, caplog
):
    settings.TASKS = DATABASE_TASKS
    before = private_files(settings)
    letter = issue_letter(OrganisationFactory())
    with caplog.at_level(logging.WARNING, logger="incubator.kernel.services.letter_rendering"):
        for _run in range(MAX_RENDER_ATTEMPTS + 3):
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
                run_after=timezone.now()
            )
            run_worker()
    letter.refresh_from_db()
    assert len(full_disk) == MAX_RENDER_ATTEMPTS
    assert letter.render_status == Letter.RenderStatus.FAILED
    assert letter.render_attempts == MAX_RENDER_ATTEMPTS
    assert "No space left" in letter.render_error
    assert private_files(settings) == before
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert [r.levelno for r in caplog.records].count(logging.ERROR) == 1


def test_under_the_immediate_backend_a_full_disk_is_bounded_too(settings, full_disk):
    before = private_files(settings)
    letter = issue_letter(OrganisationFactory())
    letter.refresh_from_db()
    assert len(full_disk) == MAX_RENDER_ATTEMPTS
    assert letter.render_status == Letter.RenderStatus.FAILED
    assert private_files(settings) == before


def test_staff_render_a_failed_letter_again_once_the_disk_has_room(
    client, settings, full_disk, monkeypatch
):
    letter = issue_letter(OrganisationFactory())
    monkeypatch.undo()
    client.force_login(bureau_officer())
    inspect = client.get(f"/admin/letters/inspect/{letter.pk}/")
    assert f"/admin/letters/render-again/{letter.pk}/" in inspect.content.decode()
    response = client.post(f"/admin/letters/render-again/{letter.pk}/")
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.READY
    assert letter.file and private_files(settings) >= {letter.file.name}


def test_render_again_is_refused_for_a_letter_that_has_not_failed(client):
    letter = issue_letter(OrganisationFactory())
    client.force_login(bureau_officer())
    response = client.post(f"/admin/letters/render-again/{letter.pk}/")
    assert response.status_code == 200
    assert str(NOT_FAILED) in response.content.decode()
    letter.refresh_from_db()
    assert (letter.render_status, letter.render_attempts) == (Letter.RenderStatus.READY, 1)
