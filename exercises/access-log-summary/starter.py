"""Nightly access-log summary for the shop's ops dashboard (ticket OPS-212)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

# Common Log Format: host ident user [time] "request" status bytes
_LINE = re.compile(
    r'^(?P<host>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" '
    r"(?P<status>\d{3}) (?P<bytes>\d+|-)"
)


@dataclass
class LogSummary:
    """What the dashboard shows for one day of traffic."""

    total: int = 0
    malformed: int = 0
    bytes_sent: int = 0
    by_status: dict[int, int] = field(default_factory=dict)


def summarise_access_log(stream: TextIO) -> LogSummary:
    """Count requests per status code and the bytes sent in one access log."""
    # Load the whole log and split it into lines so we can loop over them.
    text = stream.read()
    lines = text.splitlines()

    summary = LogSummary()
    statuses: Counter[int] = Counter()
    for line in lines:
        if not line.strip():
            continue  # blank lines are not requests
        match = _LINE.match(line)
        if match is None:
            summary.malformed += 1
            continue
        summary.total += 1
        statuses[int(match["status"])] += 1
        if match["bytes"] != "-":  # "-" means no body was sent
            summary.bytes_sent += int(match["bytes"])
    summary.by_status = dict(statuses)
    return summary
