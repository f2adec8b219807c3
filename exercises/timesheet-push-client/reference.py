"""Send the week's approved timesheets to the payroll provider (ticket PAY-508)."""

from __future__ import annotations

from httpclient import Client, TransportError
from payroll import ProviderError, Timesheet


def push_timesheets(timesheets: list[Timesheet], api_base: str, token: str) -> dict[str, bool]:
    """Post every timesheet; True when the provider accepted it, False when it rejected it."""
    accepted: dict[str, bool] = {}
    if not timesheets:
        return accepted
    headers = {"Authorization": f"Bearer {token}"}
    # One client for the whole run: its kept-alive connection carries every request, so the
    # TCP/TLS handshake is paid once, and `with` closes it even when the run stops on an error.
    with Client(api_base) as client:
        for sheet in timesheets:
            try:
                response = client.post("/v1/timesheets", json_body=sheet.as_payload(), headers=headers)
            except TransportError as exc:
                raise ProviderError(f"timesheet {sheet.id}: {exc}") from exc
            if response.status >= 500:
                raise ProviderError(f"timesheet {sheet.id}: provider answered {response.status}")
            accepted[sheet.id] = response.status == 201
    return accepted
