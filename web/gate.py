"""The first line of shared mode: a browser with no session cookie at all is sent to the sign-in
page before Streamlit serves it anything, and no response of the app may be framed by another
site.

This only saves a round trip through the app. Whether a cookie is still valid (not expired,
revoked or of a disabled account) is decided by the Streamlit side, which checks it against the
database on every run of a page, so a forged cookie gets as far as the app's own sign-in gate.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from config import current
from web.paths import at, local
from web.security import SESSION_COOKIE, SESSION_COOKIE_HTTPS, safe_next

# Streamlit's own machinery, its static files, health checks, the OIDC flow of st.login and our
# sign-in pages themselves must load without a session.
OPEN_PREFIXES = (
    "/auth/",
    "/_stcore/",
    "/static/",
    "/component/",
    "/media/",
    "/app/static/",
    "/oauth2callback",
    "/favicon",
)
OPEN_PATHS = frozenset({"/auth", "/robots.txt", "/healthz"})
STREAMLIT_LOGIN_COOKIE = "_streamlit_user"  # st.login's cookie, possibly split into chunks
# Every response in shared mode, unless it sets its own (the auth pages set stricter ones): the
# app may be framed only by itself (Streamlit's components are same-origin iframes), so another
# site cannot overlay the Admin page's buttons (clickjacking). Images come only from this site:
# pages render Markdown that holds what people typed (names on the Admin page, answers), and an
# image from elsewhere would tell that site who looked, and when. The one exception is the
# host Streamlit loads a Material page icon (the favicon) from, which nobody can post to.
SHARED_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": (
        "frame-ancestors 'self'; img-src 'self' data: blob: https://fonts.gstatic.com"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def needs_sign_in(scope: Scope) -> bool:
    """A page GET in shared mode from a browser carrying neither our session cookie nor
    st.login's."""
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return False
    path = local(scope["path"])  # as at the root; None: outside the app's prefix
    if path is None or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES) or not current().shared:
        return False
    cookies = HTTPConnection(scope).cookies
    has_session = SESSION_COOKIE in cookies or SESSION_COOKIE_HTTPS in cookies
    return not has_session and not any(name.startswith(STREAMLIT_LOGIN_COOKIE) for name in cookies)


def sign_in_location(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    target = safe_next(scope["path"] + (f"?{query}" if query else ""))
    signin = at("/auth/signin")
    return signin if target == at("/") else f"{signin}?next={quote(target, safe='')}"


class SignInGate:
    """ASGI middleware (plain, so websockets and streamed responses pass untouched).

    With single sign-on configured it lets every request through: the Streamlit gate page is
    then the way in, since only a script run can start st.login (it offers e-mail sign-in too).
    """

    def __init__(self, app: ASGIApp, sso_offered: Callable[[], bool] = lambda: False):
        self.app, self.sso_offered = app, sso_offered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not current().shared:
            await self.app(scope, receive, send)
            return
        if needs_sign_in(scope) and not self.sso_offered():
            response = RedirectResponse(sign_in_location(scope), status_code=303)
            response.headers["Cache-Control"] = "no-store"
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SHARED_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
