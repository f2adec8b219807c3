"""Send the week's approved timesheets to the payroll provider (ticket PAY-508)."""

from __future__ import annotations

import httpclient
from payroll import ProviderError, Timesheet


def push_timesheets(timesheets: list[Timesheet], api_base: str, token: str) -> dict[str, bool]:
    """Post every timesheet; True when the provider accepted it, False when it rejected it."""
    accepted: dict[str, bool] = {}
    for sheet in timesheets:
        try:
            response = httpclient.post(
                f"{api_base}/v1/timesheets",
                json_body=sheet.as_payload(),
                headers={"Authorization": f"Bearer {token}"},
            )
        except httpclient.TransportError as exc:
            raise ProviderError(f"timesheet {sheet.id}: {exc}") from exc
        if response.status >= 500:
            raise ProviderError(f"timesheet {sheet.id}: provider answered {response.status}")
        accepted[sheet.id] = response.status == 201
    return accepted
