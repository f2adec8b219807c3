"""Hidden tests for bank-api-tls-verify.

The handshakes run entirely in memory (ssl.MemoryBIO): no network. The certificates below were
made for these tests only: the bank's root CA, the bank's API certificate, a certificate the
bank's CA issued for another host, and an impostor with the same names from another CA.
All are valid from 2024 to 2124, so the outcome does not depend on the machine's clock.
"""

import http.client
import ssl

import pytest

from bank_client import open_bank_connection
from payroll_settings import BankSettings

BANKCA_PEM = """\
-----BEGIN CERTIFICATE-----
MIIBizCCATCgAwIBAgIIMF93cO0NKoowCgYIKoZIzj0EAwIwKDEmMCQGA1UEAwwd
Tm9ydGhiYW5rIFBheXJvbGwgQVBJIFJvb3QgQ0EwIBcNMjQwMTAxMDAwMDAwWhgP
MjEyNDAxMDEwMDAwMDBaMCgxJjAkBgNVBAMMHU5vcnRoYmFuayBQYXlyb2xsIEFQ
SSBSb290IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbHC8TEQElVNm2poP
CYo7E1go5/zoN6TbIGfWKjwGTGgYemm9x8V1pK1zx5vt6TSRwM01Q56Rj+AAzAxF
gfC9paNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O
BBYEFCaEk1Q60PKi/ulgHnAIixorONboMAoGCCqGSM49BAMCA0kAMEYCIQCq0c3+
Cfnt5w6u8IymnGYFkuymwRhbzvfAPOHtE4pbmQIhAMWkZpu/UOl6I0aXoIg/8W71
6gKjyJo9AcrU/CR9bn1u
-----END CERTIFICATE-----
"""

BANK_PEM = """\
-----BEGIN CERTIFICATE-----
MIIB2TCCAYCgAwIBAgIJAP12TYrDYK8HMAoGCCqGSM49BAMCMCgxJjAkBgNVBAMM
HU5vcnRoYmFuayBQYXlyb2xsIEFQSSBSb290IENBMCAXDTI0MDEwMTAwMDAwMFoY
DzIxMjQwMTAxMDAwMDAwWjAgMR4wHAYDVQQDDBVhcGkubm9ydGhiYW5rLmV4YW1w
bGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASpTQ4Kd1sp7uHCyJz2y74EC8/9
KBOzBa+22HiNsQP1qxUVeZolwOmk7XBaLo2nW7eS+OdUc40svSXlaY0kLFtVo4GY
MIGVMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgeAMBMGA1UdJQQMMAoGCCsG
AQUFBwMBMB0GA1UdDgQWBBSrzID19gYPctyXvu8BkykXlriq+TAfBgNVHSMEGDAW
gBQmhJNUOtDyov7pYB5wCIsaKzjW6DAgBgNVHREEGTAXghVhcGkubm9ydGhiYW5r
LmV4YW1wbGUwCgYIKoZIzj0EAwIDRwAwRAIgJJyV3U1fqpvJa97L54ZepQmsVOAW
VVayq2klL7ayJNsCIEPBWsJwgqx2hgFTcsTywimibrEEoLJI0JKxEg8DVbf0
-----END CERTIFICATE-----
"""

BANK_KEY_PEM = """\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEILJ3yfrszQZzzu1FVZJKfOS9u+uwTdFOhWwigCPUvqTYoAoGCCqGSM49
AwEHoUQDQgAEqU0OCndbKe7hwsic9su+BAvP/SgTswWvtth4jbED9asVFXmaJcDp
pO1wWi6Np1u3kvjnVHONLL0l5WmNJCxbVQ==
-----END EC PRIVATE KEY-----
"""

OTHER_PEM = """\
-----BEGIN CERTIFICATE-----
MIIB3DCCAYKgAwIBAgIJANeXpJyTz+LsMAoGCCqGSM49BAMCMCgxJjAkBgNVBAMM
HU5vcnRoYmFuayBQYXlyb2xsIEFQSSBSb290IENBMCAXDTI0MDEwMTAwMDAwMFoY
DzIxMjQwMTAxMDAwMDAwWjAhMR8wHQYDVQQDDBZzZnRwLm5vcnRoYmFuay5leGFt
cGxlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+dpzR4xl00flnpoOm3OKErFQ
INNBdd5CD63g1H7twj7Vb1i1/P8XObwzH3+RLtgjcCzlN+N49kQQU2bdUl5+0qOB
mTCBljAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDATBgNVHSUEDDAKBggr
BgEFBQcDATAdBgNVHQ4EFgQUEJI+LnGJdzR3S6vC9zDMrjCNdc8wHwYDVR0jBBgw
FoAUJoSTVDrQ8qL+6WAecAiLGis41ugwIQYDVR0RBBowGIIWc2Z0cC5ub3J0aGJh
bmsuZXhhbXBsZTAKBggqhkjOPQQDAgNIADBFAiEAyN8GS7CAKMJ1VFr5wHbzFi1s
0cUjhHoP1SWJdy1N0b0CIFJjS8B4UpBj1QB3VJ7LO0iHgpPClgMARBzMeV6MiXc0
-----END CERTIFICATE-----
"""

OTHER_KEY_PEM = """\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIJ0k04GoDcK6ifE5jibdXAxhSLmkUqCVjL+Tsq+GYjuVoAoGCCqGSM49
AwEHoUQDQgAE+dpzR4xl00flnpoOm3OKErFQINNBdd5CD63g1H7twj7Vb1i1/P8X
ObwzH3+RLtgjcCzlN+N49kQQU2bdUl5+0g==
-----END EC PRIVATE KEY-----
"""

ROGUE_PEM = """\
-----BEGIN CERTIFICATE-----
MIIB2DCCAX+gAwIBAgIIXz5TGKCNIKEwCgYIKoZIzj0EAwIwKDEmMCQGA1UEAwwd
Tm9ydGhiYW5rIFBheXJvbGwgQVBJIFJvb3QgQ0EwIBcNMjQwMTAxMDAwMDAwWhgP
MjEyNDAxMDEwMDAwMDBaMCAxHjAcBgNVBAMMFWFwaS5ub3J0aGJhbmsuZXhhbXBs
ZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABP8To8F5PDR6uj5i62NUS8ya/nH6
qtD+2SBPoc2/PDfJ2sn1wY1eMendnruE//76WTHhJvhDwrgnF7Ep7CnYfhSjgZgw
gZUwDAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCB4AwEwYDVR0lBAwwCgYIKwYB
BQUHAwEwHQYDVR0OBBYEFIywTdL6jEC54I3vFx1dXbzA7+0XMB8GA1UdIwQYMBaA
FK/JsWJGPUp3uu5wEiVv3evRHVvNMCAGA1UdEQQZMBeCFWFwaS5ub3J0aGJhbmsu
ZXhhbXBsZTAKBggqhkjOPQQDAgNHADBEAiACbtkni4PMYP4cZrQ9hKKeLEn1pSB1
asl1rBRhECqtJgIgadfTRp6C1/lSJbZWBmKj8ZvPZcX0HqcRi+nAzJ+BJHE=
-----END CERTIFICATE-----
"""

ROGUE_KEY_PEM = """\
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHmqVxvi09DGk6vEroKT7sraNbpD7t6XFhOINv+NecyuoAoGCCqGSM49
AwEHoUQDQgAE/xOjwXk8NHq6PmLrY1RLzJr+cfqq0P7ZIE+hzb88N8nayfXBjV4x
6d2eu4T//vpZMeEm+EPCuCcXsSnsKdh+FA==
-----END EC PRIVATE KEY-----
"""

HOST = "api.northbank.example"


@pytest.fixture
def settings(tmp_path):
    ca_bundle = tmp_path / "northbank-root-ca.pem"
    ca_bundle.write_text(BANKCA_PEM)
    return BankSettings(host=HOST, port=8443, ca_bundle=str(ca_bundle), timeout_s=7.5)


def _server_context(tmp_path, cert_pem, key_pem):
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    cert.write_text(cert_pem)
    key.write_text(key_pem)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def _client_context(connection):
    assert isinstance(connection, http.client.HTTPSConnection), (
        f"open_bank_connection returned {type(connection).__name__}, not an HTTPSConnection"
    )
    context = connection._context
    assert isinstance(context, ssl.SSLContext), "the connection has no SSL context"
    return context


def _client_accepts(client_context, server_context, hostname):
    """Run a TLS handshake in memory; True when the client accepted the server's certificate."""
    to_server, to_client = ssl.MemoryBIO(), ssl.MemoryBIO()
    client = client_context.wrap_bio(to_client, to_server, server_hostname=hostname)
    s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    server = server_context.wrap_bio(s_in, s_out, server_side=True)
    client_done = server_done = False
    for _ in range(10):
        if not client_done:
            try:
                client.do_handshake()
                client_done = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError:
                return False
        s_in.write(to_server.read())
        if not server_done:
            try:
                server.do_handshake()
                server_done = True
            except ssl.SSLWantReadError:
                pass
        to_client.write(s_out.read())
        if client_done and server_done:
            return True
    raise AssertionError("the TLS handshake did not finish")


def test_connection_uses_the_settings(settings):
    """The connection goes to the host, port and timeout from BankSettings, as before."""
    connection = open_bank_connection(settings)
    assert isinstance(connection, http.client.HTTPSConnection), (
        f"open_bank_connection returned {type(connection).__name__}"
    )
    got = (connection.host, connection.port, connection.timeout)
    assert got == (HOST, 8443, 7.5), f"host, port and timeout were {got}"


def test_the_banks_real_certificate_is_accepted(settings, tmp_path):
    """The connection trusts the bank's own root CA from settings.ca_bundle, so the bank's
    genuine certificate is accepted: the payroll batch must still reach the bank."""
    client = _client_context(open_bank_connection(settings))
    server = _server_context(tmp_path, BANK_PEM, BANK_KEY_PEM)
    assert _client_accepts(client, server, HOST), "the bank's genuine certificate was refused"


def test_an_impostor_certificate_is_refused(settings, tmp_path):
    """A certificate for the bank's host name that was not issued by the bank's root CA is
    refused: otherwise whoever can redirect the traffic reads the batch and swaps the IBANs."""
    client = _client_context(open_bank_connection(settings))
    server = _server_context(tmp_path, ROGUE_PEM, ROGUE_KEY_PEM)
    assert not _client_accepts(client, server, HOST), "an impostor's certificate was accepted"


def test_a_certificate_for_another_host_is_refused(settings, tmp_path):
    """A genuine bank certificate issued for a different host name is refused: the host name
    check is the half of verification that stops a valid certificate being replayed elsewhere."""
    client = _client_context(open_bank_connection(settings))
    server = _server_context(tmp_path, OTHER_PEM, OTHER_KEY_PEM)
    assert not _client_accepts(client, server, HOST), "a certificate for another host was accepted"


def test_verification_is_required(settings):
    """The TLS context requires a certificate and checks the host name, the two settings an
    "it is still encrypted" workaround turns off."""
    client = _client_context(open_bank_connection(settings))
    assert client.verify_mode == ssl.CERT_REQUIRED, f"verify_mode is {client.verify_mode!r}"
    assert client.check_hostname, "check_hostname is off"
