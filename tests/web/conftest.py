"""The sign-in routes and the gate in a small Starlette app over a real SQLite store, driven by
Starlette's TestClient as a browser would (cookies kept between requests)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from learning.accounts import Accounts
from progress import ProgressStore
from web import AuthPages, SignInGate
from web.throttle import Throttle

PASSWORD = "correct horse battery"
ADMIN = "admin@example.com"


@pytest.fixture(autouse=True)
def shared_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRODREADY_MODE", "shared")
    monkeypatch.delenv("PRODREADY_TRUST_PROXY", raising=False)
    monkeypatch.setenv("PRODREADY_SESSION_HOURS", "12")


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2 with the smallest cost, so the suite does not spend seconds hashing."""
    import learning.accounts

    monkeypatch.setattr(
        learning.accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def accounts(store: ProgressStore) -> Accounts:
    return Accounts(store)


@pytest.fixture
def admin(accounts: Accounts):
    accounts.create_admin(ADMIN, PASSWORD)
    return accounts.sign_in(ADMIN, PASSWORD, "127.0.0.1").actor


async def _app_page(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"app page {request.url.path}")


def make_app(open_store: Callable[[], ProgressStore], signups: Throttle | None = None) -> Starlette:
    """Our routes and middleware as server.py hands them to st.App; two stand-in app pages."""
    pages = AuthPages(open_store, signups)
    routes = [*pages.routes(), Route("/", _app_page), Route("/exercise", _app_page)]
    return Starlette(routes=routes, middleware=[Middleware(SignInGate)])


@pytest.fixture
def make_client(store: ProgressStore) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def build(
        base_url: str = "http://testserver", open_store=lambda: store, signups=None
    ) -> TestClient:
        app = make_app(open_store, signups)
        client = TestClient(app, base_url=base_url, follow_redirects=False)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


def csrf_of(client: TestClient, path: str) -> str:
    """Open a form page as a browser does and read its hidden CSRF token."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def post_form(client: TestClient, path: str, fields: dict[str, str], **kwargs):
    """A same-origin form post with the page's own CSRF token."""
    token = csrf_of(client, path)
    headers = {"Origin": str(client.base_url).rstrip("/"), **kwargs.pop("headers", {})}
    return client.post(path, data={"csrf": token, **fields}, headers=headers, **kwargs)


def set_cookie_headers(response) -> list[str]:
    return response.headers.get_list("set-cookie")


def session_cookie_header(response) -> str | None:
    names = ("prodready_session=", "__Host-prodready_session=")  # http, https
    found = [h for h in set_cookie_headers(response) if h.startswith(names)]
    assert len(found) <= 1
    return found[0] if found else None


def token_from(header: str) -> str:
    return header.split(";", 1)[0].split("=", 1)[1]
