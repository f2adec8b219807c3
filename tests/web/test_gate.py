"""The gate in front of Streamlit: a browser without a session cookie sees only the sign-in page,
and comes back to the page it asked for; Streamlit's own machinery is never redirected."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, PASSWORD, make_app, post_form
from web import AuthPages, SignInGate
from web.gate import sign_in_location


def test_a_page_without_a_session_cookie_goes_to_sign_in_and_back(client, admin):
    answer = client.get("/exercise?slug=sql-user-lookup&tab=hints")
    assert answer.status_code == 303
    assert answer.headers["location"] == (
        "/auth/signin?next=%2Fexercise%3Fslug%3Dsql-user-lookup%26tab%3Dhints"
    )
    form = client.get(answer.headers["location"])
    assert 'name="next" value="/exercise?slug=sql-user-lookup&amp;tab=hints"' in form.text
    signed = post_form(
        client,
        answer.headers["location"],
        {"email": ADMIN, "password": PASSWORD, "next": "/exercise?slug=sql-user-lookup&tab=hints"},
    )
    assert signed.headers["location"] == "/exercise?slug=sql-user-lookup&tab=hints"
    assert client.get("/exercise?slug=sql-user-lookup").text == "app page /exercise"


def test_the_root_page_goes_to_sign_in_without_a_next(client):
    assert client.get("/").headers["location"] == "/auth/signin"


@pytest.mark.parametrize("cookie", ["prodready_session", "_streamlit_user", "_streamlit_user__1"])
def test_any_session_cookie_passes_to_the_app_which_checks_it(client, cookie):
    # The Streamlit gate checks the token against the database on every run; a forged one
    # ends at that gate, not here.
    client.cookies.set(cookie, "whatever")
    assert client.get("/exercise").status_code == 200


@pytest.mark.parametrize(
    "path", ["/_stcore/health", "/static/js/main.js", "/component/x/index.html", "/auth/signin"]
)
def test_streamlit_machinery_and_sign_in_are_never_redirected(client, path):
    assert client.get(path).status_code != 303


def test_posts_and_local_mode_pass_untouched(client, monkeypatch):
    assert client.post("/exercise").status_code == 405  # the stand-in page takes GET only
    monkeypatch.setenv("PRODREADY_MODE", "local")
    assert client.get("/exercise").status_code == 200


def test_a_scheme_relative_path_is_not_carried_as_next():
    scope = {"type": "http", "method": "GET", "path": "//evil.example/", "query_string": b""}
    assert sign_in_location(scope) == "/auth/signin"


def test_with_single_sign_on_the_streamlit_gate_is_the_way_in(store):
    # Only a script run can start st.login, so the app's own gate page (which offers both ways
    # in) must be reachable without a cookie.
    app = make_app(lambda: store)
    app.user_middleware = [Middleware(SignInGate, sso_offered=lambda: True)]
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/exercise").status_code == 200
    pages = AuthPages(lambda: store, sso_offered=lambda: True)
    with TestClient(Starlette(routes=pages.routes())) as client:
        assert "Sign in with your organisation" in client.get("/auth/signin").text


def test_shared_mode_pages_cannot_be_framed_by_another_site(client, monkeypatch):
    client.cookies.set("prodready_session", "whatever")
    page = client.get("/exercise")
    assert page.headers["x-frame-options"] == "SAMEORIGIN"  # components are same-origin frames
    assert page.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert client.get("/auth/signin").headers["x-frame-options"] == "DENY"  # stricter, kept
    monkeypatch.setenv("PRODREADY_MODE", "local")
    assert "x-frame-options" not in client.get("/exercise").headers  # local mode as before
