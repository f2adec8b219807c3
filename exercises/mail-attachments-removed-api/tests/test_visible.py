"""Check you can run: one small attachment is stored."""

import base64
import json

from inbound_attachments import save_attachments


class Store:
    def __init__(self):
        self.items = []

    def put(self, message_id, filename, data):
        self.items.append((filename, data))
        return f"att/{len(self.items)}"


def test_one_attachment_is_stored():
    """A text file attached to an e-mail ends up in the store."""
    content = base64.b64encode(b"hello").decode("ascii")
    body = json.dumps({"message_id": "<1@x>", "attachments": [{"filename": "a.txt", "content_type": "text/plain", "content": content}]})
    store = Store()
    report = save_attachments(body.encode("utf-8"), store)
    assert store.items == [("a.txt", b"hello")], f"stored {store.items}"
    assert report.saved == ["att/1"], f"report: {report}"
