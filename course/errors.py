from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A lesson or exercise is broken; the message names the file and the field."""


def read_utf8(path: Path) -> str:
    """A content file's text; a file that is not UTF-8 is a ContentError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{path}: not UTF-8 text (byte {exc.start})") from None
