"""Account (shared mode): who you are, your role, and changing your password."""

from __future__ import annotations

import streamlit as st

from learning.access import ROLE_TITLES
from learning.accounts import AccountError
from progress import StorageError
from views import state

who = state.me()
st.title("Your account")
st.text(f"{who.display_name} · {who.email} · {ROLE_TITLES[who.role]}")  # typed by people: plain

token = state.session_token()
if token:
    st.subheader("Change your password")
    with st.form("change-password", clear_on_submit=True):
        old = st.text_input("Current password", type="password", max_chars=256)
        new = st.text_input(
            "New password", type="password", max_chars=256, help="At least 10 characters."
        )
        again = st.text_input("New password again", type="password", max_chars=256)
        sent = st.form_submit_button("Change password", icon=":material/key:")
    if sent and new != again:
        st.error("The two new passwords differ; type them again.")
    elif sent:
        try:
            state.accounts().change_password(who, token, old, new)
        except (AccountError, StorageError) as exc:
            st.error(str(exc))
        else:
            st.success("Password changed. Every other browser signed in as you is signed out.")
else:
    st.caption("You signed in through your organisation; its sign-in manages your password.")
