"""App servers and a Celery worker started as production starts them, for the two-servers tests."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.project.test_settings import PROJECT_ROOT

STARTUP_SECONDS = 60
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}


@dataclass
class Process:
    """A process a test started, its own process group, and where its output goes."""

    name: str
    log: Path
    popen: subprocess.Popen = field(repr=False)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def check_running(self) -> None:
        assert self.popen.poll() is None, f"{self.name} stopped:\n{self.output()}"

    def stop(self) -> None:
        """Stop it and whatever it started (gunicorn's workers), by its process group."""
        if self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=15)


@dataclass
class Server(Process):
    port: int = 0

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            client.request(method, path, body=body, headers=headers or {})
            response = client.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            client.close()

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", path, headers=headers)

    def api(self, method: str, path: str, token: str, payload: dict | None = None) -> Answer:
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return self.request(method, path, body=body, headers=headers)

    def post_form(self, path: str, data: dict[str, str], cookies: dict[str, str]) -> Answer:
        """A form posted as a browser does, with the CSRF token of the cookies given."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        }
        body = urlencode({**data, "csrfmiddlewaretoken": cookies["csrftoken"]}).encode()
        return self.request("POST", path, body=body, headers=headers)

    def admin_login(self, username: str, password: str) -> Answer:
        """Log in to the admin's login form: a fresh page, its CSRF cookie, then the post.

        The cookies are Secure (production), which a client sends over https only: they are
        carried by hand here, where the servers are reached over plain http.
        """
        page = self.get("/admin/login/")
        assert page.status == 200, page.body[:300]
        cookies = page.cookies()
        assert CSRF_FIELD.search(page.body.decode())
        return self.post_form(
            "/admin/login/",
            {"username": username, "password": password, "next": "/admin/"},
            cookies,
        )


@dataclass
class Installation:
    """Two app servers and one worker; the processes and what they share."""

    a: Server
    b: Server
    worker: Process
    key_prefix: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(name: str, command: list[str], environment: dict[str, str], logs: Path) -> Process:
    log = logs / f"{name}.log"
    with log.open("wb") as output:
        popen = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with all its children
        )
    return Process(name=name, log=log, popen=popen)


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        server.check_running()
        try:
            answer = server.get("/healthz", Accept="application/json")
        except OSError:
            time.sleep(0.3)
            continue
        assert answer.status == 200, answer.body
        # The queue is the worker's broker: the servers reach it, as the worker does.
        assert answer.json()["checks"]["queue"] == "ok"
        return
    pytest.fail(f"{server.name} did not answer within {STARTUP_SECONDS} s:\n{server.output()}")
