"""Our pages under a path (server.baseUrlPath, behind a proxy that serves the app at
https://host/school/): every path we serve, link to or redirect to carries the prefix, and a
sign-in may only send the browser back into this app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit import config as streamlit_config

from web.paths import at, base, local
from web.security import safe_next


@pytest.fixture
def under_school() -> Iterator[None]:
    before = streamlit_config.get_option("server.baseUrlPath")
    streamlit_config.set_option("server.baseUrlPath", "/school/")
    try:
        yield
    finally:
        streamlit_config.set_option("server.baseUrlPath", before)


def test_at_the_root_paths_are_as_written():
    assert (base(), at("/auth/signin"), local("/exercise")) == ("", "/auth/signin", "/exercise")
    assert safe_next(None) == "/" and safe_next("/progress?x=1") == "/progress?x=1"


@pytest.mark.usefixtures("under_school")
def test_under_a_path_every_path_carries_it():
    assert base() == "/school"
    assert at("/auth/signin") == "/school/auth/signin"
    assert (local("/school"), local("/school/exercise")) == ("/", "/exercise")
    assert local("/schoolyard/x") is None and local("/exercise") is None  # outside the app


@pytest.mark.usefixtures("under_school")
def test_under_a_path_sign_in_returns_only_into_the_app():
    assert safe_next(None) == "/school/"
    assert safe_next("/school/progress?x=1") == "/school/progress?x=1"
    for outside in ("/progress", "/schoolyard", "/school/auth/signout", "//evil.example/school/"):
        assert safe_next(outside) == "/school/", outside
