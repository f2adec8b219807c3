import datetime
import decimal
import errno
import json
import os

import pytest

import settings_store
from settings_store import load_settings, save_settings

OLD = {
    "shop_name": "Corner Bakery",
    "currency": "EUR",
    "receipt_footer": "See you tomorrow!",
    "printer": {"host": "10.0.0.7", "port": 9100},
    "tax_rates": {"standard": 20, "reduced": 5.5},
}

GOOD = [
    {"shop_name": "Café Zoë", "currency": "EUR", "receipt_footer": "Merci – à bientôt ☕"},
    {"printer": {"host": "printer.local", "port": 9101, "paper": [58, 80]}, "beep": False, "logo": None},
    {"opening_hours": {d: ["08:00", "18:30"] for d in ("mon", "tue", "wed", "thu", "fri")}, "till": 3},
    {},
]


def _circular():
    settings = {"shop_name": "Loop"}
    settings["self"] = settings
    return settings


# (label, settings that cannot be saved, the exception JSON raises for them)
BAD = [
    ("decimal", lambda: {**OLD, "tax_rates": {"standard": decimal.Decimal("20.0")}}, TypeError),
    ("datetime", lambda: {**OLD, "last_z_report": datetime.datetime(2024, 3, 1, 22, 5)}, TypeError),
    ("set", lambda: {"shop_name": "X", "card_schemes": {"visa", "mastercard"}}, TypeError),
    ("circular", _circular, ValueError),
]

BAD_IDS = ["a Decimal tax rate", "a date and time", "a set of card schemes", "settings that contain themselves"]


def _write_old(path):
    path.write_text(json.dumps(OLD, indent=2), encoding="utf-8")
    return path.read_bytes()


def _caused_by(err, kind):
    """True when err is a `kind`, or was raised `from` one (explicit __cause__ chain)."""
    seen = err
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__
    return False


def _save_expecting_failure(path, settings):
    """Run a save that must fail; return what it raised."""
    try:
        save_settings(path, settings)
    except Exception as exc:  # noqa: BLE001 - the caller inspects it
        return exc
    pytest.fail("save_settings returned normally although the save failed")


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def _patch_os(monkeypatch, name, func):
    monkeypatch.setattr(os, name, func)
    if hasattr(settings_store, name):
        monkeypatch.setattr(settings_store, name, func)


ALL_FILES = "every file"


@pytest.fixture
def disk_log(monkeypatch):
    """Records fsync and rename calls (with the inode involved) while still doing them."""
    events = []
    real_replace, real_rename = os.replace, os.rename

    def syncer(real):
        def sync(fd):
            fd_no = fd if isinstance(fd, int) else fd.fileno()
            events.append(("fsync", os.fstat(fd_no).st_ino, None))
            return real(fd)
        return sync

    def mover(real):
        def move(src, dst, *args, **kwargs):
            events.append(("rename", os.stat(src).st_ino, (os.fspath(src), os.fspath(dst))))
            return real(src, dst, *args, **kwargs)
        return move

    # fsync and fdatasync both make the file's data durable; either is fine.
    _patch_os(monkeypatch, "fsync", syncer(os.fsync))
    if hasattr(os, "fdatasync"):
        _patch_os(monkeypatch, "fdatasync", syncer(os.fdatasync))
    real_sync = os.sync

    def sync_everything():
        events.append(("fsync", ALL_FILES, None))  # os.sync() flushes every file, this one too
        return real_sync()

    _patch_os(monkeypatch, "sync", sync_everything)
    _patch_os(monkeypatch, "replace", mover(real_replace))
    _patch_os(monkeypatch, "rename", mover(real_rename))
    return events


@pytest.mark.parametrize("settings", GOOD, ids=["non-ASCII text", "nested values", "lists of values", "no settings at all"])
def test_saved_settings_load_back(tmp_path, settings):
    """Saved settings can be loaded back exactly, including non-ASCII text and nested values — the fix must keep the feature working."""
    path = tmp_path / "settings.json"
    _write_old(path)
    save_settings(path, settings)
    loaded = load_settings(path)
    assert type(loaded) is dict, f"load_settings returned {type(loaded).__name__}"
    assert settings == loaded, "the settings read back differ from the ones saved"
    assert settings == json.loads(path.read_text(encoding="utf-8")), "the file on disk is not the saved JSON"


def test_second_save_overwrites_first(tmp_path):
    """Saving twice leaves the second version on disk — a save must really replace the previous settings."""
    path = tmp_path / "settings.json"
    save_settings(path, GOOD[0])
    save_settings(path, GOOD[1])
    assert GOOD[1] == load_settings(path), "the second save did not replace the first"


def test_first_save_creates_the_file(tmp_path):
    """On first run there is no settings file yet; saving creates it."""
    path = tmp_path / "settings.json"
    save_settings(path, OLD)
    assert path.is_file(), "no settings file was created"
    assert OLD == json.loads(path.read_text(encoding="utf-8")), "the new file does not hold the settings"


def test_load_without_file_returns_defaults(tmp_path):
    """Loading before anything was saved still returns the default settings, as before."""
    loaded = load_settings(tmp_path / "settings.json")
    assert type(loaded) is dict and loaded.get("currency") == "EUR", f"got {loaded!r}"


@pytest.mark.parametrize("label, make_bad, _kind", BAD, ids=BAD_IDS)
def test_failed_save_keeps_previous_settings(tmp_path, label, make_bad, _kind):
    """When a save fails part-way (a value JSON can't encode), the previous settings file is left exactly as it was — a half-written file wipes the shop's configuration."""
    path = tmp_path / "settings.json"
    old = _write_old(path)
    try:
        save_settings(path, make_bad())
    except Exception:  # noqa: BLE001 - this test only looks at the file
        pass
    assert path.read_bytes() == old, "the previous settings file was changed or truncated by a failed save"


@pytest.mark.parametrize("label, make_bad, kind", BAD, ids=BAD_IDS)
def test_failed_save_reaches_the_caller(tmp_path, label, make_bad, kind):
    """A failed save raises to the caller (the original error, or your own error raised `from` it) — a printed warning nobody sees makes the user believe the settings were saved."""
    path = tmp_path / "settings.json"
    _write_old(path)
    err = _save_expecting_failure(path, make_bad())
    assert _caused_by(err, kind), f"{type(err).__name__} was raised without the original error as its cause"


def test_no_temporary_files_left_after_success(tmp_path):
    """A successful save leaves only the settings file in its folder — no stray temporary files."""
    path = tmp_path / "settings.json"
    _write_old(path)
    save_settings(path, GOOD[0])
    save_settings(path, GOOD[2])
    assert _names(tmp_path) == ["settings.json"], f"the folder holds {_names(tmp_path)}"


def test_no_temporary_files_left_after_failure(tmp_path):
    """A failed save cleans up after itself — leftover temporary files pile up next to the settings on every failure."""
    path = tmp_path / "settings.json"
    _write_old(path)
    for _label, make_bad, _kind in BAD:
        try:
            save_settings(path, make_bad())
        except Exception:  # noqa: BLE001 - this test only looks at the folder
            pass
    assert _names(tmp_path) == ["settings.json"], f"the folder holds {_names(tmp_path)}"


def test_open_reader_never_sees_a_half_written_file(tmp_path):
    """A reader that opened the settings file before a save still reads the complete old document — the file is replaced in one step, never rewritten in place, so a crash mid-write can't leave it half-written."""
    path = tmp_path / "settings.json"
    old = _write_old(path)
    with open(path, "rb") as reader:
        save_settings(path, GOOD[1])
        assert reader.read() == old, "the settings file was rewritten in place"
    assert GOOD[1] == load_settings(path)


def test_new_data_is_on_disk_before_the_rename(tmp_path, disk_log):
    """The new settings are flushed and synced to disk (fsync, fdatasync or sync) before the file is renamed into place — otherwise a power cut right after saving can leave an empty settings file."""
    path = tmp_path / "settings.json"
    _write_old(path)
    save_settings(path, GOOD[0])
    renames = [i for i, event in enumerate(disk_log) if event[0] == "rename"]
    assert renames, "the new file was never renamed into place (os.replace)"
    last = renames[-1]
    moved_inode = disk_log[last][1]
    synced = [e for e in disk_log[:last] if e[0] == "fsync" and e[1] in (moved_inode, ALL_FILES)]
    assert synced, "the file renamed into place was not synced to disk before the rename"


def test_temporary_file_is_next_to_the_settings_file(tmp_path, disk_log):
    """The temporary file is created in the settings file's own folder — a rename is only atomic within one filesystem, and /tmp is often a different one."""
    path = tmp_path / "settings.json"
    _write_old(path)
    save_settings(path, GOOD[2])
    moves = [e[2] for e in disk_log if e[0] == "rename"]
    assert moves, "the new file was never renamed into place (os.replace)"
    for src, _dst in moves:
        assert os.path.dirname(os.path.realpath(src)) == os.path.realpath(tmp_path), "the temporary file was created in another folder"


def test_disk_full_while_flushing_keeps_old_file(tmp_path, monkeypatch):
    """If the disk fills up while the new settings are being flushed, the save raises, the old settings survive and no temporary file is left behind."""
    path = tmp_path / "settings.json"
    old = _write_old(path)

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    _patch_os(monkeypatch, "fsync", full_disk)
    if hasattr(os, "fdatasync"):
        _patch_os(monkeypatch, "fdatasync", full_disk)
    _patch_os(monkeypatch, "sync", lambda: full_disk(None))
    err = _save_expecting_failure(path, GOOD[1])
    assert _caused_by(err, OSError), f"{type(err).__name__} does not carry the disk error as its cause"
    assert path.read_bytes() == old, "the previous settings file was changed"
    assert _names(tmp_path) == ["settings.json"], f"the folder holds {_names(tmp_path)}"


def test_failed_rename_keeps_old_file_and_cleans_up(tmp_path, monkeypatch):
    """If the final rename fails (the file is locked, permissions changed), the save raises, the old settings survive and the temporary file is removed."""
    path = tmp_path / "settings.json"
    old = _write_old(path)

    def locked(src, dst, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(dst))

    _patch_os(monkeypatch, "replace", locked)
    _patch_os(monkeypatch, "rename", locked)
    err = _save_expecting_failure(path, GOOD[0])
    assert _caused_by(err, PermissionError), f"{type(err).__name__} does not carry the rename error as its cause"
    assert path.read_bytes() == old, "the previous settings file was changed"
    assert _names(tmp_path) == ["settings.json"], f"the folder holds {_names(tmp_path)}"
