"""Load and save the till's settings file (printer, receipt footer, tax rates)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_SETTINGS: dict[str, Any] = {
    "shop_name": "My Shop",
    "currency": "EUR",
    "receipt_footer": "Thank you for your visit!",
    "printer": {"host": "192.168.1.50", "port": 9100},
}


def load_settings(path: str | Path) -> dict[str, Any]:
    """Return the saved settings, or a copy of the defaults on first run."""
    settings_file = Path(path)
    if not settings_file.exists():
        return json.loads(json.dumps(DEFAULT_SETTINGS))
    with settings_file.open(encoding="utf-8") as f:
        return json.load(f)


def save_settings(path: str | Path, settings: dict[str, Any]) -> None:
    """Write the settings to disk as pretty-printed JSON so support staff can read them."""
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(settings, f, indent=2, ensure_ascii=False)
    except Exception as exc:
        # Don't crash the settings dialog over a failed save; just report it.
        print(f"Warning: could not save settings: {exc}")
