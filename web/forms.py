"""Reading a posted form without trusting its size or encoding.

Starlette reads an url-encoded body whole, however large; sign-in forms are tiny, so the body is
read here with a hard cap and parsed strictly (UTF-8, a bounded number of fields).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_BODY = 16 * 1024  # the longest legitimate form (e-mail, name, password, tokens) is ~1 KiB
MAX_FIELDS = 10
FORM_TYPE = "application/x-www-form-urlencoded"


class FormError(ValueError):
    """The request body is not a form this site sends; `status` is the HTTP answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


async def read_form(request: Request) -> dict[str, str]:
    """The posted fields (the first value of each name)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != FORM_TYPE:
        raise FormError(415, "This page only accepts its own form. Go back and submit it again.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise FormError(413, "That form was far too long. Go back and shorten what you typed.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise FormError(413, "That form was far too long. Go back and shorten what you typed.")
    try:
        pairs = parse_qsl(
            body.decode("ascii"),
            keep_blank_values=True,
            max_num_fields=MAX_FIELDS,
            encoding="utf-8",
            errors="strict",
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError(400, "The form arrived garbled. Go back and submit it again.") from exc
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields
