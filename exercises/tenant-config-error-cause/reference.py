"""Per-tenant configuration for the SaaS backend: one JSON file per customer in config/tenants/."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from app_errors import ConfigError

log = logging.getLogger(__name__)

REQUIRED_KEYS: dict[str, type] = {"tenant_id": str, "plan": str, "seats": int, "region": str}


def _validate(path: Path, config: Any) -> None:
    """Raise ConfigError naming the file and the key for the first problem found."""
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: expected a JSON object, got {type(config).__name__}")
    for key, expected_type in REQUIRED_KEYS.items():
        if key not in config:
            raise ConfigError(f"{path}: missing required key {key!r}")
        if not isinstance(config[key], expected_type):
            found = type(config[key]).__name__
            raise ConfigError(f"{path}: {key!r} must be {expected_type.__name__}, not {found}")


def load_tenant_config(path: str | Path) -> dict[str, Any]:
    """Read one tenant's config file and check it has the required keys.

    Raises ConfigError whose message names the file and the problem; when the problem comes from
    reading or parsing the file, the original exception is chained as __cause__.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as f:
            config = json.load(f)
    except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ConfigError(f"cannot read tenant config {path}: {exc}") from exc
    _validate(path, config)
    return config


def load_all_tenants(config_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Load every tenant's config, keyed by file name; a broken tenant must not stop the others."""
    configs: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(config_dir).glob("*.json")):
        try:
            configs[path.stem] = load_tenant_config(path)
        except ConfigError as exc:
            log.error("Skipping tenant %s: %s", path.stem, exc, exc_info=exc)
    return configs
