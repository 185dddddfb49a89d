"""gunicorn settings for the portal (deploy/systemd/bangphlat-web.service uses this file).

Values can be overridden with GUNICORN_* variables; the defaults suit a 2-core server."""

import gc
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
# Django is imported once, by the master, and every worker is a fork of it. Without this each
# new worker imported it again: ~2.5 s of CPU, and with max_requests every worker did so every
# 2,000 requests, the four of them at about the same moment under an even load, so for 2-3 s
# nobody answered while they competed for the 2 cores (the 2-5 s tail of /healthz in
# bench/README.md "Capacity"). Code is loaded at start only: `systemctl reload` (HUP) forks new
# workers from the code already loaded, so an update needs `systemctl restart` (README).
preload_app = True
# Recycle workers now and then so that no slow leak grows for ever; a fork of the master is
# cheap, and the jitter keeps the workers from recycling together.
max_requests = 5000
max_requests_jitter = 2500
# The portal logs one line per request itself (bangphlat.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
# nginx on the same machine sets X-Forwarded-*; trust it over the unix socket.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    """In the master, once, before the first fork: what each worker would otherwise do on its
    first request (import every view through the URLconf, ~0.4 s of CPU), and the loaded
    objects moved out of the garbage collector's sight so that collections in the workers do
    not walk (and copy, page by page) the memory they share with the master."""
    from django.urls import reverse

    reverse("healthz")  # imports the URLconf and fills its reverse map
    gc.freeze()


def pre_fork(server, worker):
    """No database connection may cross a fork: parent and child would share its socket."""
    from django.db import connections

    connections.close_all()
