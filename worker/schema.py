"""procrastinate's tables, created once per database by whichever process needs them first.

App replicas and workers may start together on a fresh database: a PostgreSQL advisory lock
lets exactly one of them apply the schema while the others wait and then find it there.
"""

from __future__ import annotations

import psycopg
from procrastinate.schema import SchemaManager

# An arbitrary constant shared by every ProdReady process: "prodready procrastinate schema".
SCHEMA_LOCK = 0x50524F44


def ensure_schema(conninfo: str) -> bool:
    """Apply procrastinate's schema if it is missing; True when this call applied it."""
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            found = connection.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
            if found is not None and found[0] is not None:
                return False
            with connection.transaction():
                connection.execute(SchemaManager.get_schema())
            return True
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
