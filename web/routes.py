"""Shared mode's sign-in pages: /auth/signin, /auth/signup, /auth/link, /auth/signout.

Each POST reads a size-capped form, checks its CSRF token and origin, validates what was typed
(the message names the field and the form keeps everything but the password), then calls
`learning.accounts` in a worker thread (argon2 and the database must not stall the event loop
that also serves every Streamlit session). A new session token only ever travels in the
HttpOnly cookie of a 303 to a local page. In local mode every route answers 404.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from config import current
from learning.accounts import (
    MAX_PASSWORD,
    SIGNUP_WINDOW,
    SIGNUPS_PER_CLIENT,
    AccountError,
    Accounts,
    RateLimited,
    SignedIn,
    SignupPolicy,
    clean_name,
    normalize_email,
    password_problem,
)
from progress import ProgressStore, StorageError
from web import pages
from web.forms import FormError, read_form
from web.paths import at
from web.security import (
    CSRF_FIELD,
    add_page_headers,
    clear_session_cookie,
    client_address,
    csrf_token,
    csrf_valid,
    safe_next,
    session_token,
    set_csrf_cookie,
    set_session_cookie,
)
from web.store import default_store
from web.throttle import HASHING, Throttle

T = TypeVar("T")
CSS = (Path(__file__).parent / "static" / "auth.css").read_text(encoding="utf-8")
UNAVAILABLE = (
    "ProdReady cannot reach its database right now, so this did not go through. "
    "Try again in a minute."
)
RETRY_AFTER_S = 900  # learning.accounts counts failures over 15 minutes
TOO_MANY_SIGNUPS = "Too many sign-ups from your network. Wait 15 minutes and try again."
EXPIRED_FORM = (
    "This form expired or did not come from this site. Check what you typed and submit it again."
)
BAD_LINK = (
    "This link is not valid any more: it was used already, it expired, or it was copied "
    "incompletely. Ask your admin for a new one."
)
SIGNUP_CLOSED = {
    SignupPolicy.INVITE: "Sign-up is by invitation on this server. Ask your admin for an invitation link.",
    SignupPolicy.OFF: "This server does not take new accounts. Ask your admin if you need one.",
}


@dataclass
class Problem(Exception):
    """A request the page answers with its form again: the message, the field it is about,
    the HTTP status, and any extra headers (Retry-After)."""

    message: str
    status: int = 400
    invalid: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class AuthPages:
    """The routes, over a store factory (tests hand in their own database, or a broken one)."""

    def __init__(
        self,
        open_store: Callable[[], ProgressStore] = default_store,
        signups: Throttle | None = None,
        sso_offered: Callable[[], bool] = lambda: False,
    ):
        self.open_store, self.sso_offered = open_store, sso_offered
        self.signups = signups or Throttle(SIGNUPS_PER_CLIENT, SIGNUP_WINDOW.total_seconds())

    def routes(self) -> list[Route]:
        return [
            Route(at("/auth/signin"), _shared_only(self.signin), methods=["GET", "POST"]),
            Route(at("/auth/signup"), _shared_only(self.signup), methods=["GET", "POST"]),
            Route(at("/auth/link"), _shared_only(self.link), methods=["GET", "POST"]),
            Route(at("/auth/signout"), _shared_only(self.signout), methods=["GET", "POST"]),
            Route(at(pages.STYLESHEET), _shared_only(stylesheet), methods=["GET"]),
        ]

    async def _call(self, work: Callable[[Accounts], T], *, hashes: bool = False) -> T:
        """Run an account operation off the event loop (at most a few argon2 hashes at once
        when it `hashes`); its refusals become the page's message: AccountError as said, a
        rate limit as 429, a database outage as 503."""

        def run() -> T:
            if not hashes:
                return work(Accounts(self.open_store()))
            with HASHING:
                return work(Accounts(self.open_store()))

        try:
            return await run_in_threadpool(run)
        except RateLimited as error:
            raise Problem(str(error), 429, headers={"Retry-After": str(RETRY_AFTER_S)}) from error
        except AccountError as error:
            raise Problem(str(error)) from error
        except StorageError as error:
            raise Problem(UNAVAILABLE, 503) from error

    # Sign in -----------------------------------------------------------------------------

    async def signin(self, request: Request) -> Response:
        if _reading(request):
            return await self._signin_page(request, {"next": request.query_params.get("next", "")})
        values: dict[str, str] = {}
        try:
            values = await _posted(request)
            _require_csrf(request, values)
            email, password = _email(values), values.get("password", "")
            if not password:
                raise Problem("Enter your password.", invalid="password")
            if len(password) > MAX_PASSWORD:
                raise Problem(
                    f"A password can be at most {MAX_PASSWORD} characters.", invalid="password"
                )
            client = client_address(request)
            signed = await self._call(
                lambda accounts: accounts.sign_in(email, password, client), hashes=True
            )
            return await self._signed_in(request, signed, values.get("next"))
        except Problem as problem:
            return await self._signin_page(request, values, problem)

    async def _signin_page(
        self, request: Request, values: dict[str, str], problem: Problem | None = None
    ) -> Response:
        target = safe_next(values.get("next"))
        hidden = {"next": target} if target != "/" else {}
        body = [pages.notice(problem.message)] if problem else []
        csrf = csrf_token(request)
        body.append(
            pages.form(
                at("/auth/signin"),
                csrf,
                [pages.EMAIL, pages.PASSWORD],
                "Sign in",
                values={"email": values.get("email", "")},
                hidden=hidden,
                invalid=_focus(problem),
            )
        )
        extra = [("/", "Sign in with your organisation")] if self.sso_offered() else []
        try:
            if await self._call(lambda accounts: accounts.signup_policy()) is SignupPolicy.OPEN:
                extra.append((at("/auth/signup"), "New here? Create an account"))
        except Problem:
            pass  # the page still shows; the sign-in itself reports the outage
        body.append(pages.links(*extra) if extra else "")
        body.append('<p class="hint">Forgot your password? Ask your admin for a reset link.</p>')
        return _page(request, "Sign in", "".join(body), csrf, problem)

    # Sign up -----------------------------------------------------------------------------

    async def signup(self, request: Request) -> Response:
        values: dict[str, str] = {}
        try:
            policy = await self._call(lambda accounts: accounts.signup_policy())
            if policy is not SignupPolicy.OPEN:
                status = 200 if _reading(request) else 403
                body = pages.notice(SIGNUP_CLOSED[policy], error=False) + pages.links(
                    (at("/auth/signin"), "Sign in")
                )
                return _page(request, "Create an account", body, None, None, status)
            if _reading(request):
                return self._signup_page(request, values)
            values = await _posted(request)
            _require_csrf(request, values)
            email = _email(values)
            name = _name(values, email)
            password = values.get("password", "")
            _require_password(password, email)
            # This replica's count first (no database work for a flood), then every replica's.
            client = client_address(request)
            admitted = self.signups.allow(client) and await self._call(
                lambda accounts: accounts.admit_signup(client)
            )
            if not admitted:
                raise Problem(TOO_MANY_SIGNUPS, 429, headers={"Retry-After": str(RETRY_AFTER_S)})
            signed = await self._call(
                lambda accounts: accounts.sign_up(email, password, name), hashes=True
            )
            return await self._signed_in(request, signed, "/")
        except Problem as problem:
            return self._signup_page(request, values, problem)

    def _signup_page(
        self, request: Request, values: dict[str, str], problem: Problem | None = None
    ) -> Response:
        csrf = csrf_token(request)
        body = (pages.notice(problem.message) if problem else "") + pages.form(
            at("/auth/signup"),
            csrf,
            [pages.EMAIL, pages.NAME, pages.NEW_PASSWORD],
            "Create account",
            values={"email": values.get("email", ""), "name": values.get("name", "")},
            invalid=_focus(problem),
        )
        body += pages.links((at("/auth/signin"), "Already have an account? Sign in"))
        return _page(request, "Create an account", body, csrf, problem)

    # Invitation and reset links ----------------------------------------------------------

    async def link(self, request: Request) -> Response:
        values: dict[str, str] = {"token": request.query_params.get("token", "")}
        purpose: str | None = None
        try:
            if request.method == "POST":
                values = await _posted(request)
            token = values.get("token", "")
            purpose = await self._call(lambda accounts: accounts.link_purpose(token))
            if purpose is None:
                raise Problem(BAD_LINK)
            if _reading(request):
                return self._link_page(request, purpose, values)
            _require_csrf(request, values)  # after the look-up, so a refusal shows the form again
            password = values.get("password", "")
            name = _name(values, "") if purpose == "invite" else ""
            _require_password(password, "")
            signed = await self._call(
                lambda accounts: accounts.use_link(token, password, name), hashes=True
            )
            return await self._signed_in(request, signed, "/")
        except Problem as problem:
            if purpose is not None:
                return self._link_page(request, purpose, values, problem)
            title = "Try again in a minute" if problem.status == 503 else "Link not valid"
            body = pages.notice(problem.message) + pages.links((at("/auth/signin"), "Sign in"))
            return _page(request, title, body, None, problem)

    def _link_page(
        self, request: Request, purpose: str, values: dict[str, str], problem: Problem | None = None
    ) -> Response:
        invite = purpose == "invite"
        csrf = csrf_token(request)
        fields = [pages.NAME, pages.NEW_PASSWORD] if invite else [pages.NEW_PASSWORD]
        intro = (
            "You were invited to ProdReady. Choose a password to finish your account."
            if invite
            else "Choose a new password. Every browser signed in to your account is signed out."
        )
        body = (
            pages.notice(problem.message) if problem else pages.notice(intro, error=False)
        ) + pages.form(
            at("/auth/link"),
            csrf,
            fields,
            "Join ProdReady" if invite else "Set new password",
            values={"name": values.get("name", "")},
            hidden={"token": values.get("token", "")},
            invalid=_focus(problem),
        )
        title = "Welcome to ProdReady" if invite else "Choose a new password"
        return _page(request, title, body, csrf, problem)

    # Sign out ----------------------------------------------------------------------------

    async def signout(self, request: Request) -> Response:
        """GET shows a one-button form (so a link can lead here); POST revokes the session in
        the database, which signs out every tab at its next click, and drops the cookie."""
        token = session_token(request)
        if not token:
            body = pages.notice("This browser is not signed in.", error=False)
            return _page(request, "Sign out", body + pages.links((at("/auth/signin"), "Sign in")))
        if _reading(request):
            return self._signout_page(request)
        try:
            _require_csrf(request, await _posted(request))
            await self._call(lambda accounts: accounts.sign_out(token))
        except Problem as problem:
            return self._signout_page(request, problem)
        response = RedirectResponse(at("/auth/signin"), status_code=303)
        clear_session_cookie(response, request)
        add_page_headers(response, request)
        return response

    def _signout_page(self, request: Request, problem: Problem | None = None) -> Response:
        csrf = csrf_token(request)
        body = (pages.notice(problem.message) if problem else "") + pages.form(
            at("/auth/signout"), csrf, [], "Sign out of ProdReady"
        )
        return _page(request, "Sign out", body, csrf, problem)

    # Shared ------------------------------------------------------------------------------

    async def _signed_in(self, request: Request, signed: SignedIn, target: str | None) -> Response:
        previous = session_token(request)
        if previous:
            # Whoever was signed in on this browser before is signed out, not left behind.
            try:
                await self._call(lambda accounts: accounts.sign_out(previous))
            except Problem:
                pass  # the new sign-in succeeded; the old session still expires on its own
        response = RedirectResponse(safe_next(target), status_code=303)
        set_session_cookie(response, request, signed.token)
        add_page_headers(response, request)
        return response


def _reading(request: Request) -> bool:
    """GET, or HEAD (Starlette routes HEAD to the GET handler; monitors and link checkers send
    it): show the page, never treat the request as a form post."""
    return request.method in ("GET", "HEAD")


def _shared_only(
    endpoint: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """404 in local mode (the pages exist only where people sign in)."""

    async def guarded(request: Request) -> Response:
        if not current().shared:
            return PlainTextResponse("Not Found", status_code=404)
        return await endpoint(request)

    return guarded


async def stylesheet(request: Request) -> Response:
    return Response(
        CSS,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


async def _posted(request: Request) -> dict[str, str]:
    try:
        return await read_form(request)
    except FormError as error:
        raise Problem(str(error), error.status) from error


def _require_csrf(request: Request, values: dict[str, str]) -> None:
    if not csrf_valid(request, values.get(CSRF_FIELD, "")):
        raise Problem(EXPIRED_FORM, 403)


def _email(values: dict[str, str]) -> str:
    try:
        return normalize_email(values.get("email", ""))
    except AccountError as error:
        raise Problem(str(error), invalid="email") from error


def _name(values: dict[str, str], email: str) -> str:
    try:
        return clean_name(values.get("name", ""), email)
    except AccountError as error:
        raise Problem(str(error), invalid="name") from error


def _require_password(password: str, email: str) -> None:
    problem = "Choose a password." if not password else password_problem(password, email)
    if problem:
        raise Problem(problem, invalid="password")


def _focus(problem: Problem | None) -> str | None:
    return problem.invalid if problem else None


def _page(
    request: Request,
    title: str,
    body: str,
    csrf: str | None = None,
    problem: Problem | None = None,
    status: int | None = None,
) -> Response:
    code = status or (problem.status if problem else 200)
    response = HTMLResponse(pages.layout(title, body), status_code=code)
    if problem:
        response.headers.update(problem.headers)
    if csrf:
        set_csrf_cookie(response, request, csrf)
    add_page_headers(response, request)
    return response
