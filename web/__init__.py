"""Shared mode's HTTP side, handed to `st.App` by server.py: the sign-in pages (Starlette routes
that set the HttpOnly session cookie a Streamlit script cannot set) and the middleware that
sends a browser without a session to them. Nothing here imports Streamlit."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.routing import Route

from config import current
from progress import StorageError
from web.gate import SignInGate
from web.routes import AuthPages
from web.store import default_store

__all__ = ["AuthPages", "SignInGate", "lifespan", "middleware", "routes"]

log = logging.getLogger(__name__)


def _no_sso() -> bool:
    return False


def routes(sso_offered: Callable[[], bool] = _no_sso) -> list[Route]:
    """`sso_offered` says whether st.login is configured (server.py asks Streamlit's secrets)."""
    return AuthPages(sso_offered=sso_offered).routes()


def middleware(sso_offered: Callable[[], bool] = _no_sso) -> list[Middleware]:
    return [Middleware(SignInGate, sso_offered=sso_offered)]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Open (create or upgrade) the database before the first request in shared mode, so the
    sign-in routes and the Streamlit script never migrate it at the same moment."""
    if current().shared:
        try:
            await run_in_threadpool(default_store)
        except StorageError:
            log.warning("The database is not reachable yet; sign-in will retry on each request.")
    yield
