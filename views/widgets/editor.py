"""The code editor: the only module that imports streamlit_ace.

The editor keeps its own text once rendered: a new `value` with the same key does not reload it.
So every exercise gets its own key, and "Reset to starter" moves to a fresh key (a new generation).
"""

from __future__ import annotations

import streamlit as st
from streamlit_ace import st_ace


def editor_key(slug: str, generation: int = 0) -> str:
    return f"editor:{slug}:{generation}"


def generation(slug: str) -> int:
    return st.session_state.get(f"editor-generation:{slug}", 0)


def reset(slug: str) -> None:
    """Show the starter again: the next render uses a new key with its initial value."""
    st.session_state[f"editor-generation:{slug}"] = generation(slug) + 1


def code_editor(slug: str, initial: str, annotations: list[dict] | None = None) -> str:
    """The learner's code as last applied (Ctrl+Enter or the Apply button)."""
    code = st_ace(
        value=initial,
        language="python",
        theme="chrome",
        keybinding="vscode",
        # 14 px clips underscores with DejaVu Sans Mono (Linux's usual monospace): 15 does not.
        font_size=15,
        tab_size=4,
        min_lines=14,
        max_lines=40,
        show_gutter=True,
        wrap=False,
        annotations=annotations or None,
        auto_update=False,
        key=editor_key(slug, generation(slug)),
    )
    return initial if code is None else code
