from __future__ import annotations


class ContentError(ValueError):
    """A lesson or exercise is broken; the message names the file and the field."""
