"""The backend's own exception types (read-only project file).

The API turns an AppError into a 500 response with str(error) in the body; the alerting hook
sends str(error) plus the type and message of error.__cause__ to the on-call channel.
"""


class AppError(Exception):
    """Base class for errors raised by our own code."""


class ConfigError(AppError):
    """A configuration file is missing, unreadable or invalid."""
