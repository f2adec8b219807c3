"""Joining and leaving: sign-up under each policy, invitation and reset links (forged, expired,
reused), and signing out, which revokes the session in the database for every tab."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from learning.access import Role
from learning.accounts import SIGNUPS_PER_CLIENT, Accounts, SignupPolicy
from progress.models import AccountToken, utc_now
from tests.web.conftest import (
    ADMIN,
    PASSWORD,
    csrf_of,
    post_form,
    session_cookie_header,
    token_from,
)
from web.throttle import Throttle

NEWCOMER = "ana@example.com"


def _open_signup(accounts: Accounts, admin, policy: SignupPolicy = SignupPolicy.OPEN) -> None:
    accounts.set_signup_policy(admin, policy)


@pytest.mark.parametrize("policy", [SignupPolicy.INVITE, SignupPolicy.OFF])
def test_sign_up_is_closed_unless_the_policy_is_open(client, accounts, admin, store, policy):
    _open_signup(accounts, admin, policy)
    page = client.get("/auth/signup")
    assert page.status_code == 200
    assert "Ask your admin" in page.text
    assert "<form" not in page.text
    assert "/auth/signup" not in client.get("/auth/signin").text
    token = csrf_of(client, "/auth/signin")
    forced = client.post(
        "/auth/signup", data={"csrf": token, "email": NEWCOMER, "password": PASSWORD}
    )
    assert forced.status_code == 403
    assert store.account_by_email(NEWCOMER) is None


def test_open_sign_up_creates_a_learner_and_signs_them_in(client, accounts, admin):
    _open_signup(accounts, admin)
    assert "Create an account" in client.get("/auth/signin").text
    answer = post_form(
        client, "/auth/signup", {"email": NEWCOMER, "name": "Ana", "password": PASSWORD}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    actor = accounts.resolve(token_from(session_cookie_header(answer)))
    assert (actor.email, actor.role, actor.display_name) == (NEWCOMER, Role.LEARNER, "Ana")


@pytest.mark.parametrize(
    ("fields", "says", "field"),
    [
        ({"password": "Zq9#short"}, "at least 10", "password"),
        ({"email": "lopez@example.com", "password": "lopez-2026-secret"}, "e-mail", "password"),
        ({"name": "x" * 101}, "at most 100", "name"),
        ({"name": "Ana\x1b[31m"}, "control characters", "name"),
        ({"email": "ana at example"}, "not an e-mail", "email"),
        ({"name": "Ana <b>"}, "cannot contain", "name"),  # would be markup on the Admin page
    ],
)
def test_sign_up_refuses_bad_input_and_keeps_what_was_typed(
    client, accounts, admin, store, fields, says, field
):
    _open_signup(accounts, admin)
    typed = {"email": NEWCOMER, "name": 'Ana & "Bo"', "password": PASSWORD, **fields}
    answer = post_form(client, "/auth/signup", typed)
    assert answer.status_code == 400
    assert says in answer.text
    assert f'id="{field}"' in answer.text.split('aria-invalid="true"')[0].rsplit("<input", 1)[1]
    if field != "email":
        assert f'value="{typed["email"]}"' in answer.text
    assert "<b>" not in answer.text and '& "Bo"' not in answer.text  # escaped, never markup
    assert typed["password"] not in answer.text.replace(f'value="{typed["email"]}"', "")
    assert store.account_by_email(typed["email"]) is None


def test_an_invitation_link_sets_name_and_password_once(client, make_client, accounts, admin):
    link = accounts.invite(admin, NEWCOMER, Role.INSTRUCTOR)
    page = client.get(f"/auth/link?token={link}")
    assert page.status_code == 200
    assert 'id="name"' in page.text and 'autocomplete="new-password"' in page.text
    assert page.headers["referrer-policy"] == "same-origin"  # the link must not leak onward
    answer = post_form(
        client, f"/auth/link?token={link}", {"token": link, "name": "Ana", "password": PASSWORD}
    )
    assert answer.status_code == 303
    actor = accounts.resolve(token_from(session_cookie_header(answer)))
    assert (actor.email, actor.role, actor.display_name) == (NEWCOMER, Role.INSTRUCTOR, "Ana")
    reused = make_client().get(f"/auth/link?token={link}")
    assert reused.status_code == 400
    assert "not valid any more" in reused.text


def test_a_weak_password_keeps_the_invitation_usable(client, accounts, admin):
    link = accounts.invite(admin, NEWCOMER)
    weak = post_form(client, f"/auth/link?token={link}", {"token": link, "password": "password"})
    assert weak.status_code == 400 and "at least 10" in weak.text
    assert accounts.link_purpose(link) == "invite"


def test_a_reset_link_signs_out_every_other_browser(client, make_client, accounts, admin):
    elsewhere = accounts.sign_in(ADMIN, PASSWORD, "10.0.0.2").token
    link = accounts.reset_link(admin, admin.account_id)
    page = client.get(f"/auth/link?token={link}")
    assert 'id="name"' not in page.text and "new password" in page.text
    answer = post_form(
        client, f"/auth/link?token={link}", {"token": link, "password": "a brand new passphrase"}
    )
    assert answer.status_code == 303
    assert accounts.resolve(elsewhere) is None
    assert accounts.sign_in(ADMIN, "a brand new passphrase", "10.0.0.3")


def test_a_forged_link_is_refused_without_detail(client):
    for token in ("forged-token-value", "", "x" * 500):
        page = client.get(f"/auth/link?token={token}")
        assert page.status_code == 400
        assert "not valid any more" in page.text and "<form" not in page.text


def test_an_expired_link_is_refused(client, accounts, admin, store):
    link = accounts.invite(admin, NEWCOMER)
    with Session(store.engine) as session:
        row = session.exec(select(AccountToken)).one()
        row.expires_at = utc_now() - timedelta(minutes=1)
        session.add(row)
        session.commit()
    assert client.get(f"/auth/link?token={link}").status_code == 400
    token = csrf_of(client, "/auth/signin")
    posted = client.post("/auth/link", data={"csrf": token, "token": link, "password": PASSWORD})
    assert posted.status_code == 400
    assert "not valid any more" in posted.text


def test_signing_out_revokes_the_session_and_clears_the_cookie(client, accounts, admin):
    signed = post_form(client, "/auth/signin", {"email": ADMIN, "password": PASSWORD})
    token = token_from(session_cookie_header(signed))
    answer = post_form(client, "/auth/signout", {})
    assert answer.status_code == 303 and answer.headers["location"] == "/auth/signin"
    cleared = session_cookie_header(answer)
    assert cleared.startswith('prodready_session="";') or cleared.startswith("prodready_session=;")
    assert "Max-Age=0" in cleared
    assert accounts.resolve(token) is None


def test_signing_out_needs_the_csrf_token(client, accounts, admin):
    signed = post_form(client, "/auth/signin", {"email": ADMIN, "password": PASSWORD})
    token = token_from(session_cookie_header(signed))
    assert "Sign out of ProdReady" in client.get("/auth/signout").text
    forged = client.post("/auth/signout", data={"csrf": "B" * 43})
    assert forged.status_code == 403
    assert accounts.resolve(token) is not None


def test_sign_ups_from_one_address_are_throttled(make_client, accounts, admin, store):
    _open_signup(accounts, admin)
    now = [0.0]
    client = make_client(signups=Throttle(2, 60, clock=lambda: now[0]))
    for number in (1, 2):
        fields = {"email": f"ana{number}@example.com", "password": PASSWORD}
        assert post_form(client, "/auth/signup", fields).status_code == 303
    third = post_form(client, "/auth/signup", {"email": "ana3@example.com", "password": PASSWORD})
    assert third.status_code == 429 and "Too many sign-ups" in third.text
    assert store.account_by_email("ana3@example.com") is None
    now[0] = 61.0
    assert (
        post_form(
            client, "/auth/signup", {"email": "ana3@example.com", "password": PASSWORD}
        ).status_code
        == 303
    )


def test_the_sign_up_limit_holds_across_replicas(make_client, accounts, admin, store):
    """Two app replicas over one database, each with a generous count of its own: the limit per
    client is the database's, so sending every other try to the other replica does not double it."""
    _open_signup(accounts, admin)
    replicas = [make_client(signups=Throttle(100, 60)) for _ in range(2)]
    for number in range(SIGNUPS_PER_CLIENT):
        fields = {"email": f"ana{number}@example.com", "password": PASSWORD}
        assert post_form(replicas[number % 2], "/auth/signup", fields).status_code == 303
    for replica in replicas:
        refused = post_form(
            replica, "/auth/signup", {"email": "x@example.com", "password": PASSWORD}
        )
        assert refused.status_code == 429 and "Too many sign-ups" in refused.text
    assert store.account_by_email("x@example.com") is None


def test_the_throttle_forgets_old_events_and_stays_bounded():
    now = [0.0]
    throttle = Throttle(1, 10, clock=lambda: now[0], max_keys=3)
    assert throttle.allow("a") and not throttle.allow("a")
    for key in "bcd":
        assert throttle.allow(key)
    assert len(throttle._events) == 3  # "a", the oldest, was dropped
    now[0] = 10.5
    assert throttle.allow("b")


def test_an_expired_form_on_a_valid_link_shows_the_form_again(client, accounts, admin):
    link = accounts.invite(admin, NEWCOMER)
    answer = client.post("/auth/link", data={"token": link, "name": "Ana", "password": PASSWORD})
    assert answer.status_code == 403
    assert "expired or did not come from this site" in answer.text
    assert 'value="Ana"' in answer.text and 'name="token"' in answer.text
    assert accounts.link_purpose(link) == "invite"
