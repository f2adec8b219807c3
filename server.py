"""The server entry: `streamlit run server.py` serves the Streamlit app (app.py, still the script
AppTests run) plus shared mode's sign-in routes and middleware through Streamlit's ASGI `st.App`.
In local mode the routes answer 404 and the middleware lets everything through."""

from __future__ import annotations

import streamlit as st

import web
from views.state import sso_configured

app = st.App(
    "app.py",
    routes=web.routes(sso_configured),
    middleware=web.middleware(sso_configured),
    lifespan=web.lifespan,
)
