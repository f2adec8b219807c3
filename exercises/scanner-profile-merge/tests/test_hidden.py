"""Hidden tests for scanner-profile-merge."""

import json
from collections.abc import Mapping
from types import MappingProxyType

import pytest

from scanner_config import merge_profile
from scanner_defaults import DEFAULT_PROFILE, read_only


class SiteSettings(Mapping):
    """A read-only mapping type like the settings layer's own (neither a dict nor a proxy)."""

    def __init__(self, data):
        self._data = {k: SiteSettings(v) if isinstance(v, dict) else v for k, v in data.items()}

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


KINDS = [lambda d: d, read_only, SiteSettings]
KIND_IDS = ["overrides from the admin preview", "overrides as read-only views", "overrides as the settings' own mapping type"]


def _defaults():
    return {
        "scan": {"beep": True, "symbologies": ["ean13", "code128"], "timeout_ms": 3000},
        "display": {"brightness": 70, "units": {"weight": "kg", "length": "cm"}},
        "sync": {"interval_s": 60, "endpoint": "https://wms.internal/sync", "retries": [1, 5, 30]},
    }


def _assert_plain(value, where="the profile"):
    if isinstance(value, Mapping):
        assert type(value) is dict, f"{where} contains a {type(value).__name__}, not a plain dict"
        for key, item in value.items():
            _assert_plain(item, f"{where}[{key!r}]")
    elif isinstance(value, list):
        for item in value:
            _assert_plain(item, where)


def test_no_overrides_gives_the_defaults_as_plain_data():
    """Without overrides the profile equals the defaults, as plain dicts the handhelds' JSON
    encoder accepts."""
    got = merge_profile(DEFAULT_PROFILE, {})
    _assert_plain(got)
    assert got == _defaults(), "the profile differs from the defaults"
    assert json.loads(json.dumps(got)) == _defaults(), "the profile does not survive JSON"


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_sections_merge_key_by_key(kind):
    """An override inside a section changes that key only; the section's other settings stay,
    whatever mapping type the overrides come in: replacing the whole section would silently
    drop the barcode types and the scanners would stop reading."""
    got = merge_profile(DEFAULT_PROFILE, kind({"scan": {"beep": False}, "display": {"units": {"weight": "lb"}}}))
    want = _defaults()
    want["scan"]["beep"] = False
    want["display"]["units"]["weight"] = "lb"
    assert got == want, "sections were not merged key by key"
    _assert_plain(got)


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_other_values_replace_and_new_keys_are_added(kind):
    """A list, number or string in the overrides replaces the default; a section where the
    default had a plain value replaces it; keys only in the overrides are added."""
    overrides = {
        "scan": {"symbologies": ["qr"], "timeout_ms": 5000},
        "sync": {"endpoint": "https://wms-rotterdam.internal/sync", "interval_s": {"wifi": 30, "cellular": 300}},
        "printer": {"label": "100x150", "dpi": 203},
    }
    got = merge_profile(DEFAULT_PROFILE, kind(overrides))
    want = _defaults()
    want["scan"].update(symbologies=["qr"], timeout_ms=5000)
    want["sync"].update(endpoint="https://wms-rotterdam.internal/sync", interval_s={"wifi": 30, "cellular": 300})
    want["printer"] = {"label": "100x150", "dpi": 203}
    assert got == want, "values were not replaced or added as the ticket says"
    _assert_plain(got)
    again = merge_profile(kind({"display": {"brightness": {"day": 90, "night": 40}}}), kind({"display": {"brightness": 55}}))
    assert again == {"display": {"brightness": 55}}, "a plain value did not replace a section"


def test_defaults_given_as_plain_dicts_work_too():
    """The admin preview passes plain dicts for both arguments; they merge the same way."""
    got = merge_profile(_defaults(), {"display": {"brightness": 30}})
    assert got["display"] == {"brightness": 30, "units": {"weight": "kg", "length": "cm"}}, "plain dicts did not merge"


@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_the_result_is_json_ready(kind):
    """Every part of the profile, including the sections that were not overridden, is a plain
    dict or list, so it can be sent to the handhelds as JSON."""
    got = merge_profile(DEFAULT_PROFILE, kind({"scan": {"beep": False}}))
    _assert_plain(got)
    json.dumps(got)


def test_changing_a_profile_changes_nothing_else():
    """Each profile is an independent copy: a session that changes its own profile (a nested
    setting, a list) changes neither the defaults, nor the overrides, nor another profile."""
    defaults = _defaults()
    overrides = {"scan": {"symbologies": ["qr", "ean8"]}, "extra": {"zones": ["A", "B"]}}
    first = merge_profile(defaults, overrides)
    second = merge_profile(DEFAULT_PROFILE, overrides)
    for profile in (first, second):
        profile["scan"]["symbologies"].append("pdf417")
        profile["sync"]["retries"].append(120)
        profile["display"]["units"]["weight"] = "st"
        profile["extra"]["zones"].clear()
    assert defaults == _defaults(), "changing a profile changed the defaults passed in"
    assert merge_profile(DEFAULT_PROFILE, {}) == _defaults(), "changing a profile changed DEFAULT_PROFILE"
    assert overrides == {"scan": {"symbologies": ["qr", "ean8"]}, "extra": {"zones": ["A", "B"]}}, (
        "changing a profile changed the overrides"
    )


def test_the_inputs_are_not_modified():
    """Merging never modifies its arguments: the same defaults serve every warehouse."""
    defaults, overrides = _defaults(), {"scan": {"beep": False}, "new": 1}
    merge_profile(defaults, overrides)
    assert defaults == _defaults(), "the defaults were modified"
    assert overrides == {"scan": {"beep": False}, "new": 1}, "the overrides were modified"
    assert isinstance(DEFAULT_PROFILE["scan"], MappingProxyType), "DEFAULT_PROFILE was replaced"
