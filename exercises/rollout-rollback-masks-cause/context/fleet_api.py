"""The deploy tooling's view of the server fleet (read-only project file).

Every method talks to the host's agent over SSH and raises HostError when the agent reports a
failure (a package that does not install, a health check that fails, an unreachable host).
"""

from __future__ import annotations

from typing import Protocol


class HostError(Exception):
    """A fleet operation failed on one host; the message is the agent's report."""


class DeployError(Exception):
    """A rollout stopped. The release bot posts str(error) and the type and message of
    error.__cause__ to the #deploys channel; on-call starts from there."""


class Fleet(Protocol):
    def current_release(self, host: str) -> str:
        """The release installed on `host` right now."""

    def drain(self, host: str) -> None:
        """Take `host` out of the load balancer and wait for its requests to finish."""

    def install(self, host: str, release: str) -> None:
        """Install `release` on `host` and restart the service (the host must be drained)."""

    def check_health(self, host: str) -> None:
        """Raise HostError unless the service on `host` answers its health check."""

    def enable(self, host: str) -> None:
        """Put `host` back into the load balancer: it receives customer traffic again."""
