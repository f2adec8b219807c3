"""deploy/haproxy.cfg is valid, and in front of two real app replicas it keeps a browser on
its replica by cookie, spreads new browsers, checks /_stcore/health, and moves a browser whose
replica died to the other one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_port, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "haproxy.cfg"
COOKIE = "PRODREADY_REPLICA"
PATIENCE_S = 120  # waiting for real processes on a loaded machine, never asserted

pytestmark = pytest.mark.skipif(
    shutil.which("haproxy") is None, reason="haproxy is not installed (apt-get install haproxy)"
)


def test_the_shipped_config_is_valid():
    checked = subprocess.run(
        ["haproxy", "-c", "-f", str(CONFIG)], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def replica_cookie(url: str, cookie: str | None = None) -> str | None:
    """GET the app's front page; the replica cookie HAProxy set, if it set one."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == COOKIE:
                return rest.split(";", 1)[0]
    return None


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def test_two_replicas_behind_haproxy_keep_affinity_and_fail_over(tmp_path: Path):
    replicas = [start_server(tmp_path) for _ in range(2)]  # one database, two processes
    port = _free_port()
    env = {
        **os.environ,
        "PRODREADY_LB_BIND": f"127.0.0.1:{port}",
        "PRODREADY_APP1": replicas[0][1].removeprefix("http://"),
        "PRODREADY_APP2": replicas[1][1].removeprefix("http://"),
    }
    balancer = subprocess.Popen(
        ["haproxy", "-db", "-f", str(CONFIG)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: replica_cookie(url + "_stcore/health") is not None, "haproxy")
        wait_until(
            lambda: {replica_cookie(url) for _ in range(4)} == {"app1", "app2"},
            "new browsers to be spread over both replicas (both healthy)",
        )
        for _ in range(5):  # a browser with its cookie stays where it is: no new cookie
            assert replica_cookie(url, "app1") is None
            assert replica_cookie(url, "app2") is None

        stop_server(replicas[0][0])
        wait_until(lambda: replica_cookie(url, "app1") == "app2", "app1's browsers to move")
        assert replica_cookie(url, "app2") is None
    finally:
        os.killpg(balancer.pid, signal.SIGTERM)
        balancer.wait(timeout=30)
        for server, _ in replicas:
            stop_server(server)
