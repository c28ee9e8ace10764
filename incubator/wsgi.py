"""WSGI entry point for application servers (gunicorn incubator.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings.production")

application = get_wsgi_application()
