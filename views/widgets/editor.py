"""The code editor: the only module that imports streamlit_ace.

streamlit-ace 0.1.1 has two update modes. With `auto_update=False` it sends the text only on
Ctrl+Enter or its Apply button, so code typed but not applied was silently left out of Check
and Submit. With `auto_update=True` it sends the text 200 ms after the last keystroke (its own
debounce), so what the app grades and saves is what the editor shows. The page keeps the
editor in an `st.fragment`, so those sends rerun only the editor, not the whole page, and
editor_bridge.js sends the editor's text itself when a click comes before the editor has sent
the learner's last edit (within that debounce, or later on a busy machine), then lets it go on.

The editor keeps its own text once rendered: a new `value` with the same key does not reload it.
So every exercise gets its own key, and putting other code in (Reset to starter, Undo) moves to
a fresh key (a new generation) that opens with that code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit_ace import _render_component  # st_ace() without a change callback


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


def code_editor(
    slug: str,
    initial: str,
    annotations: list[dict] | None = None,
    on_change: Callable[[], None] | None = None,
) -> str:
    """The learner's code as the editor shows it (sent as they type).

    `on_change` runs at the start of the next run after the text changed, whichever page that
    run is for: a click that leaves the page right after typing still has the text saved.
    st_ace() takes no callback, so this calls the component it wraps with st_ace's arguments.
    """
    code = _render_component(
        defaultValue=initial,
        placeholder="",
        height=None,
        minLines=14,  # without a height the component grows with the code (no max lines)
        maxLines=None,
        # 14 px clips underscores with DejaVu Sans Mono (Linux's usual monospace): 15 does not.
        fontSize=15,
        tabSize=4,
        mode="python",
        theme="chrome",
        showGutter=True,
        showPrintMargin=False,
        wrapEnabled=True,  # long lines wrap instead of hiding past the right edge
        readOnly=False,
        keyboardHandler="vscode",
        annotations=annotations or [],
        markers=[],
        autoUpdate=True,
        key=editor_key(slug, generation(slug)),
        default=initial,
        on_change=on_change,
    )
    return initial if code is None else code


_BRIDGE = (Path(__file__).with_name("editor_bridge.js")).read_text(encoding="utf-8")


def keyboard_and_grading_bridge() -> None:
    """A small script for the app page: Check, Submit and leaving the page take the editor's last
    keystroke along, and Escape leaves the editor (see editor_bridge.js for why)."""
    st.html(f"<script>{_BRIDGE}</script>", unsafe_allow_javascript=True)
