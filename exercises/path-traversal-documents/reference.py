"""Download endpoint for patients' documents: GET /documents/<name> (ticket CLIN-402)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from clinic_errors import DocumentNotFound


def read_document(base_dir: Path, raw_name: str) -> bytes:
    """Return the contents of the document `raw_name` from the patient's folder `base_dir`.

    `raw_name` is the part of the URL after /documents/, still percent-encoded, for
    example "2024/Lab%20results.pdf". Documents may sit in sub-folders.
    Raises DocumentNotFound when there is no such document, and for any name that
    resolves outside `base_dir` (../, absolute paths, symlinks pointing out).
    """
    # Decode first, then check: the check must see the same path that is opened.
    name = unquote(raw_name)
    base = Path(base_dir).resolve()
    try:
        # resolve() collapses ".." and follows symlinks, so the containment test
        # below is made on the real location of the file.
        path = (base / name).resolve()
        # is_relative_to compares whole path components: /p/1001-archive is not in /p/1001.
        if path.is_relative_to(base) and path.is_file():
            return path.read_bytes()
    except (OSError, ValueError):
        # A NUL byte, a symlink loop, a name too long for the file system, a file that
        # is unreadable or was deleted since the check: all of them look like "not found".
        pass
    raise DocumentNotFound(name)
