"""Answer depot managers' questions with SQL written by the model (OPS-771)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from depot_reporting import MAX_ROWS, REPORTING_TABLES, SCHEMA_PROMPT, ChatModel, UnsafeQuery

_FENCE = re.compile(r"```(?:sql)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def extract_sql(reply: str) -> str:
    """The query in the model's reply; models often wrap it in a Markdown code fence."""
    match = _FENCE.search(reply)
    return (match.group(1) if match else reply).strip()


def _only_read_reporting_tables(action, arg1, arg2, db_name, source):
    """sqlite3 authorizer: the database itself refuses anything but reading the allowed tables.

    SQLite checks every table, column, function and statement the query touches, however the
    SQL is spelled (quotes, case, subqueries, UNION). Table names can arrive as written.
    """
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ and (arg1 or "").lower() in REPORTING_TABLES:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def answer_question(db_path: str, model: ChatModel, question: str) -> list[tuple]:
    """Turn a manager's question into SQL with the model, run it, and return the rows."""
    prompt = f"{SCHEMA_PROMPT}\n\nQuestion: {question}"
    sql = extract_sql(model.generate(prompt, max_tokens=400))
    # Read-only at the file level as a second wall, in case the authorizer is ever loosened.
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        conn.set_authorizer(_only_read_reporting_tables)
        try:
            return conn.execute(sql).fetchmany(MAX_ROWS)
        except sqlite3.Error as exc:  # refused by the authorizer, several statements, bad SQL
            raise UnsafeQuery("I can't answer that") from exc
