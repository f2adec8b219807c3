import builtins
import io
import json
import os

import pytest

from flag_store import FlagStore

REAL_OPEN = io.open
T0 = 1_700_000_000 * 10**9  # a fixed file modification time (ns); edits move it forward

FLAGS = {
    "flags": {
        "new-billing": {"enabled": True, "tenants": ["acme", "globex"]},
        "dark-mode": {"enabled": True},
        "bulk-export": {"enabled": False, "tenants": ["acme"]},
        "sso": {"enabled": True, "tenants": []},
    }
}


def write_flags(path, data, mtime_ns, replace=True):
    """Write the flags file as the ops deploy tool does (new file renamed into place), or in place."""
    target = path if not replace else path.with_name(path.name + ".new")
    with REAL_OPEN(target, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    if replace:
        os.replace(target, path)
    os.utime(path, ns=(mtime_ns, mtime_ns))


@pytest.fixture
def flags_file(tmp_path):
    path = tmp_path / "flags.json"
    write_flags(path, FLAGS, T0)
    return path


@pytest.fixture
def opens(monkeypatch):
    """Records every open() of a flags file, whichever way it is opened."""
    calls = []

    def counting_open(file, *args, **kwargs):
        if not isinstance(file, int) and os.fspath(file).endswith(".json"):
            calls.append(os.fspath(file))
        return REAL_OPEN(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    return calls


def flip(data, flag, **changes):
    new = json.loads(json.dumps(data))
    new["flags"].setdefault(flag, {}).update(changes)
    return new


CASES = [
    ("new-billing", "acme", True),
    ("new-billing", "globex", True),
    ("new-billing", "initech", False),
    ("dark-mode", "initech", True),
    ("bulk-export", "acme", False),
    ("sso", "acme", False),
    ("no-such-flag", "acme", False),
]


def test_flags_are_evaluated_per_tenant(flags_file):
    """A flag is on only when it is enabled and lists no tenants or this tenant; unknown flags
    are off — turning a half-finished feature on for every customer is an outage."""
    store = FlagStore(flags_file)
    for flag, tenant, want in CASES:
        got = store.is_enabled(flag, tenant)
        assert type(got) is bool and got == want, f"{flag} for {tenant}: got {got!r}"
    assert FlagStore(str(flags_file)).is_enabled("dark-mode", "umbrella") is True, "a str path must work too"


def test_unchanged_file_is_read_once(flags_file, opens):
    """Thousands of checks against an unchanged flags file open it at most once — every API
    request checks several flags, and reading and parsing the file each time is disk I/O
    and CPU on the hot path."""
    store = FlagStore(flags_file)
    for i in range(1000):
        flag, tenant, want = CASES[i % len(CASES)]
        assert store.is_enabled(flag, tenant) is want, f"{flag} for {tenant} was wrong"
    assert len(opens) <= 1, f"the flags file was opened {len(opens)} times for 1000 checks"


def test_flip_is_seen_on_the_next_check(flags_file):
    """When ops flip a flag, the very next check sees it, without restarting the service —
    the kill switch for a broken feature has to work immediately."""
    store = FlagStore(flags_file)
    assert store.is_enabled("new-billing", "initech") is False
    assert store.is_enabled("bulk-export", "acme") is False
    edited = flip(flip(FLAGS, "new-billing", tenants=["acme", "globex", "initech"]), "bulk-export", enabled=True)
    write_flags(flags_file, edited, T0 + 7 * 10**9)
    assert store.is_enabled("new-billing", "initech") is True, "a flag turned on by ops was not seen"
    assert store.is_enabled("bulk-export", "acme") is True, "a flag turned on by ops was not seen"
    write_flags(flags_file, flip(edited, "dark-mode", enabled=False), T0 + 19 * 10**9, replace=False)
    assert store.is_enabled("dark-mode", "acme") is False, "the kill switch (flag turned off) was not seen"


def test_file_is_read_again_only_after_a_change(flags_file, opens):
    """After an edit the file is read again once, not on every later check — staying fresh
    must not cost a read per request."""
    store = FlagStore(flags_file)
    data = FLAGS
    for edit in range(1, 4):
        for _ in range(200):
            store.is_enabled("new-billing", "acme")
        data = flip(data, "sso", tenants=[f"tenant-{edit}"])
        write_flags(flags_file, data, T0 + edit * 10**9 * 11, replace=edit % 2 == 1)
        assert store.is_enabled("sso", f"tenant-{edit}") is True, f"edit {edit} was not seen"
    for _ in range(200):
        store.is_enabled("sso", "tenant-3")
    assert len(opens) <= 4, f"the file was opened {len(opens)} times for 3 edits and 801 checks"


def test_stores_do_not_share_flags(tmp_path):
    """Two stores on two files answer from their own file — staging and production flags
    must never mix."""
    first, second = tmp_path / "a-flags.json", tmp_path / "b-flags.json"
    write_flags(first, FLAGS, T0)
    write_flags(second, flip(FLAGS, "dark-mode", enabled=False), T0)
    a, b = FlagStore(first), FlagStore(second)
    assert a.is_enabled("dark-mode", "acme") is True
    assert b.is_enabled("dark-mode", "acme") is False
    assert a.is_enabled("dark-mode", "globex") is True, "one store answered from the other's file"


def test_rollback_to_an_older_file_is_seen(flags_file):
    """A deployed flags file whose modification time is older than the one it replaces (a
    rollback, or a deploy that keeps the repository's timestamps) is still read — "changed"
    means different, not newer, or rolling back a bad flag does nothing."""
    store = FlagStore(flags_file)
    assert store.is_enabled("dark-mode", "acme") is True
    rolled_back = flip(FLAGS, "dark-mode", enabled=False)
    write_flags(flags_file, rolled_back, T0 - 3600 * 10**9)
    assert store.is_enabled("dark-mode", "acme") is False, "a file with an older mtime was not read"


def test_same_second_edit_in_place_is_seen(flags_file):
    """An in-place edit that keeps the modification time (the volume stores whole seconds) but
    changes the file's size is still read — the brief's signature is (mtime, size, inode)."""
    store = FlagStore(flags_file)
    assert store.is_enabled("new-billing", "initech") is False
    edited = flip(FLAGS, "new-billing", tenants=["acme", "globex", "initech"])
    write_flags(flags_file, edited, T0, replace=False)
    assert store.is_enabled("new-billing", "initech") is True, "an in-place edit with the same mtime was not seen"
