"""Visible tests for qa-review-sample: run them with Check."""

import json

from qa_sample import review_sample


def test_small_export():
    """An agent with two closed tickets gets both; open tickets are left out."""
    export = json.dumps(
        {
            "tickets": [
                {"id": "T-7", "agent": "ana", "status": "closed"},
                {"id": "T-3", "agent": "ana", "status": "closed"},
                {"id": "T-9", "agent": "ana", "status": "open"},
            ]
        }
    ).encode("utf-8")
    got = review_sample(export, "2026-W07")
    assert sorted(got["ana"]) == ["T-3", "T-7"]
