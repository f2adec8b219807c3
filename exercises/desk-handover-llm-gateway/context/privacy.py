"""Redaction of free text before it leaves the desk (prompts, exports, analytics)."""

from __future__ import annotations

import re

_RULES = [
    (re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}\b"), "[secret]"),
    (re.compile(r"\bBearer\s+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE), "Bearer [secret]"),
    (re.compile(r"(?i)\b(password|passwd|pwd)\s*[:=]\s*\S+"), r"\1: [secret]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b(?:\d[ -]?){12,18}\d\b"), "[card]"),
    (re.compile(r"\+\d[\d ()-]{7,}\d"), "[phone]"),  # international format
    (re.compile(r"\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b"), "[phone]"),  # national format
]


def redact(text: str) -> str:
    """`text` with credentials and contact details replaced by placeholders."""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text
