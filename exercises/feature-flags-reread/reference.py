"""Feature flags for the API, read from the JSON file the ops team maintains."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


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
        self._signature: tuple[int, int, int] | None = None
        self._flags: dict[str, Any] = {}

    def _current_flags(self) -> dict[str, Any]:
        """The parsed flags, re-read only when the file has changed since the last read.

        A stat() is a cheap metadata lookup; opening, reading and parsing the file is not.
        Ops replace the file (new inode) or rewrite it (new mtime/size): either changes
        the signature, so a flip is seen on the very next call.
        """
        st = os.stat(self.path)
        if (st.st_mtime_ns, st.st_size, st.st_ino) != self._signature:
            with open(self.path, encoding="utf-8") as fh:
                flags = json.load(fh)["flags"]
                # Signature of the file we actually read, in case it was replaced meanwhile.
                st = os.fstat(fh.fileno())
            self._flags = flags
            self._signature = (st.st_mtime_ns, st.st_size, st.st_ino)
        return self._flags

    def is_enabled(self, flag: str, tenant: str) -> bool:
        rule = self._current_flags().get(flag)
        if rule is None or not rule.get("enabled", False):
            return False
        tenants = rule.get("tenants")
        return tenants is None or tenant in tenants
