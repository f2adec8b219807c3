"""Hidden tests for HELP-552: attachments are stored on Python 3.11, failures are reported or propagate."""

import base64
import json
import logging

import pytest

from helpdesk_mail import AttachmentReport, WebhookRejected
from inbound_attachments import save_attachments

PDF = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x01\xfe\xff" * 40
CSV = "Rechnung;Betrag\nRE-0412;149,90 €\n".encode("utf-8")


class StorageFull(OSError):
    """Raised by the fake store when the attachment storage is full."""


class FakeStore:
    def __init__(self, fail=None):
        self.fail = fail
        self.items = []

    def put(self, message_id, filename, data):
        if self.fail is not None:
            raise self.fail
        self.items.append((message_id, filename, data))
        return f"att/{len(self.items)}/{filename}"


def _body(*attachments, message_id="<CAF3x9@mail.example>"):
    parts = [
        {"filename": name, "content_type": "application/octet-stream", "content": content}
        for name, content in attachments
    ]
    return json.dumps({"message_id": message_id, "attachments": parts}).encode("utf-8")


def _b64(data):
    return base64.b64encode(data).decode("ascii")


def _save(body, store):
    report = save_attachments(body, store)
    assert type(report) is AttachmentReport, f"returned {type(report).__name__}"
    return report


def test_attachments_are_stored():
    """Every attachment of an e-mail is decoded and stored on the ticket, and its key is reported — the feature must work on the Python version production runs."""
    store = FakeStore()
    report = _save(_body(("invoice-0412.pdf", _b64(PDF)), ("screenshot.png", _b64(PNG))), store)
    assert [(m, f) for m, f, _d in store.items] == [("<CAF3x9@mail.example>", "invoice-0412.pdf"), ("<CAF3x9@mail.example>", "screenshot.png")], f"stored {[(m, f) for m, f, _d in store.items]}"
    assert [d for _m, _f, d in store.items] == [PDF, PNG], "the stored bytes are not the attachments' contents"
    assert report.saved == ["att/1/invoice-0412.pdf", "att/2/screenshot.png"], f"report.saved was {report.saved}"
    assert report.rejected == [], f"report.rejected was {report.rejected}"


def test_non_ascii_file_names_and_contents():
    """An attachment with a non-ASCII file name and UTF-8 content is stored byte for byte."""
    store = FakeStore()
    _save(_body(("Übersicht Rechnungen.csv", _b64(CSV))), store)
    assert [(f, d) for _m, f, d in store.items] == [("Übersicht Rechnungen.csv", CSV)], f"stored {store.items!r}"


def test_email_without_attachments():
    """An e-mail without attachments stores nothing and reports nothing."""
    store = FakeStore()
    report = _save(_body(), store)
    assert store.items == [] and report.saved == [] and report.rejected == [], f"report was {report}"


@pytest.mark.parametrize(
    "corrupt",
    ["JVBERi0xLjcK%%%", "JVBERi0xLj", "not base64 at all!"],
    ids=["characters outside the base64 alphabet", "a truncated upload", "plain text instead of base64"],
)
def test_corrupt_attachment_is_rejected_and_others_stored(corrupt, caplog):
    """An attachment that is not valid base64 is rejected — listed in report.rejected and logged as a warning naming the file — while the other attachments are still stored; storing it leniently would put a corrupt file on the ticket."""
    caplog.set_level(logging.DEBUG)
    store = FakeStore()
    report = _save(_body(("contract.pdf", _b64(PDF)), ("broken-scan.pdf", corrupt), ("photo.png", _b64(PNG))), store)
    assert [f for _m, f, _d in store.items] == ["contract.pdf", "photo.png"], f"stored {[f for _m, f, _d in store.items]}"
    assert report.rejected == ["broken-scan.pdf"], f"report.rejected was {report.rejected}"
    assert len(report.saved) == 2, f"report.saved was {report.saved}"
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and "broken-scan.pdf" in r.getMessage()]
    assert loud, "no warning or error names the rejected attachment"


@pytest.mark.parametrize(
    "body",
    [b"<html><body>502 Bad Gateway</body></html>", b'{"message_id": "<x@y>", "attachments": [', b""],
    ids=["an HTML error page", "a truncated JSON body", "an empty body"],
)
def test_body_that_is_not_json_is_rejected_with_its_cause(body):
    """A webhook body that is not valid JSON raises WebhookRejected chained from the parsing error — the provider then shows the failed delivery instead of us silently answering 200."""
    with pytest.raises(WebhookRejected) as info:
        save_attachments(body, FakeStore())
    assert isinstance(info.value.__cause__, ValueError), f"__cause__ was {info.value.__cause__!r}"


def test_storage_failure_propagates():
    """When the attachment storage fails, the error propagates so the webhook answers 500 and the provider retries — logging it and answering 200 loses the attachment for good."""
    store = FakeStore(fail=StorageFull(28, "No space left on device"))
    with pytest.raises(OSError):
        save_attachments(_body(("invoice.pdf", _b64(PDF))), store)


def test_bugs_are_not_swallowed():
    """An unexpected error from our own code (here a store that was wired up wrongly) propagates instead of being logged as a skipped attachment."""
    store = FakeStore(fail=TypeError("put() missing 1 required positional argument: 'data'"))
    with pytest.raises(TypeError):
        save_attachments(_body(("invoice.pdf", _b64(PDF))), store)
