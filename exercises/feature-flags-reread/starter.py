"""Feature flags for the API, read from the JSON file the ops team maintains."""

from __future__ import annotations

import json
import os
from pathlib import Path


class FlagStore:
    """Answers "is feature X on for tenant Y?" from the flags file.

    File format::

        {"flags": {"new-billing": {"enabled": true, "tenants": ["acme", "globex"]},
                   "dark-mode": {"enabled": true}}}

    A flag is on for a tenant when it is enabled and either lists no tenants (on for
    everyone) or lists this tenant. Unknown flags are off.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def is_enabled(self, flag: str, tenant: str) -> bool:
        # Read the file every time so a flag flipped by ops takes effect immediately.
        with open(self.path, encoding="utf-8") as fh:
            flags = json.load(fh)["flags"]

        rule = flags.get(flag)
        if rule is None or not rule.get("enabled", False):
            return False
        tenants = rule.get("tenants")
        return tenants is None or tenant in tenants
