"""What the cluster smoke test does through an app server, as a person's browser would: log in
through the real form, confirm a staff login with the authenticator's code, post a form with
the values (and CSRF token) the page offers."""

import requests

from tools.cluster.processes import SmokeFailed
from tools.loadtest.html import form_with
from tools.loadtest.officers import totp


def login(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    path = f"{base}/zh-hans/accounts/login/"
    page = session.get(path, timeout=30)
    form = form_with(page.text, "username")
    if page.status_code != 200 or form is None:
        raise SmokeFailed(f"no login form at {path} ({page.status_code}).")
    data = {**form.fields, "username": username, "password": password}
    response = session.post(path, data=data, headers={"Referer": path}, allow_redirects=False)
    if response.status_code != 302:
        raise SmokeFailed(f"login of {username} at {base} refused ({response.status_code}).")
    return session


def second_factor(session: requests.Session, base: str, key: str) -> None:
    """Confirm a staff login with the authenticator's code, as the person's app shows it."""
    admin = session.get(f"{base}/admin/", allow_redirects=False, timeout=30)
    if admin.status_code == 200:
        return
    path = admin.headers["Location"]
    path = path if path.startswith("http") else base + path
    page = session.get(path, timeout=30)
    form = form_with(page.text, "code")
    if form is None:
        raise SmokeFailed(f"no second-factor form at {path} ({page.status_code}).")
    data = {**form.fields, "code": totp(key)}
    response = session.post(path, data=data, headers={"Referer": path}, allow_redirects=False)
    if response.status_code != 302:
        raise SmokeFailed(f"second factor refused ({response.status_code}).")


def post_form(session: requests.Session, url: str, fill: dict) -> requests.Response:
    page = session.get(url, timeout=30)
    form = form_with(page.text, "csrfmiddlewaretoken")
    if page.status_code != 200 or form is None:
        raise SmokeFailed(f"no form at {url} ({page.status_code}).")
    return session.post(
        url, data={**form.fields, **fill}, headers={"Referer": url}, allow_redirects=False
    )
