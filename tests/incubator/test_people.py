from types import SimpleNamespace

from incubator.templatetags.people import person_name


def _user(first, last, username="u"):
    return SimpleNamespace(first_name=first, last_name=last, get_username=lambda: username)


def test_chinese_names_read_family_name_first():
    assert person_name(_user("静", "李")) == "李静"


def test_other_names_read_given_name_first():
    assert person_name(_user("Jing", "Li")) == "Jing Li"


def test_no_name_falls_back_to_the_user_name():
    assert person_name(_user("", "", "lijing")) == "lijing"
