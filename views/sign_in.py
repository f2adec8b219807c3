"""The sign-in gate (shared mode): the only page anyone sees before signing in."""

from __future__ import annotations

import streamlit as st

from learning.accounts import SignupPolicy
from views import state
from web.paths import at

st.title("Sign in to ProdReady")
st.markdown(
    "This ProdReady server is shared: sign in to practise, keep your progress and see your "
    "class's assignments."
)
if state.session_token():
    st.info(
        "Your sign-in has ended: you signed out, it expired, or your account was changed by an "
        "admin. Sign in again to go on; nothing you saved is lost.",
        icon=":material/lock_clock:",
    )
refusal = st.session_state.pop("sso_refusal", None)
if refusal:
    st.error(refusal)

policy = state.shielded(lambda: state.accounts().signup_policy(), SignupPolicy.INVITE)
actions = st.container(horizontal=True)
actions.link_button(
    "Sign in with e-mail", at("/auth/signin"), type="primary", icon=":material/login:"
)
if policy is SignupPolicy.OPEN:
    actions.link_button("Create an account", at("/auth/signup"), icon=":material/person_add:")
if state.sso_configured():
    if actions.button("Sign in with your organisation", icon=":material/domain:"):
        st.login()
if policy is not SignupPolicy.OPEN:
    st.caption("New here? Accounts are by invitation: ask your instructor or admin for a link.")
