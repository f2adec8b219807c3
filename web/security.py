"""What every sign-in response must get right: who the client is, whether the request came over
https, where it may be sent next, whether a form came from this site, and which headers and
cookies leave the server.

The rules here are the ones an outsider probes first, so each one is a small pure function that
tests/web exercises directly and through the routes.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection
from starlette.responses import Response

from config import current
from web.paths import at, local

# Over https the session cookie too takes the __Host- prefix (no sibling subdomain can plant or
# overwrite it); views/state.py reads the same names.
SESSION_COOKIE, SESSION_COOKIE_HTTPS = "prodready_session", "__Host-prodready_session"
# Over https the CSRF cookie takes the __Host- prefix: the browser then refuses it from a
# sibling subdomain or over http, so nobody can plant a known value (cookie tossing).
CSRF_COOKIE, CSRF_COOKIE_HTTPS = "prodready_csrf", "__Host-prodready_csrf"
CSRF_FIELD = "csrf"
MAX_NEXT = 2000

# Every auth page: never cached (it may show an e-mail address), never framed (clickjacking),
# no scripts at all, and forms post only here. The one-time link in the URL is never sent to
# another site as a Referer; `same-origin` rather than `no-referrer`, because under no-referrer
# browsers send `Origin: null` with our own form posts, which the origin check must refuse.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_https(request: HTTPConnection) -> bool:
    """True when the browser talks https to us, directly or (trust_proxy) to our load balancer."""
    if request.url.scheme in ("https", "wss"):
        return True
    if not current().trust_proxy:
        return False
    protos = ",".join(request.headers.getlist("x-forwarded-proto")).split(",")
    return protos[-1].strip().lower() == "https"


def client_address(request: HTTPConnection) -> str:
    """The client sign-in failures and sign-ups are counted against. Behind a proxy we trust, it
    is the hop that proxy appended (the last one): earlier hops are whatever the client chose to
    send."""
    if current().trust_proxy:
        hops = ",".join(request.headers.getlist("x-forwarded-for")).split(",")
        try:
            return counted_as(ipaddress.ip_address(hops[-1].strip()))
        except ValueError:
            pass  # a proxy that sent no usable hop: count against the connection instead
    host = request.client.host if request.client else "unknown"
    try:
        return counted_as(ipaddress.ip_address(host))
    except ValueError:
        return host  # not an address (a test client, a unix socket)


def counted_as(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """One client as the limits count it. An IPv6 client is its /64: one home or one cloud
    server is handed a whole /64 and may use any of its 2**64 addresses, so counting single
    addresses would give a guesser a fresh limit per request. An IPv4 client reaching us over
    IPv6 (::ffff:a.b.c.d) is its IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def safe_next(target: str | None) -> str:
    """`target` when it is a path of this app, else the app's home. Absolute URLs,
    scheme-relative `//host`, backslashes and control characters (which browsers turn into
    `//host`) are refused, so the sign-in page cannot be used to send someone to another site."""
    return target if target and _is_local_path(target) else at("/")


def _plain_path(target: str) -> bool:
    """Shaped like a path on this host: no `//host`, backslash or control character."""
    shape_ok = len(target) <= MAX_NEXT and target.startswith("/") and not target.startswith("//")
    return shape_ok and "\\" not in target and all(0x20 <= ord(ch) != 0x7F for ch in target)


def _is_local_path(target: str) -> bool:
    if not _plain_path(target):
        return False
    parts = urlsplit(target)
    inside = local(parts.path)  # a path of this app, under its prefix, that is not a sign-in page
    return not (parts.scheme or parts.netloc or inside is None or inside.startswith("/auth/"))


def same_origin(request: HTTPConnection) -> bool:
    """A form post must come from our own pages: a present Origin names this host, and the
    browser's Sec-Fetch-Site (when sent) does not say another site made the request."""
    origin = request.headers.get("origin")
    if origin is not None:
        parts = urlsplit(origin)
        host = public_host(request)
        if parts.scheme not in ("http", "https") or not host or parts.netloc.lower() != host:
            return False
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def public_host(request: HTTPConnection) -> str:
    """The host the browser addressed: Host, or behind a trusted proxy that rewrites Host,
    the last X-Forwarded-Host it set."""
    if current().trust_proxy:
        forwarded = ",".join(request.headers.getlist("x-forwarded-host")).split(",")[-1].strip()
        if forwarded:
            return forwarded.lower()
    return request.headers.get("host", "").lower()


def csrf_cookie_name(request: HTTPConnection) -> str:
    return CSRF_COOKIE_HTTPS if is_https(request) else CSRF_COOKIE


def csrf_token(request: HTTPConnection) -> str:
    """The browser's CSRF token, or a new one. Reused while valid so that two open tabs'
    forms both keep working."""
    existing = request.cookies.get(csrf_cookie_name(request), "")
    return existing if _looks_like_token(existing) else secrets.token_urlsafe(32)


def csrf_valid(request: HTTPConnection, submitted: str) -> bool:
    """Double submit: the form's hidden field (unmasked) must equal the HttpOnly cookie,
    compared in constant time, and the request must come from this site."""
    cookie = request.cookies.get(csrf_cookie_name(request), "")
    token = unmask(submitted)
    if not (_looks_like_token(cookie) and token is not None and _looks_like_token(token)):
        return False
    return hmac.compare_digest(cookie.encode(), token.encode()) and same_origin(request)


def mask(token: str) -> str:
    """The token as a form field: XORed with a fresh random pad that travels with it. Pages are
    gzipped and reflect what was typed (e-mail, next), so an unmasked token repeated in every
    page could be read back byte by byte from compressed sizes (BREACH); a masked one differs
    in every response."""
    raw = token.encode("ascii")
    pad = secrets.token_bytes(len(raw))
    return base64.urlsafe_b64encode(
        pad + bytes(a ^ b for a, b in zip(pad, raw, strict=True))
    ).decode()


def unmask(value: str) -> str | None:
    if not value or len(value) > 200:
        return None
    try:
        data = base64.urlsafe_b64decode(value.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    half = len(data) // 2
    if len(data) % 2 or not half:
        return None
    raw = bytes(a ^ b for a, b in zip(data[:half], data[half:], strict=True))
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        return None


def _looks_like_token(value: str) -> bool:
    return (
        32 <= len(value) <= 64
        and value.isascii()
        and value.replace("-", "").replace("_", "").isalnum()
    )


def set_csrf_cookie(response: Response, request: HTTPConnection, token: str) -> None:
    # Path=/ is required by the __Host- prefix; SameSite=Strict keeps it off every cross-site
    # request, so even a forged form posted from elsewhere arrives without it.
    response.set_cookie(
        csrf_cookie_name(request),
        token,
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="strict",
    )


def session_cookie_name(request: HTTPConnection) -> str:
    return SESSION_COOKIE_HTTPS if is_https(request) else SESSION_COOKIE


def session_token(request: HTTPConnection) -> str:
    """This browser's session token, from the cookie name its scheme allows."""
    return request.cookies.get(session_cookie_name(request), "")


def set_session_cookie(response: Response, request: HTTPConnection, token: str) -> None:
    # Lax, not Strict: a link to ProdReady from a chat or an e-mail must open signed in.
    response.set_cookie(
        session_cookie_name(request),
        token,
        max_age=current().session_hours * 3600,
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, request: HTTPConnection) -> None:
    response.delete_cookie(
        session_cookie_name(request),
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="lax",
    )


def add_page_headers(response: Response, request: HTTPConnection) -> None:
    response.headers.update(PAGE_HEADERS)
    if is_https(request):
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
