"""Start the app the way production does (gunicorn with gunicorn.conf.py, ``flask jobs worker``) for tests."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: The secrets of the test configuration, so servers verify what the test process wrote.
TEST_SECRETS = {"SECRET_KEY": "test-secret-key", "SECURITY_PASSWORD_SALT": "test-salt",
                "TOTP_SECRET": "test-totp-secret-test-totp-secret", "TOKEN_PEPPER": "test-pepper"}
READY = "Konzeptwerk is ready on"


def server_environment(**settings: str) -> dict[str, str]:
    """Return the environment of a server process: this one's, test secrets, plain HTTP, and ``settings``."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DATABASE_URL", "REDIS_URL", "JOBS_BACKEND", "WEB_CONCURRENCY", "PORT", "HOST")}
    environment.update(TEST_SECRETS, SESSION_COOKIE_SECURE="0", PYTHONUNBUFFERED="1")
    environment.update(settings)
    return environment


def free_port() -> int:
    """Return a port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    """A started server or worker: its base URL (servers) and everything it wrote so far."""

    process: subprocess.Popen
    url: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        """Return what the process wrote to stdout and stderr."""
        return "".join(self.lines)


def run_flask(environment: dict, *args: str) -> subprocess.CompletedProcess:
    """Run ``flask --app wsgi ARGS`` to its end."""
    return subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)


@contextmanager
def started(command: list[str], environment: dict, *, ready: str, url: str = "",
            timeout: float = 180) -> Iterator[Process]:
    """Start ``command`` in its own process group, wait until it prints ``ready``, stop it afterwards."""
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    handle = Process(process, url)
    is_ready = threading.Event()

    def pump():
        for line in process.stdout:
            handle.lines.append(line)
            if ready in line:
                is_ready.set()
        is_ready.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if not is_ready.wait(timeout) or process.poll() is not None:
            raise RuntimeError(f"{command[0]} did not start:\n{handle.output[-3000:]}")
        yield handle
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        reader.join(timeout=30)
        process.stdout.close()


def gunicorn(environment: dict) -> Iterator[Process]:
    """Serve the app with gunicorn and gunicorn.conf.py on a free port (a context manager)."""
    port = free_port()
    environment = dict(environment, HOST="127.0.0.1", PORT=str(port))
    return started([str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"], environment, ready=READY,
                   url=f"http://127.0.0.1:{port}")


def jobs_worker(environment: dict) -> Iterator[Process]:
    """Run ``flask jobs worker`` (a context manager)."""
    return started([str(BIN / "flask"), "--app", "wsgi", "jobs", "worker"], environment, ready="Listening on")
