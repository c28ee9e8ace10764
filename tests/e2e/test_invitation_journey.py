"""An organisation admin logs in, invites a colleague; the colleague follows the emailed link,
creates an account and lands in the portal of that organisation; the link then stops working."""

import re

from django.core import mail

import pytest

from tests.factories import OrganisationFactory, member_of
from tests.factories.pages import build_public_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_a_colleague_who_creates_an_account(live_server, browser, screenshot):
    build_public_site()
    organisation = OrganisationFactory(name="太仓市颐康居家养老服务中心")
    member_of(organisation, "admin", username="lijing", first_name="静", last_name="李")

    admin_context = browser.new_context(locale="zh-CN")
    page = admin_context.new_page()
    page.goto(live_server.url + "/zh-hans/accounts/login/")
    page.get_by_label("用户名").fill("lijing")
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("main").get_by_role("button", name="登录").click()
    assert page.url.endswith("/zh-hans/portal/")
    page.get_by_role("link", name="成员").first.click()
    page.get_by_label("同事的电子邮箱").fill("wang.fang@example.org")
    page.get_by_role("button", name="发送邀请").click()
    assert "已向 wang.fang@example.org 发送邀请" in page.content()
    screenshot(page, "portal-members-invited")
    admin_context.close()

    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    guest = browser.new_context(locale="zh-CN").new_page()
    guest.goto(live_server.url + path)
    assert "加入太仓市颐康居家养老服务中心" in guest.content()
    guest.locator("#id_username").fill("wangfang")
    guest.locator("#id_last_name").fill("王")
    guest.locator("#id_first_name").fill("芳")
    guest.locator("#id_password1").fill("Lantern-harbour-2026")
    guest.locator("#id_password2").fill("Lantern-harbour-2026")
    guest.get_by_role("button", name="创建账号并加入").click()
    assert guest.url.endswith("/zh-hans/portal/")
    assert "欢迎加入太仓市颐康居家养老服务中心" in guest.content()
    guest.goto(live_server.url + path)
    assert "邀请已被使用" in guest.content()
    screenshot(guest, "invitation-used")
