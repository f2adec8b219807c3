"""Errors the shop's API layer turns into HTTP answers (404, 409, 422)."""


class AppError(Exception):
    status = 400


class NotFoundError(AppError):
    """No such thing, as far as this caller can know (deleted orders included)."""

    status = 404


class ConflictError(AppError):
    """The request does not fit the current state (shipping a cancelled order, ...)."""

    status = 409


class ValidationError(AppError):
    status = 422
