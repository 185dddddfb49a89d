import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangphlat.settings")
application = get_wsgi_application()

from bangphlat.db import limit_web_processes  # noqa: E402  (needs configured settings)

limit_web_processes()
