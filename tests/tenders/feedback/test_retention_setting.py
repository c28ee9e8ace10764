"""The retention period is a setting (``FEEDBACK_RETENTION_DAYS``): the anonymising job erases
by it, and the feedback page, its thanks page and the poster state it to residents."""

import subprocess
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from tenders.feedback_poster import poster_pdf
from tenders.models import FeedbackResponse
from tenders.services.feedback import feedback_submit
from tests.factories import letterhead_settings

pytestmark = pytest.mark.django_db


def test_the_default_is_a_year(settings):
    assert settings.FEEDBACK_RETENTION_DAYS == 365


def test_the_anonymise_job_erases_after_the_configured_period(settings, site):
    settings.FEEDBACK_RETENTION_DAYS = 30
    now = timezone.now()
    old = feedback_submit(
        site=site, rating=2, comment="太吵了。", device_token="a", now=now - timedelta(days=31)
    )
    kept = feedback_submit(
        site=site, rating=4, comment="挺好。", device_token="b", now=now - timedelta(days=29)
    )
    out = StringIO()
    call_command("anonymise_feedback", stdout=out)
    assert "1 feedback responses older than 30 days anonymised." in out.getvalue()
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.comment, old.device) == ("", "") and old.anonymised_at is not None
    assert kept.comment == "挺好。" and kept.device and kept.anonymised_at is None
    assert FeedbackResponse.objects.count() == 2  # the ratings stay


def test_the_pages_state_the_configured_period(settings, client, site):
    settings.FEEDBACK_RETENTION_DAYS = 45
    page = client.get(f"/zh-hans/feedback/{site.code}/").content.decode()
    assert "45天后，留言和手机标记将被删除" in page and "365" not in page
    thanks = client.get(f"/zh-hans/feedback/{site.code}/thanks/").content.decode()
    assert "45天后删除" in thanks and "365" not in thanks
    english = client.get(f"/en/feedback/{site.code}/").content.decode()
    assert "After 45 days, the comment and the phone's mark are erased" in english


def test_the_poster_states_the_configured_period(settings, site, tmp_path):
    settings.FEEDBACK_RETENTION_DAYS = 45
    letterhead_settings()
    path = tmp_path / "poster.pdf"
    path.write_bytes(poster_pdf(site))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "45天后删除" in text.replace("\n", "")
