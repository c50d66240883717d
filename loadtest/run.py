"""`make loadtest`: the production topology on this machine, under load, then checked.

1. A database of its own on the machine's PostgreSQL (127.0.0.1:5432, `tcdesk_loadtest`, recreated) and
   a throwaway Redis on a free port; `migrate`, `collectstatic` and the demo at --scale 10.
2. Two app servers (gunicorn, production settings) on two ports, two `db_worker` task workers.
3. locust, headless, bounded in time and requests, users spreading their requests over both servers.
4. Checks across servers: the token endpoint's 21st try in a minute is refused whichever server gets
   it; a session made on one server works on the other; a task enqueued through one server runs once.
5. ONE summary line; exit status 1 on any error or failed check. Everything started is stopped.

Traffic goes to 127.0.0.1 only. Options: `python -m loadtest.run --help`.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/tcdesk_loadtest"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def log(message: str) -> None:
    print(f"loadtest: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Every process this run starts, stopped (by its own pid) when the run ends, however it ends."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        output = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, cwd=REPOSITORY)
        self.started.append((name, process))
        return process

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, process in self.started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def check_alive(self) -> None:
        for name, process in self.started:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped (exit {process.returncode}); see {self.logs / (name + '.log')}")


def run(command: list[str], env: dict[str, str], what: str, timeout: float = 600) -> str:
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=REPOSITORY)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    log(f"{what}: {time.monotonic() - started:.0f} s")
    return result.stdout


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"loadtest: the database must be on this machine (127.0.0.1), not {parts.hostname}")
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name) or name in {"postgres", "test", "template0", "template1"}:
        raise SystemExit(f"loadtest: refusing to recreate the database {name!r}; name one of its own")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def wait_ready(base: str, processes: Processes, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check_alive()
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{base} was not ready after {timeout:.0f} s")


# --------------------------------------------------------------------------------------------- checks


def _request(url: str, *, data: bytes | None = None, headers: dict | None = None, opener=None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=data, headers=headers or {}, method="POST" if data is not None else "GET"
    )
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def check_rate_limit(hosts: list[str]) -> tuple[bool, str]:
    """21 wrong-password tries at once, alternating between the servers: exactly one is refused (429).
    Sent together, so they fall within a minute however slow password hashing is on a busy machine."""
    from concurrent.futures import ThreadPoolExecutor

    # Wrong passwords for an account no scenario signs in with: sign-ins are also limited per account
    # (20 an hour, successful ones included), and the officers' own sign-ins must not count here, nor
    # these tries lock the officer out of the session check that follows.
    body = json.dumps({"username": "auditor", "password": "wrong password"}).encode()
    start = threading.Barrier(21)

    def attempt(n: int) -> tuple[int, int]:
        start.wait()
        status = _request(f"{hosts[n % 2]}/api/auth/token", data=body, headers={"Content-Type": "application/json"})[0]
        return n % 2 + 1, status

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=21) as pool:
        answers = list(pool.map(attempt, range(21)))
    elapsed = time.monotonic() - began
    statuses = sorted(status for _server, status in answers)
    refused_by = sorted({server for server, status in answers if status == 429})
    ok = statuses == [401] * 20 + [429] and elapsed < 60
    return ok, (
        f"21 token tries at once on both servers in {elapsed:.0f} s: {statuses.count(401)} answered 401, "
        f"{statuses.count(429)} refused 429 (by server {', '.join(map(str, refused_by)) or '-'})"
    )


def check_session(hosts: list[str]) -> tuple[bool, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _status, page = _request(f"{hosts[0]}/accounts/login/", opener=opener)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    form = urllib.parse.urlencode(
        {"username": "officer", "password": "demo", "csrfmiddlewaretoken": token.group(1).decode() if token else ""}
    ).encode()
    _request(
        f"{hosts[0]}/accounts/login/", data=form, opener=opener, headers={"Referer": f"{hosts[0]}/accounts/login/"}
    )
    status, body = _request(f"{hosts[1]}/api/auth/me", opener=opener)
    username = json.loads(body).get("username") if status == 200 else None
    return username == "officer", f"signed in on server 1, server 2 says {status} {username}"


def enqueue_task(hosts: list[str], admin_token: str) -> int:
    auth = {"Authorization": f"Bearer {admin_token}", "Content-Type": "application/json"}
    status, body = _request(
        f"{hosts[0]}/api/requests/weights", data=json.dumps({"weights": {}, "note": "load test"}).encode(), headers=auth
    )
    if status != 201:
        raise RuntimeError(f"enqueueing through server 1 answered {status}: {body[:300]!r}")
    job_id = json.loads(body)["job"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, body = _request(f"{hosts[1]}/api/core/jobs/{job_id}", headers=auth)
        if status == 200 and json.loads(body).get("status") in {"succeeded", "failed"}:
            if json.loads(body)["status"] != "succeeded":
                raise RuntimeError(f"job {job_id} failed: {json.loads(body).get('message')}")
            return job_id
        time.sleep(0.5)
    raise RuntimeError(f"job {job_id} did not finish within 120 s")


# -------------------------------------------------------------------------------------------- summary


def summary_line(results: dict, counters: dict, reports: dict, checks: list[tuple[bool, str]], args) -> str:
    baseline = results["static"]["p95_ms"] or 1
    parts = [
        f"loadtest: 2 app servers x {args.web_workers} workers, 2 task workers, PostgreSQL, Redis; "
        f"{args.users} users, {args.duration} s"
    ]
    for name, figures in results.items():
        text = (
            f"{name} {figures['requests']} req {figures['failures']} err "
            f"p50 {figures['median_ms']:.0f} ms p95 {figures['p95_ms']:.0f} ms"
        )
        if name != "static":
            text += f" ({figures['p95_ms'] / baseline:.1f}x static p95)"
        if reports.get(name):
            text += f", {reports[name](counters.get(name, {}))}"
        parts.append(text)
    parts.append("checks: " + "; ".join(("ok " if ok else "FAILED ") + what for ok, what in checks))
    errors = sum(f["failures"] for f in results.values())
    parts.append(f"errors {errors}")
    return " | ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=24)
    parser.add_argument("--spawn-rate", type=float, default=8)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=30000, help="stop after this many requests")
    parser.add_argument("--scale", type=int, default=10, help="demo scale")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--keep", action="store_true", help="keep the database and the work folder (logs)")
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="use the database a --keep run left (no migrate, no demo): for working on scenarios",
    )
    args = parser.parse_args()

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="tcdesk-loadtest-"))
    processes = Processes(work)
    log(f"work folder {work}")
    checks: list[tuple[bool, str]] = []
    try:
        if not args.reuse_database:
            recreate_database(args.database_url)
        redis_port = free_port()
        if not shutil.which("redis-server"):
            raise SystemExit("loadtest: redis-server is needed (apt-get install redis-server)")
        processes.start(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            env=dict(os.environ),
        )
        ports = [free_port(), free_port()]
        hosts = [f"http://127.0.0.1:{port}" for port in ports]
        base = {k: v for k, v in os.environ.items() if not k.startswith(("TCDESK_", "DJANGO_"))}
        env = {
            **base,
            "PYTHONPATH": str(REPOSITORY),
            "DJANGO_SETTINGS_MODULE": "tcdesk.settings",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "TCDESK_SECRET_KEY": secrets.token_urlsafe(50),
            "TCDESK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TCDESK_SSL_REDIRECT": "0",
            "TCDESK_SECURE_COOKIES": "0",
            "TCDESK_HSTS_SECONDS": "0",
            "TCDESK_VAR_DIR": str(work / "var"),
            "TCDESK_MEDIA_ROOT": str(work / "media"),
            "TCDESK_STATIC_ROOT": str(work / "static"),
            "TCDESK_METRICS_TOKEN": secrets.token_urlsafe(24),
            "TCDESK_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "TCDESK_DB_CONN_MAX_AGE": "60",
            "TCDESK_WEB_WORKERS": str(args.web_workers),
            "TCDESK_WEB_THREADS": "4",
            "LOADTEST_HOSTS": json.dumps(hosts),
        }
        tcdesk = [str(BIN / "tcdesk")]
        collect = subprocess.Popen([*tcdesk, "collectstatic", "--no-input", "-v0"], env=env, cwd=REPOSITORY)
        if not args.reuse_database:
            run([*tcdesk, "migrate", "--no-input", "-v0"], env, "migrate")
            run([*tcdesk, "demo", "--scale", str(args.scale)], env, f"demo --scale {args.scale}")
        if collect.wait(timeout=300) != 0:
            raise RuntimeError("collectstatic failed")

        for n, port in enumerate(ports, start=1):
            processes.start(
                f"web-{n}",
                [str(BIN / "gunicorn"), "-c", "python:tcdesk.operations.gunicorn_conf", "tcdesk.wsgi"],
                env={**env, "TCDESK_BIND": f"127.0.0.1:{port}"},
            )
        for n in (1, 2):
            processes.start(
                f"worker-{n}",
                [
                    *tcdesk,
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--no-reload",
                    "--interval",
                    "0.5",
                    "--worker-id",
                    f"worker-{n}",
                ],
                env=env,
            )
        for host in hosts:
            wait_ready(host, processes)
        log(f"2 app servers ready ({', '.join(hosts)}), 2 task workers")
        data_path = work / "data.json"
        run([sys.executable, "-m", "loadtest.prepare", str(data_path)], env, "prepare")
        data = json.loads(data_path.read_text())

        results_path = work / "results.json"
        locust = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(REPOSITORY / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.duration}s",
                "--host",
                hosts[0],
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            env={
                **env,
                "LOADTEST_DATA": str(data_path),
                "LOADTEST_RESULTS": str(results_path),
                "LOADTEST_MAX_REQUESTS": str(args.max_requests),
            },
            capture_output=True,
            text=True,
            timeout=args.duration + 120,
            cwd=REPOSITORY,
        )
        (work / "locust.log").write_text(locust.stdout + locust.stderr)
        if not results_path.exists():
            raise RuntimeError(f"locust wrote no results ({locust.returncode}):\n{locust.stderr[-3000:]}")
        outcome = json.loads(results_path.read_text())
        log(f"load done: {time.monotonic() - started:.0f} s since start")
        processes.check_alive()

        checks.append(check_rate_limit(hosts))
        checks.append(check_session(hosts))
        job_id = enqueue_task(hosts, data["admin_token"])
        verified = json.loads(
            run([sys.executable, "-m", "loadtest.verify", str(data_path), str(job_id)], env, "verify")
        )
        checks.append(
            (
                not verified["problems"],
                f"task enqueued via server 1 ran once (by {verified['job_worker']}; "
                f"{verified['tasks']} tasks, workers used {', '.join(verified['workers_used'])})"
                + ("" if not verified["commands"] else f"; {', '.join(verified['commands'])} ok"),
            )
        )
        # The fund managers' scenario reports each overdrawn pot as a problem starting "…: overdrawn".
        overdraws = sum(1 for problem in verified["problems"] if ": overdrawn" in problem)
        checks.append((overdraws == 0, f"overdraws {overdraws}"))
        for problem in verified["problems"]:
            log(f"problem: {problem}")
        for error in outcome["errors"]:
            log(f"error: {error['occurrences']} x {error['method']} {error['name']}: {error['error']}")

        from loadtest.scenarios import load_scenarios

        reports = {s.name: s.report for s in load_scenarios() if s.report}
        print(summary_line(outcome["scenarios"], outcome["counters"], reports, checks, args), flush=True)
        log(f"total {time.monotonic() - started:.0f} s")
        failed = sum(f["failures"] for f in outcome["scenarios"].values()) or not all(ok for ok, _ in checks)
        return 1 if failed else 0
    except Exception as exc:
        log(f"FAILED: {exc}")
        return 1
    finally:
        processes.stop_all()
        if not args.keep:
            try:
                drop_database(args.database_url)
            except Exception as exc:  # the run's verdict stands; say what was left behind
                log(f"could not drop the database: {exc}")
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work} and the database")


if __name__ == "__main__":
    sys.exit(main())
