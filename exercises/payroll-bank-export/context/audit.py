"""The audit trail: who did what to payroll data. Shipped to the compliance archive.

Use audit(...) for every action on salaries or bank files. print() output is discarded by
the job runner, and plain log lines are not kept for the seven years the auditors require.
"""

from __future__ import annotations

import logging
from typing import Any

AUDIT_LOGGER = "payroll.audit"


def audit(event: str, *, actor: str, **fields: Any) -> None:
    """Record one audited action, e.g. audit("payslip.viewed", actor="ana", employee_id=7)."""
    logging.getLogger(AUDIT_LOGGER).info(
        "%s by %s", event, actor, extra={"audit_event": event, "actor": actor, "fields": fields}
    )
