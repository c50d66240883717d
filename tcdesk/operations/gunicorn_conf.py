"""gunicorn settings for tcdesk: `gunicorn -c python:tcdesk.operations.gunicorn_conf tcdesk.wsgi`.

Everything comes from the environment (docs/operations.md). Workers are processes with a few threads
each (`gthread`): Django's views are synchronous and spend much of their time waiting on PostgreSQL,
so threads overlap the waits while processes use the cores. The access log is tcdesk's own JSON line
(`tcdesk.access`, with the request id), so gunicorn's is off and its own messages are JSON too.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile

bind = os.environ.get("TCDESK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TCDESK_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "gthread"
threads = int(os.environ.get("TCDESK_WEB_THREADS", "4"))
timeout = int(os.environ.get("TCDESK_WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (with jitter, so they do not all restart together).
max_requests = int(os.environ.get("TCDESK_WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("TCDESK_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (one fixed path per user) would collide between servers on one machine.
control_socket_disable = True
accesslog = None
errorlog = "-"
loglevel = os.environ.get("TCDESK_LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tcdesk.operations.logs.JsonFormatter"}},
    "filters": {"request_id": {"()": "tcdesk.operations.logs.RequestIdFilter"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["error_console"], "level": "WARNING"},
    "loggers": {"gunicorn.error": {"handlers": ["error_console"], "level": loglevel.upper(), "propagate": False}},
}

# Request metrics: each worker writes its counts to files in one directory per server, which a scrape
# adds up (prometheus_client's multiprocess mode). The directory must be empty when the server starts.
_own_metrics_dir = "PROMETHEUS_MULTIPROC_DIR" not in os.environ and "TCDESK_METRICS_DIR" not in os.environ
METRICS_DIR = (
    os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    or os.environ.get("TCDESK_METRICS_DIR")
    or tempfile.mkdtemp(prefix="tcdesk-metrics-")
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = METRICS_DIR


def on_starting(server) -> None:
    os.makedirs(METRICS_DIR, exist_ok=True)
    for name in os.listdir(METRICS_DIR):
        if name.endswith(".db"):
            os.remove(os.path.join(METRICS_DIR, name))


def post_worker_init(worker) -> None:
    # Load the URL configuration (every view and API schema) before the first request, not during it.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    if _own_metrics_dir:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
