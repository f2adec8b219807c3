"""Types shared by the help desk's inbound-mail webhook (read-only project file).

The webhook endpoint calls save_attachments(raw_body, store). If it raises WebhookRejected the
endpoint answers 400 and the mail provider shows the delivery as failed on its dashboard; any
other exception answers 500 and the provider retries the delivery later (for up to 3 days).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class WebhookRejected(Exception):
    """The webhook body cannot be used at all (not JSON, not the provider's format)."""


@dataclass
class AttachmentReport:
    saved: list[str] = field(default_factory=list)     # storage keys of the attachments stored
    rejected: list[str] = field(default_factory=list)  # file names of attachments that were unusable


class AttachmentStore(Protocol):
    def put(self, message_id: str, filename: str, data: bytes) -> str:
        """Store one attachment on the ticket of `message_id`; returns its storage key.
        Raises OSError when the storage is unavailable or full."""
