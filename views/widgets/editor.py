"""The code editor: the only module that imports streamlit_ace.

streamlit-ace 0.1.1 has two update modes. With `auto_update=False` it sends the text only on
Ctrl+Enter or its Apply button, so code typed but not applied was silently left out of Check
and Submit. With `auto_update=True` it sends the text 200 ms after the last keystroke (its own
debounce), so what the app grades and saves is what the editor shows. The page keeps the
editor in an `st.fragment`, so those sends rerun only the editor, not the whole page.

The editor keeps its own text once rendered: a new `value` with the same key does not reload it.
So every exercise gets its own key, and putting other code in (Reset to starter, Undo) moves to
a fresh key (a new generation) that opens with that code.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_ace import st_ace

DEBOUNCE_MS = 200  # streamlit-ace's delay between the last keystroke and sending the text


def editor_key(slug: str, generation: int = 0) -> str:
    return f"editor:{slug}:{generation}"


def generation(slug: str) -> int:
    return st.session_state.get(f"editor-generation:{slug}", 0)


def opening(slug: str) -> str | None:
    """The code the current editor opened with (None before the page first loaded it)."""
    return st.session_state.get(f"editor-opening:{slug}")


def open_with(slug: str, code: str) -> None:
    """What the editor shows when it is first drawn in this session."""
    st.session_state[f"editor-opening:{slug}"] = code


def replace(slug: str, code: str) -> None:
    """Show `code` instead of the learner's text: the next render is a new editor holding it."""
    st.session_state[f"editor-generation:{slug}"] = generation(slug) + 1
    open_with(slug, code)


def current(slug: str) -> str | None:
    """What the editor holds now, as last sent (None until it has sent anything)."""
    return st.session_state.get(editor_key(slug, generation(slug)))


def code_editor(slug: str, initial: str, annotations: list[dict] | None = None) -> str:
    """The learner's code as the editor shows it (sent as they type)."""
    code = st_ace(
        value=initial,
        language="python",
        theme="chrome",
        keybinding="vscode",
        # 14 px clips underscores with DejaVu Sans Mono (Linux's usual monospace): 15 does not.
        font_size=15,
        tab_size=4,
        min_lines=14,  # without a height the component grows with the code (no max_lines)
        show_gutter=True,
        wrap=True,  # long lines wrap instead of hiding past the right edge
        annotations=annotations or None,
        auto_update=True,
        key=editor_key(slug, generation(slug)),
    )
    return initial if code is None else code


_BRIDGE = (Path(__file__).with_name("editor_bridge.js")).read_text(encoding="utf-8")


def keyboard_and_grading_bridge() -> None:
    """A small script for the app page: Check and Submit wait for the editor's last keystroke
    to arrive, and Escape leaves the editor (see editor_bridge.js for why)."""
    st.html(f"<script>{_BRIDGE}</script>", unsafe_allow_javascript=True)
