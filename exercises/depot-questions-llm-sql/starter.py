"""Answer depot managers' questions with SQL written by the model (OPS-771)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

from depot_reporting import SCHEMA_PROMPT, ChatModel

_FENCE = re.compile(r"```(?:sql)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def extract_sql(reply: str) -> str:
    """The query in the model's reply; models often wrap it in a Markdown code fence."""
    match = _FENCE.search(reply)
    return (match.group(1) if match else reply).strip()


def answer_question(db_path: str, model: ChatModel, question: str) -> list[tuple]:
    """Turn a manager's question into SQL with the model, run it, and return the rows."""
    prompt = f"{SCHEMA_PROMPT}\n\nQuestion: {question}"
    sql = extract_sql(model.generate(prompt, max_tokens=400))
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(sql).fetchall()
