"""Gunicorn's settings for ``make serve``, from the environment (see README, "Production")."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
# Gunicorn would otherwise take X-Forwarded-Proto from any local client as proof of HTTPS;
# Django alone decides which proxy headers to believe (NUM_PROXIES).
forwarded_allow_ips = ""
# Without workers (CELERY_BROKER_URL), issuing a large course renders its PDFs in the request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = "-"
# Gunicorn's control socket is one per user ($HOME/.gunicorn/gunicorn.ctl): a second server on
# the machine would take over the first's. Signals (HUP to reload, TERM to stop) do the job.
control_socket_disable = True
