"""Download endpoint for patients' documents: GET /documents/<name> (ticket CLIN-402)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from clinic_errors import DocumentNotFound


def read_document(base_dir: Path, raw_name: str) -> bytes:
    """Return the contents of the document `raw_name` from the patient's folder `base_dir`.

    `raw_name` is the part of the URL after /documents/, still percent-encoded, for
    example "2024/Lab%20results.pdf". Documents may sit in sub-folders.
    Raises DocumentNotFound when there is no such document.
    """
    # The gateway forwards the raw path, so decode %20 and friends first.
    name = unquote(raw_name)
    path = Path(base_dir) / name
    if not path.is_file():
        raise DocumentNotFound(name)
    return path.read_bytes()
