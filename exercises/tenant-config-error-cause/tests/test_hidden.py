import json
import logging

import pytest

from app_errors import AppError, ConfigError
from tenant_config import load_all_tenants, load_tenant_config

GOOD = {"tenant_id": "acme", "plan": "enterprise", "seats": 250, "region": "eu-west-1", "sso": True}

# label: (file bytes, or None for "no file", lower-level cause type or None, text the message must keep)
BROKEN = {
    "missing file": (None, FileNotFoundError, ("no such file", "not found", "does not exist")),
    "bad json": (b'{\n  "tenant_id": "globex",\n  "plan": "pro",\n}\n', json.JSONDecodeError, "line 4"),
    "not utf-8": ('{"tenant_id": "café", "plan": "pro", "seats": 3, "region": "eu"}'.encode("latin-1"), UnicodeDecodeError, ("decode", "utf-8", "utf8", "unicode", "encoding")),
    "missing key": (json.dumps({"tenant_id": "initech", "plan": "pro", "seats": 12}).encode(), None, "region"),
    "wrong type": (json.dumps({"tenant_id": "umbrella", "plan": "pro", "seats": "25", "region": "us"}).encode(), None, "seats"),
    "not an object": (b'["hooli", "pro", 10, "us"]', None, None),
}


def _write(folder, name, data):
    path = folder / name
    if data is not None:
        path.write_bytes(data)
    return path


def _load_broken(tmp_path, label, name="vandelay-industries.json"):
    data, _cause, _text = BROKEN[label]
    path = _write(tmp_path, name, data)
    with pytest.raises(Exception) as info:
        load_tenant_config(path)
    return path, info.value


def test_valid_config_loads(tmp_path):
    """A valid tenant file loads as a dict with all its keys — the fix must keep the loader working."""
    path = _write(tmp_path, "acme.json", json.dumps(GOOD, indent=2).encode())
    config = load_tenant_config(path)
    assert type(config) is dict, f"returned {type(config).__name__}"
    assert GOOD == config, f"returned {config!r}"


def test_valid_config_accepts_a_string_path(tmp_path):
    """The loader accepts the path as a string too, as before."""
    path = _write(tmp_path, "acme.json", json.dumps(GOOD).encode())
    assert GOOD == load_tenant_config(str(path))


@pytest.mark.parametrize("label", ["missing file", "bad json", "not utf-8", "missing key", "wrong type", "not an object"], ids=["a missing file", "invalid JSON", "a file that is not UTF-8", "a missing key", "a value of the wrong type",
    "a list instead of an object"])
def test_problems_raise_the_projects_config_error(tmp_path, label):
    """Every kind of broken tenant file raises the project's ConfigError, so the API and the startup code can handle it in one place."""
    _path, err = _load_broken(tmp_path, label)
    assert isinstance(err, ConfigError), f"raised {type(err).__name__}: {err}"


@pytest.mark.parametrize("label", ["missing file", "bad json", "not utf-8", "missing key", "wrong type", "not an object"], ids=["a missing file", "invalid JSON", "a file that is not UTF-8", "a missing key", "a value of the wrong type",
    "a list instead of an object"])
def test_error_message_names_the_file(tmp_path, label):
    """The ConfigError message names the file that is broken — with hundreds of tenants, 'Invalid configuration' alone sends on-call hunting through every file."""
    path, err = _load_broken(tmp_path, label, name=f"tenant-{len(label)}-{label[:3]}.json")
    assert path.name in str(err), f"message was {str(err)!r}"


@pytest.mark.parametrize("label", ["missing file", "bad json", "not utf-8", "missing key", "wrong type"], ids=[
    "a missing file", "invalid JSON", "a file that is not UTF-8", "a missing key", "a value of the wrong type"])
def test_error_message_says_what_is_wrong(tmp_path, label):
    """The ConfigError message keeps the original problem (the parser's line number, the missing or mistyped key, the OS error) — a generic message throws away exactly what on-call needs."""
    _data, _cause, text = BROKEN[label]
    _path, err = _load_broken(tmp_path, label)
    accepted = text if isinstance(text, tuple) else (text,)
    assert any(t.lower() in str(err).lower() for t in accepted), f"message was {str(err)!r}"


@pytest.mark.parametrize("label", ["missing file", "bad json", "not utf-8"],
                         ids=["a missing file", "invalid JSON", "a file that is not UTF-8"])
def test_original_exception_is_the_cause(tmp_path, label):
    """When reading or parsing the file fails, the ConfigError is raised `from` the original exception, so its type and traceback reach the alert (__cause__ is set, not suppressed)."""
    _data, cause, _text = BROKEN[label]
    _path, err = _load_broken(tmp_path, label)
    assert isinstance(err, AppError), f"raised {type(err).__name__}"
    assert isinstance(err.__cause__, cause), f"__cause__ was {err.__cause__!r}"


def test_load_all_skips_broken_tenant_and_keeps_others(tmp_path):
    """One broken tenant file is skipped and every other tenant still loads — one customer's typo must not take the platform down."""
    _write(tmp_path, "acme.json", json.dumps(GOOD).encode())
    _write(tmp_path, "globex.json", BROKEN["bad json"][0])
    _write(tmp_path, "initech.json", json.dumps({**GOOD, "tenant_id": "initech"}).encode())
    configs = load_all_tenants(tmp_path)
    assert type(configs) is dict, f"returned {type(configs).__name__}"
    assert sorted(configs) == ["acme", "initech"], f"loaded {sorted(configs)}"
    assert configs["initech"]["tenant_id"] == "initech"


def test_skipped_tenant_is_logged_with_the_reason(tmp_path, caplog):
    """Skipping a tenant logs a warning or error that names the tenant and carries the reason (the exception or its message) — 'invalid configuration' alone can't be acted on."""
    caplog.set_level(logging.DEBUG)
    _write(tmp_path, "acme.json", json.dumps(GOOD).encode())
    _write(tmp_path, "globex.json", BROKEN["bad json"][0])
    load_all_tenants(tmp_path)
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and "globex" in r.getMessage()]
    assert loud, "no warning or error names the skipped tenant"

    def carries_reason(record):
        if "line 4" in record.getMessage():
            return True
        exc = record.exc_info[1] if record.exc_info else None
        return exc is not None and ("line 4" in str(exc) or "line 4" in str(exc.__cause__))

    assert any(carries_reason(r) for r in loud), "the log record does not say why the tenant was skipped"
