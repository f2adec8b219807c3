"""Inbound e-mail webhook: store the attachments of a customer's e-mail on their ticket (HELP-552)."""

from __future__ import annotations

import base64
import binascii
import json
import logging

from helpdesk_mail import AttachmentReport, AttachmentStore, WebhookRejected

log = logging.getLogger(__name__)


def save_attachments(raw_body: bytes, store: AttachmentStore) -> AttachmentReport:
    """Decode every attachment in the mail provider's webhook body and store it on the ticket.

    A body that is not JSON raises WebhookRejected; an attachment that is not valid base64 is
    rejected, logged and reported while the others are stored. Storage failures propagate, so
    the provider retries the delivery.
    """
    try:
        message = json.loads(raw_body)  # bytes are accepted as UTF-8 since Python 3.6
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise WebhookRejected(f"webhook body is not valid JSON: {exc}") from exc
    report = AttachmentReport()
    for part in message.get("attachments", []):
        filename = part["filename"]
        try:
            data = base64.b64decode(part["content"], validate=True)
        except binascii.Error as exc:
            log.warning("attachment %r of %s is not valid base64, rejected: %s", filename, message["message_id"], exc)
            report.rejected.append(filename)
            continue
        report.saved.append(store.put(message["message_id"], filename, data))
    return report
