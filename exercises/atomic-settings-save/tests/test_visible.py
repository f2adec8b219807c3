import datetime
import json

import pytest

from settings_store import load_settings, save_settings


def test_round_trip(tmp_path):
    """Saved settings load back unchanged."""
    path = tmp_path / "settings.json"
    settings = {"shop_name": "Café Zoë", "printer": {"host": "10.0.0.7", "port": 9100}}
    save_settings(path, settings)
    assert load_settings(path) == settings, f"loaded {load_settings(path)!r}"


def test_failed_save_keeps_old_file_and_raises(tmp_path):
    """A save that fails must raise and must not damage the settings already on disk."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"shop_name": "Corner Bakery"}), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    with pytest.raises(Exception):
        save_settings(path, {"shop_name": "Corner Bakery", "opened": datetime.date(2024, 1, 2)})
    assert path.read_text(encoding="utf-8") == before, "the old settings file was damaged"
