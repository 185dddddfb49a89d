"""gunicorn settings for the portal (deploy/systemd/bangphlat-web.service uses this file).

Values can be overridden with GUNICORN_* variables; the defaults suit a 2-core server."""

import os
import time

# gunicorn's own lines in the portal's time zone (TIME_ZONE in bangphlat/settings.py), so the
# journal has one clock: the master logs before Django sets the zone in each worker.
os.environ.setdefault("TZ", "Asia/Bangkok")
time.tzset()

bind = os.environ.get("GUNICORN_BIND", "unix:/run/bangphlat/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Longer than the database statement limit (30 s), so a slow query fails with a message
# before gunicorn kills the worker; long work (PDFs, big exports) runs in the task worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak grows for ever.
max_requests = 2000
max_requests_jitter = 200
# The portal logs one line per request itself (bangphlat.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
# nginx on the same machine sets X-Forwarded-*; trust it over the unix socket.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
