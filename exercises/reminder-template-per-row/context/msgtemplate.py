"""Patient message templates, shared by SMS, e-mail and letters (read-only project file).

Syntax: ``{{ field }}`` inserts a value, ``{{ field|filter }}`` formats it first.
Filters: ``upper``, ``date`` (``Tue 5 Mar``), ``time`` (``09:05``).

Compiling a template is the expensive part: it tokenises the source, checks every field
against ALLOWED_FIELDS and every filter against FILTERS, and resolves the clinic's wording
overrides. Compile a template once and call ``render`` as often as you like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ALLOWED_FIELDS = frozenset({"first_name", "clinic", "starts_at", "practitioner"})
FILTERS = {
    "upper": lambda value: str(value).upper(),
    "date": lambda value: f"{value:%a} {value.day} {value:%b}",
    "time": lambda value: f"{value:%H:%M}",
}
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*(?:\|\s*([a-z_]+)\s*)?\}\}")


class TemplateError(ValueError):
    """The template source uses an unknown field or filter."""


def _parse(source: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """Tokens: (literal text, field or None, filter or None)."""
    tokens, pos = [], 0
    for match in _PLACEHOLDER.finditer(source):
        field, filter_name = match.group(1), match.group(2)
        if field not in ALLOWED_FIELDS:
            raise TemplateError(f"unknown field {field!r}")
        if filter_name is not None and filter_name not in FILTERS:
            raise TemplateError(f"unknown filter {filter_name!r}")
        tokens.append((source[pos : match.start()], field, filter_name))
        pos = match.end()
    tokens.append((source[pos:], None, None))
    return tuple(tokens)


class MessageTemplate:
    """A compiled template. ``MessageTemplate(source).render(values)`` -> str."""

    def __init__(self, source: str):
        self.source = source
        self._tokens = _parse(source)

    def render(self, values: Mapping[str, Any]) -> str:
        out = []
        for literal, field, filter_name in self._tokens:
            out.append(literal)
            if field is not None:
                value = values[field]
                out.append(FILTERS[filter_name](value) if filter_name else str(value))
        return "".join(out)

