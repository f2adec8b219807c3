"""Server-rendered HTML for the sign-in pages: no JavaScript, every field labelled, errors
announced (role="alert") and tied to their field, and everything a person typed escaped.

A password is never written back into a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from learning.accounts import MAX_EMAIL, MAX_NAME, MAX_PASSWORD, MIN_PASSWORD
from web.paths import at
from web.security import CSRF_FIELD, mask

STYLESHEET = "/auth/assets/auth.css"  # as at the root: see web/paths.py


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"
    autocomplete: str = "off"
    maxlength: int = MAX_NAME
    required: bool = True
    hint: str = ""


EMAIL = Field("email", "E-mail", "email", "username", MAX_EMAIL)
NAME = Field(
    "name", "Your name", "text", "name", MAX_NAME, required=False, hint="As others see it."
)
PASSWORD = Field("password", "Password", "password", "current-password", MAX_PASSWORD)
NEW_PASSWORD = Field(
    "password",
    "Password",
    "password",
    "new-password",
    MAX_PASSWORD,
    hint=f"At least {MIN_PASSWORD} characters; a short sentence is easy to remember.",
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def layout(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} · ProdReady</title>\n"
        f'<link rel="stylesheet" href="{at(STYLESHEET)}">\n</head>\n<body>\n'
        '<main class="card">\n<p class="brand">ProdReady</p>\n'
        f"<h1>{_e(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


def notice(text: str, *, error: bool = True) -> str:
    """A message at the top of a page; errors are announced by screen readers at once."""
    if error:
        return f'<p class="error" role="alert" id="form-error">{_e(text)}</p>'
    return f'<p class="info">{_e(text)}</p>'


def _field(field: Field, value: str, *, focus: bool, invalid: bool) -> str:
    attributes = [
        f'id="{field.name}"',
        f'name="{field.name}"',
        f'type="{field.kind}"',
        f'autocomplete="{field.autocomplete}"',
        f'maxlength="{field.maxlength}"',
    ]
    if field.kind != "password" and value:
        attributes.append(f'value="{_e(value)}"')
    if field.required:
        attributes.append("required")
    if focus:
        attributes.append("autofocus")
    described = []
    if field.hint:
        described.append(f"{field.name}-hint")
    if invalid:
        attributes.append('aria-invalid="true"')
        described.append("form-error")
    if described:
        attributes.append(f'aria-describedby="{" ".join(described)}"')
    hint = (
        f'<span class="hint" id="{field.name}-hint">{_e(field.hint)}</span>' if field.hint else ""
    )
    return (
        f'<label for="{field.name}">{_e(field.label)}</label>{hint}<input {" ".join(attributes)}>'
    )


def form(
    action: str,
    csrf: str,
    fields: list[Field],
    submit: str,
    *,
    values: dict[str, str] | None = None,
    hidden: dict[str, str] | None = None,
    invalid: str | None = None,
) -> str:
    """A POST form. `invalid` names the field an error is about (it gets the focus); without
    an error the first empty field gets it."""
    values = values or {}
    first = fields[0].name if fields else None
    focus = invalid or next((f.name for f in fields if not values.get(f.name)), first)
    rows = [
        _field(f, values.get(f.name, ""), focus=f.name == focus, invalid=f.name == invalid)
        for f in fields
    ]
    extra = {CSRF_FIELD: mask(csrf), **(hidden or {})}
    hidden_inputs = "".join(
        f'<input type="hidden" name="{_e(name)}" value="{_e(value)}">'
        for name, value in extra.items()
    )
    return (
        f'<form method="post" action="{_e(action)}">{hidden_inputs}'
        + "".join(f'<div class="row">{row}</div>' for row in rows)
        + f'<button type="submit">{_e(submit)}</button></form>'
    )


def links(*items: tuple[str, str]) -> str:
    return (
        '<ul class="links">'
        + "".join(f'<li><a href="{_e(href)}">{_e(text)}</a></li>' for href, text in items)
        + "</ul>"
    )
