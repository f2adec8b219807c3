"""The small rules every response relies on, checked one by one: where `next` may point, which
address a failure counts against, when a request counts as https, and same-origin posts."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from web.security import client_address, is_https, safe_next, same_origin


def _request(headers: dict[str, str], scheme: str = "http", client: str = "198.51.100.7"):
    return Request(
        {
            "type": "http",
            "method": "POST",
            "scheme": scheme,
            "server": ("prodready.example", 443 if scheme == "https" else 80),
            "path": "/auth/signin",
            "query_string": b"",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": (client, 5000),
        }
    )


@pytest.mark.parametrize(
    "target", ["/", "/exercise?slug=a&tab=b", "/lesson#part-2", "/progress?x=%2F%2Fevil"]
)
def test_local_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "HTTP://evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example/path",
        "/auth/signin?next=/",
        "/" + "a" * 3000,
    ],
)
def test_anything_else_becomes_the_home_page(target):
    assert safe_next(target) == "/"


def test_forwarded_headers_are_ignored_unless_the_proxy_is_trusted(monkeypatch):
    request = _request({"X-Forwarded-For": "10.0.0.1, 203.0.113.9", "X-Forwarded-Proto": "https"})
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", "0")
    assert (client_address(request), is_https(request)) == ("198.51.100.7", False)
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", "1")
    assert (client_address(request), is_https(request)) == ("203.0.113.9", True)


def test_a_garbled_forwarded_hop_falls_back_to_the_connection(monkeypatch):
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", "1")
    assert client_address(_request({"X-Forwarded-For": "1.2.3.4, <script>"})) == "198.51.100.7"


@pytest.mark.parametrize(
    ("headers", "same"),
    [
        ({"Host": "prodready.example"}, True),
        ({"Host": "prodready.example", "Origin": "https://prodready.example"}, True),
        ({"Host": "prodready.example", "Origin": "https://PRODREADY.example"}, True),
        ({"Host": "prodready.example", "Origin": "https://evil.example"}, False),
        ({"Host": "prodready.example", "Origin": "https://prodready.example.evil.example"}, False),
        ({"Host": "prodready.example", "Origin": "null"}, False),
        ({"Origin": "https://prodready.example"}, False),
        ({"Host": "prodready.example", "Sec-Fetch-Site": "same-site"}, False),
        ({"Host": "prodready.example", "Sec-Fetch-Site": "same-origin"}, True),
    ],
)
def test_same_origin(headers, same):
    assert same_origin(_request(headers)) is same


def test_behind_a_trusted_proxy_the_forwarded_host_is_the_origin_to_match(monkeypatch):
    request = _request(
        {
            "Host": "127.0.0.1:8501",
            "X-Forwarded-Host": "prodready.example",
            "Origin": "https://prodready.example",
        }
    )
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", "0")
    assert not same_origin(request)
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", "1")
    assert same_origin(request)
