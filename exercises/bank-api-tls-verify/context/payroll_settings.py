"""Payroll service settings (read-only here; ops install the files they point at)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BankSettings:
    host: str = "api.northbank.example"
    port: int = 443
    # Northbank issues its API certificates from its own private root CA, which is not in the
    # operating system's trust store. Ops install that root (and only that root) at this path.
    ca_bundle: str = "/etc/payroll/northbank-root-ca.pem"
    timeout_s: float = 15.0
