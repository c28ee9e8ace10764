"""Background tasks of the incubator (django-tasks: immediate in development and tests, the
database backend with ``manage.py db_worker`` in production)."""

from django_tasks import task

from incubator.errors import ServiceError


@task()
def render_letter(letter_id: int) -> None:
    """Render a letter's PDF; on failure, try again until the attempts run out. Staff see the
    failure on the letter, and ``manage.py render_letters`` retries failed ones."""
    from incubator.models import Letter
    from incubator.services.letters import MAX_RENDER_ATTEMPTS, letter_render

    try:
        letter_render(letter_id=letter_id)
    except ServiceError:
        return  # rendered already
    except Exception:
        attempts = Letter.objects.values_list("render_attempts", flat=True).get(pk=letter_id)
        if attempts < MAX_RENDER_ATTEMPTS:
            render_letter.enqueue(letter_id)
        else:
            raise
