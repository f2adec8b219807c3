"""`python -m progress` as an admin runs it on the server: the first admin (a weak password is
refused with the reason and never echoed), invitation and reset links, claiming local history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from learning.accounts import Accounts
from progress import LOCAL_LEARNER, ProgressStore, make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def _cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRODREADY_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "progress", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    """The database the command uses: PRODREADY_DATA_DIR's prodready.db."""
    engine = make_engine(f"sqlite:///{data_dir / 'prodready.db'}")
    upgrade(engine)
    return ProgressStore(engine)


@pytest.fixture
def with_admin(data_dir: Path) -> Path:
    done = _cli(data_dir, "create-admin", "Admin@Example.com", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    return data_dir


def test_create_admin_reads_the_password_from_stdin_and_never_prints_it(with_admin, store):
    account = store.account_by_email("admin@example.com")
    assert account is not None and account.role == "admin"
    assert Accounts(store).sign_in("admin@example.com", PASSWORD, "127.0.0.1").token


def test_a_weak_password_is_refused_with_the_reason(data_dir, store):
    done = _cli(data_dir, "create-admin", "admin@example.com", stdin="password123\n")
    assert done.returncode == 1
    assert "first an attacker tries" in done.stderr
    assert "password123" not in done.stdout + done.stderr
    assert store.account_by_email("admin@example.com") is None


def test_invite_prints_a_link_for_the_role(with_admin, store):
    done = _cli(
        with_admin,
        "invite",
        "ana@example.com",
        "--role",
        "instructor",
        "--base-url",
        "https://pr.example/",
    )
    assert done.returncode == 0, done.stderr
    link = done.stdout.strip()
    assert link.startswith("https://pr.example/auth/link?token=")
    token = link.split("token=", 1)[1]
    assert Accounts(store).link_purpose(token) == "invite"
    assert store.account_by_email("ana@example.com").role == "instructor"


def test_links_need_an_admin_and_a_known_account(data_dir, with_admin):
    unknown = _cli(with_admin, "reset-link", "nobody@example.com")
    assert unknown.returncode == 1 and "no account" in unknown.stderr
    reset = _cli(with_admin, "reset-link", "admin@example.com")
    assert reset.returncode == 0 and reset.stdout.startswith("/auth/link?token=")


def test_invite_without_any_admin_says_what_to_do_first(data_dir):
    done = _cli(data_dir, "invite", "ana@example.com")
    assert done.returncode == 1
    assert "create-admin" in done.stderr


def test_claim_local_gives_the_local_learners_work_to_the_admin(data_dir, store: ProgressStore):
    local = store.ensure_learner(LOCAL_LEARNER, "You")
    store.save_draft(local, "sql-user-lookup", "print('mine')")
    done = _cli(data_dir, "create-admin", "admin@example.com", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    claimed = _cli(data_dir, "claim-local", "admin@example.com")
    assert claimed.returncode == 0, claimed.stderr
    admin = store.account_by_email("admin@example.com")
    assert store.draft(admin.learner_id, "sql-user-lookup") == "print('mine')"
    again = _cli(data_dir, "claim-local", "admin@example.com")
    assert again.returncode == 1 and "no local-mode history" in again.stderr


def test_a_bad_base_url_is_a_usage_error(data_dir):
    done = _cli(data_dir, "invite", "ana@example.com", "--base-url", "javascript:alert(1)")
    assert done.returncode == 2


def _read_until(fd: int, marker: bytes, seen: bytearray) -> None:
    """Read the terminal's output until `marker` shows (a bound for a stuck child, not a timing)."""
    import select

    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            raise AssertionError(f"no {marker!r} on the terminal; got {bytes(seen)!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            raise AssertionError(
                f"terminal closed before {marker!r}; got {bytes(seen)!r}"
            ) from None
        if not chunk:
            raise AssertionError(f"terminal closed before {marker!r}; got {bytes(seen)!r}")
        seen += chunk


def _on_a_terminal(data_dir: Path, answers: list[str]) -> tuple[int, bytes]:
    """Run create-admin on a pseudo-terminal, answering its prompts; its exit code and output."""
    import pty

    env = {**os.environ, "PRODREADY_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal, as in an admin's shell
        os.chdir(ROOT)
        os.execve(
            sys.executable,
            [sys.executable, "-m", "progress", "create-admin", "admin@example.com"],
            env,
        )
    seen = bytearray()
    try:
        for prompt, answer in zip((b"Password for", b"again:"), answers, strict=True):
            _read_until(fd, prompt, seen)
            os.write(fd, answer.encode() + b"\n")
        _read_until(fd, b"\n", seen)
        while True:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(seen)


def test_the_prompt_asks_twice_and_never_echoes(data_dir, store):
    code, shown = _on_a_terminal(data_dir, [PASSWORD, PASSWORD])
    assert code == 0, shown
    assert PASSWORD.encode() not in shown
    assert store.account_by_email("admin@example.com").role == "admin"


def test_two_different_passwords_change_nothing(data_dir, store):
    code, shown = _on_a_terminal(data_dir, [PASSWORD, PASSWORD + "x"])
    assert code == 1 and b"differ" in shown
    assert store.account_by_email("admin@example.com") is None
