"""The on-board unit's telematics types (read-only project file).

The uplink is a cellular modem: `send(batch)` delivers a list of pings to the dispatch
platform or raises UplinkError when there is no coverage (tunnels, rural roads, depots).
"""

from __future__ import annotations

from dataclasses import dataclass


class UplinkError(Exception):
    """No coverage: nothing in the batch was delivered."""


@dataclass(frozen=True, slots=True)
class Ping:
    vehicle: str
    seq: int  # increases by one for every ping the unit records
    lat: float
    lon: float
