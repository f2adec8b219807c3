"""Admin (shared mode): sign-up policy, invitations, accounts and roles, password resets, and
claiming the history a local-mode installation left. The Accounts service refuses non-admins."""

from __future__ import annotations

import streamlit as st

from learning.access import ROLE_TITLES, AccessDenied, Role
from learning.accounts import AccountError, SignupPolicy
from progress import StorageError
from views import state
from views.widgets.classroom import full_link

who = state.me()
service = state.accounts()
st.title("Admin")


def _act(call, done: str) -> None:
    try:
        call()
    except (AccessDenied, AccountError, StorageError) as exc:
        st.error(str(exc))
    else:
        st.success(done)


try:
    listed = service.list_accounts(who)
    policy = service.signup_policy()
    claimable = service.local_history_to_claim()
except (AccessDenied, StorageError) as exc:
    st.error(str(exc))
    st.stop()

st.subheader("Who can join")
POLICY_TEXT = {
    SignupPolicy.OPEN: "Open: anyone who can reach this server can create a learner account",
    SignupPolicy.INVITE: "By invitation: only people you invite (the safe default)",
    SignupPolicy.OFF: "Closed: nobody new",
}
chosen = st.radio(
    "Sign-up",
    list(SignupPolicy),
    index=list(SignupPolicy).index(policy),
    format_func=POLICY_TEXT.__getitem__,
    key="signup-policy",
)
if chosen is not policy:
    _act(lambda: service.set_signup_policy(who, chosen), "Sign-up policy saved.")

st.subheader("Invite someone")
with st.form("invite", clear_on_submit=True):
    email = st.text_input("E-mail", max_chars=254)
    name = st.text_input("Name (optional)", max_chars=100)
    role = st.selectbox("Role", list(Role), format_func=ROLE_TITLES.__getitem__)
    sent = st.form_submit_button("Create invitation link", icon=":material/person_add:")
if sent:
    try:
        link = service.invite(who, email, role, name)
    except (AccessDenied, AccountError, StorageError) as exc:
        st.error(str(exc))
    else:
        st.success(
            "Pass this link on (it works once, for 7 days). There is no e-mail: copy it now."
        )
        st.code(full_link(f"/auth/link?token={link}"), language=None)

st.subheader("Accounts")
for account, display_name in listed:
    with st.container(border=True):
        left, middle, right = st.columns([3, 2, 2], vertical_alignment="center")
        state_text = (
            "disabled"
            if account.disabled
            else (
                "invited"
                if account.password_hash is None and not account.oidc_subject
                else "active"
            )
        )
        # Plain text: names and addresses are what people typed, never Markdown.
        left.text(
            f"{display_name} · {account.email}\n{ROLE_TITLES[Role(account.role)]} · {state_text}"
        )
        if account.id == who.account_id:
            middle.caption("This is you.")
            continue
        new_role = middle.selectbox(
            "Role",
            list(Role),
            index=list(Role).index(Role(account.role)),
            format_func=ROLE_TITLES.__getitem__,
            key=f"role:{account.id}",
            label_visibility="collapsed",
        )
        if new_role.value != account.role:
            _act(lambda a=account, r=new_role: service.set_role(who, a.id, r), "Role changed.")
        buttons = right.container(horizontal=True)
        if buttons.button("Enable" if account.disabled else "Disable", key=f"disable:{account.id}"):
            _act(
                lambda a=account: service.set_disabled(who, a.id, not a.disabled),
                "Saved. A disabled account is signed out everywhere at its next click.",
            )
        if buttons.button("Reset link", key=f"reset:{account.id}"):
            try:
                link = service.reset_link(who, account.id)
            except (AccessDenied, AccountError, StorageError) as exc:
                st.error(str(exc))
            else:
                st.code(full_link(f"/auth/link?token={link}"), language=None)
                st.caption("Works once, for 24 hours; using it signs the person out everywhere.")

if claimable:
    st.subheader("History from local mode")
    st.markdown(
        f"This installation was used in local mode: {claimable} saved attempts, drafts, hints "
        "and answers belong to its single learner. Take them into your account so they are not lost."
    )
    if st.button("Claim the local history", icon=":material/move_down:"):
        _act(lambda: service.claim_local_history(who), "Claimed: sign out and in again to see it.")
