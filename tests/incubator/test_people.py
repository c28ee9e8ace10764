from types import SimpleNamespace

from django.contrib.auth.models import User

from wagtail.admin.utils import get_user_display_name

import pytest

from incubator.templatetags.people import person_name


def _user(first, last, username="u"):
    return SimpleNamespace(first_name=first, last_name=last, get_username=lambda: username)


def test_chinese_names_read_family_name_first():
    assert person_name(_user("静", "李")) == "李静"


def test_other_names_read_given_name_first():
    assert person_name(_user("Jing", "Li")) == "Jing Li"


def test_no_name_falls_back_to_the_user_name():
    assert person_name(_user("", "", "lijing")) == "lijing"


@pytest.mark.django_db
def test_django_and_wagtail_name_a_chinese_user_family_name_first():
    user = User.objects.create_user("chenlihua", first_name="丽华", last_name="陈")
    assert user.get_full_name() == "陈丽华"
    assert get_user_display_name(user) == "陈丽华"


@pytest.mark.django_db
def test_wagtail_user_list_shows_chinese_names_family_name_first(client):
    User.objects.create_user("chenlihua", first_name="丽华", last_name="陈")
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    html = client.get("/admin/users/").content.decode()
    assert "陈丽华" in html
    assert "丽华 陈" not in html
