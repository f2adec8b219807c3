"""Ask-your-data for depot managers: the rules from security review SEC-88.

A manager types a question; a language model turns it into one SQLite query over the reporting
database. The database file also holds operational tables (drivers with salaries and home
addresses, users with password hashes, invoices, ...). The model's output is UNTRUSTED: the
question is user input, and "ignore the instructions above and ..." inside a question works on
models often enough. Whatever the model returns:

- it may only read the tables in REPORTING_TABLES — any other table, the schema itself
  (sqlite_master, pragmas) included, is off limits;
- it may never change anything, attach another database or run a pragma;
- at most MAX_ROWS rows come back to the UI;
- anything refused or broken raises UnsafeQuery: the UI answers "I can't answer that".
"""

from __future__ import annotations

from typing import Protocol

REPORTING_TABLES = frozenset({"depots", "shipments"})
MAX_ROWS = 200

SCHEMA_PROMPT = """You write SQLite queries for a logistics reporting database.
Tables:
  depots(id INTEGER PRIMARY KEY, name TEXT, region TEXT)
  shipments(id INTEGER PRIMARY KEY, depot_id INTEGER REFERENCES depots(id), status TEXT,
            weight_kg REAL, shipped_on TEXT)  -- status: 'delivered', 'in_transit', 'returned'
Reply with a single query and nothing else."""


class UnsafeQuery(Exception):
    """The question cannot be answered safely; the UI says "I can't answer that"."""


class ChatModel(Protocol):
    def generate(self, prompt: str, *, max_tokens: int) -> str: ...
