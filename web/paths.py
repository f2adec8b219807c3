"""Where our pages live when Streamlit serves under a path (`server.baseUrlPath`, for a proxy that
puts the app at https://host/prodready/): Streamlit prefixes its own routes, and ours must follow,
or sign-in would be unreachable behind such a proxy. Paths here are written as at the root
("/auth/signin") and turned into the served ones by `at`."""

from __future__ import annotations

from streamlit import config as streamlit_config


def base() -> str:
    """The prefix every served path starts with: "" at the root, else "/prefix"."""
    prefix = str(streamlit_config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}" if prefix else ""


def at(path: str) -> str:
    """The served path of a root path: "/auth/signin" -> "/prefix/auth/signin"."""
    return base() + path


def local(path: str) -> str | None:
    """The root path of a served one, or None when it lies outside the prefix."""
    prefix = base()
    if not prefix:
        return path
    if path == prefix:
        return "/"
    return path[len(prefix) :] if path.startswith(prefix + "/") else None
