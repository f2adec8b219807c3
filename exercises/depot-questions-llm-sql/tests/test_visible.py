"""Visible tests for depot-questions-llm-sql: run them with Check."""

import sqlite3
from contextlib import closing

from depot_questions import answer_question


class FakeModel:
    def __init__(self, reply):
        self.reply = reply

    def generate(self, prompt, *, max_tokens):
        return self.reply


def test_count_depots(tmp_path):
    """A fenced query over the depots table is answered."""
    path = tmp_path / "reporting.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            "CREATE TABLE depots (id INTEGER PRIMARY KEY, name TEXT, region TEXT);"
            "INSERT INTO depots VALUES (1, 'Leeds', 'north'), (2, 'Bristol', 'south');"
        )
    got = answer_question(str(path), FakeModel("```sql\nSELECT COUNT(*) FROM depots\n```"), "How many depots?")
    assert got == [(2,)]
