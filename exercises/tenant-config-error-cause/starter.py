"""Per-tenant configuration for the SaaS backend: one JSON file per customer in config/tenants/."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from app_errors import ConfigError

log = logging.getLogger(__name__)

REQUIRED_KEYS: dict[str, type] = {"tenant_id": str, "plan": str, "seats": int, "region": str}


def _validate(config: dict[str, Any]) -> None:
    for key, expected_type in REQUIRED_KEYS.items():
        if not isinstance(config[key], expected_type):
            raise TypeError(f"{key} must be {expected_type.__name__}")


def load_tenant_config(path: str | Path) -> dict[str, Any]:
    """Read one tenant's config file and check it has the required keys."""
    try:
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
        _validate(config)
        return config
    except Exception:
        raise ConfigError("Invalid tenant configuration")


def load_all_tenants(config_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Load every tenant's config, keyed by file name; a broken tenant must not stop the others."""
    configs: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(config_dir).glob("*.json")):
        try:
            configs[path.stem] = load_tenant_config(path)
        except ConfigError:
            log.error("Skipping tenant %s: invalid configuration", path.stem)
    return configs
