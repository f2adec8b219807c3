"""Signing in: the cookie it sets, what a wrong or throttled attempt is told, and what an
outsider cannot make it do (forge a post, redirect elsewhere, learn who has an account)."""

from __future__ import annotations

import logging

import pytest

from learning.accounts import MAX_FAILURES_PER_ACCOUNT_AND_CLIENT, WRONG_CREDENTIALS, Accounts
from progress import ProgressStore, make_engine
from tests.web.conftest import (
    ADMIN,
    PASSWORD,
    csrf_of,
    post_form,
    session_cookie_header,
    set_cookie_headers,
    token_from,
)


def _sign_in(client, email=ADMIN, password=PASSWORD, next_path=None, **kwargs):
    fields = {"email": email, "password": password}
    if next_path is not None:
        fields["next"] = next_path
    return post_form(client, "/auth/signin", fields, **kwargs)


def _attributes(header: str) -> dict[str, str]:
    parts = [part.strip() for part in header.split(";")[1:]]
    return {key.lower(): value for key, _, value in (part.partition("=") for part in parts)}


def test_signing_in_sets_exactly_the_session_cookie_and_goes_to_next(client, admin, accounts):
    answer = _sign_in(client, next_path="/exercise?slug=sql-user-lookup")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/exercise?slug=sql-user-lookup"
    header = session_cookie_header(answer)
    assert header is not None
    assert _attributes(header) == {
        "httponly": "",
        "max-age": str(12 * 3600),
        "path": "/",
        "samesite": "lax",
    }  # no Secure over plain http, no Domain (the cookie stays on this host)
    token = token_from(header)
    assert accounts.resolve(token).email == ADMIN
    assert token not in answer.headers["location"]


def test_over_https_the_cookies_are_secure_and_the_csrf_cookie_host_locked(make_client, admin):
    client = make_client("https://testserver")
    answer = _sign_in(client)
    assert session_cookie_header(answer).startswith("__Host-prodready_session=")
    assert "secure" in _attributes(session_cookie_header(answer))
    csrf = [h for h in set_cookie_headers(client.get("/auth/signin")) if "csrf" in h]
    assert csrf[0].startswith("__Host-prodready_csrf=")
    assert {"secure", "httponly", "path"} <= _attributes(csrf[0]).keys()
    assert _attributes(csrf[0])["samesite"] == "strict"
    assert "strict-transport-security" in answer.headers


@pytest.mark.parametrize(("trust", "secure"), [("1", True), ("0", False)])
def test_forwarded_https_counts_only_behind_a_trusted_proxy(
    make_client, admin, monkeypatch, trust, secure
):
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", trust)
    client = make_client()
    client.headers["X-Forwarded-Proto"] = "https"
    if secure:  # the test client speaks http, so it keeps no Secure cookie: post by hand
        page = client.get("/auth/signin")
        form_token = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        (cookie,) = [h for h in set_cookie_headers(page) if h.startswith("__Host-prodready_csrf=")]
        client.cookies.set("__Host-prodready_csrf", token_from(cookie))
        answer = client.post(
            "/auth/signin", data={"csrf": form_token, "email": ADMIN, "password": PASSWORD}
        )
    else:
        answer = _sign_in(client)
    assert answer.status_code == 303
    assert ("secure" in _attributes(session_cookie_header(answer))) is secure


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, admin):
    wrong = _sign_in(client, password="not the password at all")
    unknown = _sign_in(client, email="nobody@example.com")
    for answer in (wrong, unknown):
        assert answer.status_code == 400
        assert WRONG_CREDENTIALS in answer.text
        assert session_cookie_header(answer) is None
    assert 'value="nobody@example.com"' in unknown.text  # what was typed is kept
    assert "not the password at all" not in wrong.text  # the password never is


def test_repeated_failures_are_throttled_even_with_the_right_password(client, admin):
    for _ in range(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT):
        assert _sign_in(client, password="wrong password here").status_code == 400
    answer = _sign_in(client)
    assert answer.status_code == 429
    assert "Too many failed sign-ins" in answer.text
    assert int(answer.headers["retry-after"]) > 0
    assert session_cookie_header(answer) is None


@pytest.mark.parametrize(("trust", "counted"), [("1", "203.0.113.9"), ("0", "testclient")])
def test_failures_count_against_the_proxys_last_hop_only_when_trusted(
    make_client, admin, store, monkeypatch, trust, counted
):
    monkeypatch.setenv("PRODREADY_TRUST_PROXY", trust)
    client = make_client()
    headers = {"X-Forwarded-For": "10.9.9.9, 203.0.113.9"}  # the first hop is the client's lie
    _sign_in(client, password="wrong password here", headers=headers)
    from datetime import datetime

    assert store.failures_since(datetime.min, client=counted) == 1


def test_a_post_without_the_csrf_token_is_refused(client, admin):
    csrf_of(client, "/auth/signin")  # the browser holds the cookie, the form lacks the field
    answer = client.post("/auth/signin", data={"email": ADMIN, "password": PASSWORD})
    assert answer.status_code == 403
    assert "expired or did not come from this site" in answer.text
    assert session_cookie_header(answer) is None
    assert f'value="{ADMIN}"' in answer.text


def test_a_forged_token_or_a_missing_cookie_is_refused(client, make_client, admin):
    csrf_of(client, "/auth/signin")
    forged = client.post(
        "/auth/signin", data={"csrf": "A" * 43, "email": ADMIN, "password": PASSWORD}
    )
    fresh = make_client()  # an attacker's page posting into a browser that never saw the form
    no_cookie = fresh.post(
        "/auth/signin", data={"csrf": "A" * 43, "email": ADMIN, "password": PASSWORD}
    )
    for answer in (forged, no_cookie):
        assert answer.status_code == 403
        assert session_cookie_header(answer) is None


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}],
)
def test_a_post_from_another_site_is_refused_even_with_a_valid_token(client, admin, headers):
    token = csrf_of(client, "/auth/signin")
    answer = client.post(
        "/auth/signin",
        data={"csrf": token, "email": ADMIN, "password": PASSWORD},
        headers=headers,
    )
    assert answer.status_code == 403
    assert session_cookie_header(answer) is None


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "/auth/signout",
    ],
)
def test_next_never_leaves_the_site(client, admin, target):
    answer = _sign_in(client, next_path=target)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_next_from_the_query_string_survives_to_the_form_escaped(client):
    page = client.get('/auth/signin?next=/exercise?slug="><script>')
    assert "<script>" not in page.text
    assert 'name="next" value="/exercise?slug=&quot;&gt;&lt;script&gt;"' in page.text


@pytest.mark.parametrize(
    ("email", "says"),
    [
        ("not-an-email", "not an e-mail address"),
        ("a" * 250 + "@example.com", "not an e-mail address"),
        ("ana\x00@example.com", "not an e-mail address"),
        ("", "Enter your e-mail"),
    ],
)
def test_bad_input_gets_a_clear_message_on_the_same_page(client, email, says):
    answer = _sign_in(client, email=email)
    assert answer.status_code == 400
    assert says in answer.text
    assert 'role="alert"' in answer.text
    assert 'id="email"' in answer.text and 'aria-invalid="true"' in answer.text


def test_an_oversized_form_is_refused_before_it_is_read(client):
    answer = _sign_in(client, password="x" * 20_000)
    assert answer.status_code == 413
    assert "too long" in answer.text


def test_a_database_that_is_down_gets_a_503_that_keeps_the_email(make_client):
    down = ProgressStore(make_engine("postgresql+psycopg://app@127.0.0.1:1/prodready"))
    client = make_client(open_store=lambda: down)
    answer = _sign_in(client, email="ana@example.com")
    assert answer.status_code == 503
    assert "Try again in a minute" in answer.text
    assert 'value="ana@example.com"' in answer.text
    for leak in ("Traceback", "psycopg", "OperationalError", "127.0.0.1"):
        assert leak not in answer.text


def test_signing_in_again_signs_out_the_previous_session(client, admin, accounts):
    first = token_from(session_cookie_header(_sign_in(client)))
    second = token_from(session_cookie_header(_sign_in(client)))
    assert first != second
    assert accounts.resolve(first) is None
    assert accounts.resolve(second) is not None


def test_auth_pages_send_protective_headers(client):
    answer = client.get("/auth/signin")
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["referrer-policy"] == "same-origin"
    assert "<script" not in answer.text


@pytest.mark.parametrize(
    "path", ["/auth/signin", "/auth/signup", "/auth/link", "/auth/signout", "/auth/assets/auth.css"]
)
def test_every_route_is_404_in_local_mode(client, monkeypatch, path):
    monkeypatch.setenv("PRODREADY_MODE", "local")
    assert client.get(path).status_code == 404
    if not path.endswith(".css"):
        assert client.post(path, data={}).status_code == 404


def test_the_sign_in_form_is_labelled_and_focused(client, accounts: Accounts):
    page = client.get("/auth/signin").text
    assert '<label for="email">' in page and '<label for="password">' in page
    assert 'autocomplete="current-password"' in page
    assert page.count("autofocus") == 1


def test_the_form_token_is_masked_afresh_in_every_page(client, admin):
    # Pages are compressed and reflect what was typed: a token repeated verbatim could be read
    # back from response sizes (BREACH). Each page carries a different form of the same token.
    first, second = csrf_of(client, "/auth/signin"), csrf_of(client, "/auth/signin")
    cookie = client.cookies.get("prodready_csrf")
    assert first != second and cookie not in first and cookie not in second
    for token in (first, second):
        answer = client.post(
            "/auth/signin",
            data={"csrf": token, "email": ADMIN, "password": PASSWORD},
            headers={"Origin": "http://testserver"},
        )
        assert answer.status_code == 303
    assert (
        client.post(
            "/auth/signin", data={"csrf": cookie, "email": ADMIN, "password": PASSWORD}
        ).status_code
        == 403
    )  # the bare cookie value is not a form token


def test_only_a_plain_utf8_form_is_read(client):
    token = csrf_of(client, "/auth/signin")
    multipart = client.post("/auth/signin", files={"email": ("a.txt", b"x")}, data={"csrf": token})
    assert multipart.status_code == 415
    garbled = client.post(
        "/auth/signin",
        content=f"csrf={token}&email=%ff%fe".encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert garbled.status_code == 400 and "garbled" in garbled.text
    crowded = client.post(
        "/auth/signin",
        content="&".join(f"f{i}=x" for i in range(50)).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert crowded.status_code == 400


def test_an_overlong_password_is_refused_without_hashing_it(client, admin):
    answer = _sign_in(client, password="p" * 300)
    assert answer.status_code == 400
    assert "at most 256 characters" in answer.text
    assert 'id="password"' in answer.text.split('aria-invalid="true"')[0].rsplit("<input", 1)[1]


def test_neither_the_token_nor_the_password_reaches_a_log(client, admin, caplog):
    caplog.set_level(logging.DEBUG)
    answer = _sign_in(client)
    token = token_from(session_cookie_header(answer))
    _sign_in(client, password="another wrong password")
    assert token not in caplog.text
    assert PASSWORD not in caplog.text and "another wrong password" not in caplog.text
