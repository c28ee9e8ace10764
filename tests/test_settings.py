"""Settings: production refuses unsafe configuration, passes Django's deployment checks, and
the database is chosen by DATABASE_URL."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from incubator.settings.base import database_from_url

ROOT = Path(__file__).resolve().parent.parent
# Never connected to by these tests: settings are read, checks run, nothing is queried.
DATABASE_URL = "postgres://incubator@db.internal:5432/incubator"
PERSONAL_DATA_KEY = "kT3WzK8s2YbQm6N0pV1xR5cH7dJ9fL4gA2eU8iO0qWs="
REAL_KEY = "q7#vX2m!Lp9$Zr4@Wn8^Tb3&Yc6*Hd1(Jf5)Kg0-Ms2+Nt7=Pu4~Rv9"


def _manage(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    """``manage.py`` with the production settings; an ``env`` value of None unsets it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith(("DATABASE_URL", "SECURE_HSTS", "PRIVATE_STORAGE"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "incubator.settings.production",
            "DATABASE_URL": DATABASE_URL,
            "PERSONAL_DATA_KEYS": PERSONAL_DATA_KEY,
            **env,
        }
    )
    environment = {key: value for key, value in environment.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="a.gov.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_and_keeps_cookies_secure():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
        " for k in ["
        "'DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',"
        " 'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        " 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY',"
        " 'LANGUAGE_COOKIE_SECURE', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY',"
        " 'X_FRAME_OPTIONS', 'MIDDLEWARE', 'SECRET_KEY_FALLBACKS']}))"
    )
    result = _manage(
        "shell", "--no-imports", "-c", script, SECRET_KEY=REAL_KEY, ALLOWED_HOSTS="a.gov.cn"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values.pop("MIDDLEWARE")[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "incubator.kernel.csp.ContentSecurityPolicyMiddleware",
    ]
    assert values.pop("SECURE_HSTS_SECONDS") >= 60 * 60 * 24 * 365
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SECRET_KEY_FALLBACKS": [],
    }


@pytest.mark.parametrize("database_url", [None, "", "  "], ids=["unset", "empty", "blank"])
def test_production_without_database_url_is_a_startup_error(database_url):
    environment = {
        "SECRET_KEY": REAL_KEY,
        "ALLOWED_HOSTS": "a.gov.cn",
        "DATABASE_URL": database_url,
    }
    result = _manage("check", **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set in production" in result.stderr
    assert "db.sqlite3" not in result.stdout + result.stderr


def test_hsts_preload_is_opt_in_and_check_deploy_stays_clean_either_way():
    script = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    base = {"SECRET_KEY": REAL_KEY, "ALLOWED_HOSTS": "a.gov.cn"}
    assert _manage("shell", "--no-imports", "-c", script, **base).stdout.strip() == "False"
    opted_in = {**base, "SECURE_HSTS_PRELOAD": "true"}
    assert _manage("shell", "--no-imports", "-c", script, **opted_in).stdout.strip() == "True"
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **opted_in)
    assert result.returncode == 0, result.stdout + result.stderr


def test_private_files_go_to_a_bucket_when_one_is_configured():
    script = (
        "from django.core.files.storage import storages; s = storages['private'];"
        " print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl)"
    )
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="a.gov.cn",
        PRIVATE_STORAGE_BUCKET="incubator-private",
        PRIVATE_STORAGE_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "PrivateS3Storage",
        "incubator-private",
        "http://127.0.0.1:9000",
        "private",
    ]


def test_former_secret_keys_come_from_the_environment():
    old = REAL_KEY[::-1]
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="a.gov.cn",
        SECRET_KEY_FALLBACKS=old,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr([old])


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "a.gov.cn"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 50, "ALLOWED_HOSTS": "a"}, "SECRET_KEY must"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "a.gov.cn"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "ab" * 30, "ALLOWED_HOSTS": "a.gov.cn"}, "not random enough"),
        ({"SECRET_KEY": REAL_KEY}, "ALLOWED_HOSTS must list"),
    ],
)
def test_production_refuses_to_start_without_real_secrets(env, message):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_sqlite_waits_for_writers_instead_of_failing():
    config = database_from_url("sqlite:////tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5


def test_postgres_url_selects_postgresql():
    config = database_from_url("postgres://postgres@127.0.0.1:5432/incubator")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "incubator"
    assert config["HOST"] == "127.0.0.1"
    # No JIT compilation: it cost the dashboard's counts 100 ms to save a few.
    assert config["OPTIONS"]["options"] == "-c jit=off"


def test_time_and_languages(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]


def test_env_example_lists_every_variable_the_settings_read():
    source = "\n".join(p.read_text() for p in (ROOT / "incubator" / "settings").glob("*.py"))
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z][A-Z0-9_]*)"', source))
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no environment variables found in the settings"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"


def test_models_and_migrations_agree():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "incubator.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
