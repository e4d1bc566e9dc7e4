"""Gunicorn settings for ``make run`` and production: ``gunicorn --config gunicorn.conf.py wsgi:app``.

By default one process serves with threads: the single-machine setup keeps rate limits and
background jobs in that process (and SQLite allows one writer at a time anyway). With
REDIS_URL set (rate limits and jobs in Redis, PostgreSQL as database) raise WEB_CONCURRENCY
to use more cores. The access log is the app's own (``konzeptwerk.access``: route patterns,
no tokens, no addresses), so gunicorn's, which logs raw paths, stays off.
"""
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
#: A worker silent this long is restarted (threads keep it talking during long exports).
timeout = 60
#: On restart, requests in flight get this long to finish.
graceful_timeout = 30
#: Keep-alive behind a reverse proxy on the same host.
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
proc_name = "konzeptwerk"
#: Several instances may run on one machine; none needs gunicorn's control socket.
control_socket_disable = True


def when_ready(server):
    """Say where the app answers once the socket listens."""
    server.log.info("Konzeptwerk is ready on http://%s/", bind)


def post_worker_init(worker):
    """Warn about configuration problems once, and start the daily retention run where it belongs."""
    from app.operations.checks import configuration_findings
    from app.privacy.schedule import retention_runner, start_retention_thread

    app = worker.wsgi
    if worker.age == 1:
        for finding in configuration_findings(app.config, os.environ, workers=worker.cfg.workers):
            worker.log.warning("flask check: %s: %s", finding.severity, finding.message)
    if retention_runner(app) == "web":
        start_retention_thread(app)
