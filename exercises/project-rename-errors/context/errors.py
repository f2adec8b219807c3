"""The errors our API layer understands. Raise these from services; never return None for a failure.

api.call turns each one into its HTTP status and a JSON error body. Any other exception is a
bug: it becomes a 500, pages the on-call engineer and shows the user "Something went wrong".
"""

from __future__ import annotations


class AppError(Exception):
    """Base class: an error the client caused or can act on."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, **details: str) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFoundError(AppError):
    """The thing asked for does not exist (or the caller may not know it exists)."""

    status = 404
    code = "not_found"


class ValidationError(AppError):
    """The input is invalid. Pass field="..." so the web form can highlight the right box."""

    status = 422
    code = "invalid"

    def __init__(self, message: str, *, field: str, **details: str) -> None:
        super().__init__(message, field=field, **details)
        self.field = field


class ConflictError(AppError):
    """The request clashes with the current state (a duplicate name, an edit race)."""

    status = 409
    code = "conflict"
