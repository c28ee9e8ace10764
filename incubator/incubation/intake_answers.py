"""The answers of an application between the form and the final "Submit application": kept in
the visitor's session (server-side), never in the page, so "Change" finds them as typed. The
password is kept only as ``make_password`` encoded it; nothing is recorded until the final
submit, which takes the answers out of the session so that a second one finds none."""

from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

ANSWERS_KEY = "intake_answers"
SECRET_FIELDS = {"password1", "password2", "csrfmiddlewaretoken", "submission_token"}


def keep_answers(request, form) -> None:
    """Keep a valid form's answers and its password (encoded) in the session."""
    kept = request.session.get(ANSWERS_KEY) or {}
    password = form.cleaned_data.get("password1")
    request.session[ANSWERS_KEY] = {
        "data": {
            name: form.data.getlist(name)
            for name in form.data
            if name not in SECRET_FIELDS and name in form.fields
        },
        "password_hash": make_password(password) if password else kept.get("password_hash", ""),
    }


def kept_answers(request) -> dict | None:
    """The answers kept in the session, or None."""
    answers = request.session.get(ANSWERS_KEY)
    if not answers or not answers.get("password_hash"):
        return None
    return answers


def as_form_data(answers: dict) -> dict:
    """The kept answers as a form's data (lists for fields that take several values)."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, values in answers["data"].items():
        data.setlist(name, values)
    return data


def as_initial(answers: dict, form_class) -> dict:
    """The kept answers as a blank form's initial values ("Change" shows them as typed)."""
    multiple = {
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.MultipleChoiceField)
    }
    return {
        name: values if name in multiple else (values[0] if values else "")
        for name, values in answers["data"].items()
    }


def forget_answers(request) -> None:
    request.session.pop(ANSWERS_KEY, None)


def _display(field, value) -> str:
    if value in (None, "", []) or (hasattr(value, "exists") and not value.exists()):
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "、".join(str(item) for item in value)
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.DateField):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def summary_rows(form) -> list[dict]:
    """Every answer of a valid form, as label, value and the field to change it at."""
    rows = []
    for name, field in form.fields.items():
        if name in SECRET_FIELDS:
            continue
        value = _display(field, form.cleaned_data.get(name))
        rows.append({"name": name, "label": field.label, "value": value, "id": form[name].auto_id})
    rows.append(
        {
            "name": "password1",
            "label": _("Password for your account"),
            "value": _("Chosen (not shown)"),
            "id": form["password1"].auto_id,
        }
    )
    return rows
