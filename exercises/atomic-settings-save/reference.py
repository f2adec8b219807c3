"""Load and save the till's settings file (printer, receipt footer, tax rates)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
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
    """Replace the settings file atomically: readers see the old file or the new one, never half.

    Any failure (a value JSON can't encode, a full disk, a locked file) propagates to the caller
    and leaves the previous settings file untouched.
    """
    target = Path(path)
    # Encode first: a value JSON can't serialise fails here, before any file is touched.
    text = json.dumps(settings, indent=2, ensure_ascii=False)
    # The temporary file must live in the same directory (same filesystem) for os.replace to be atomic.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())  # on disk before the rename, so a power cut can't leave an empty file
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
