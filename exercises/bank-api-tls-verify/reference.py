"""HTTPS connection to Northbank's payroll API (PAY-233)."""

from __future__ import annotations

import http.client
import ssl

from payroll_settings import BankSettings


def bank_tls_context(ca_bundle: str) -> ssl.SSLContext:
    """Verify the bank's certificate chain and host name against the bank's own root CA.

    create_default_context keeps the secure defaults (CERT_REQUIRED, check_hostname, TLS 1.2+);
    cafile makes the bank's private root the trust anchor instead of the public store.
    """
    return ssl.create_default_context(cafile=ca_bundle)


def open_bank_connection(settings: BankSettings) -> http.client.HTTPSConnection:
    """A connection to the bank's payroll API; the caller sends the requests and closes it."""
    return http.client.HTTPSConnection(
        settings.host,
        settings.port,
        timeout=settings.timeout_s,
        context=bank_tls_context(settings.ca_bundle),
    )
