"""Page-wide styles and the exercise page's two panes.

Streamlit has no breakpoints of its own beyond stacking columns on phones, so the few rules
that make the pages work from 400 px to wide screens are CSS here, aimed at keyed containers
(`st-key-…` classes), never at Streamlit's generated class names.
"""

from __future__ import annotations

import streamlit as st

WIDE = 1100  # px: from here the ticket and the editor sit side by side

_STYLE = f"""
<style>
/* Visible keyboard focus on every control, not only where the theme draws one. */
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, summary:focus-visible,
input:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {{
  outline: 3px solid #1f5ac4 !important;
  outline-offset: 2px;
}}
/* WCAG 2.1 AA contrast (4.5:1): Streamlit fades captions and quotes (opacity 0.6) below it. */
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: #4b5160 !important; }}
[data-testid="stMarkdownContainer"] blockquote {{ opacity: 1 !important; }}
[data-testid="stMarkdownContainer"] blockquote, [data-testid="stMarkdownContainer"] blockquote * {{
  color: #31333f !important;
}}
/* Code blocks: the theme's blue and green syntax colours are below 4.5:1 on the code
   background; these darker shades keep the same hues and meet it. */
.stCode .token.keyword, .stCode .token.function, .stCode .token.builtin,
.stCode .token.class-name, .stCode .token.boolean, .stCode .token.number {{ color: #1a5fb4 !important; }}
.stCode .token.string, .stCode .token.string-interpolation, .stCode .token.char {{
  color: #1b7a33 !important;
}}
.stCode .token.comment {{ color: #57606a !important; }}
/* A wide table in a lesson scrolls inside itself instead of widening the page on a phone. */
[data-testid="stMarkdownContainer"] table {{ display: block; max-width: 100%; overflow-x: auto; }}
/* Less empty space above the page title: the work starts higher on a laptop screen. */
.stMainBlockContainer {{ padding-top: 3rem; padding-left: 2rem; padding-right: 2rem; }}
/* Labels wrap between words instead of being cut ("Open the e…"). */
[data-testid="stPageLink"] p, button p {{ white-space: normal; overflow-wrap: normal; }}
[data-testid="stMarkdownContainer"] strong {{ overflow-wrap: normal; word-break: normal; }}

/* Find the flaw: each tickable line reads as code. */
[class*="st-key-flaw-lines-"] label p {{ font-family: "Source Code Pro", monospace; font-size: 0.9rem; }}
[class*="st-key-flaw-lines-"] [data-testid="stCheckbox"] {{ margin-bottom: -0.6rem; }}

/* The exercise page: the ticket scrolls on its own beside the editor on wide screens. */
@media (min-width: {WIDE}px) {{
  /* The whole column sticks: its row is as tall as the desk, so it has room to. */
  [data-testid="stColumn"]:has(.st-key-ticket) {{
    position: sticky;
    top: 3.75rem;
    align-self: flex-start;
    max-height: calc(100vh - 4.5rem);
    overflow-y: auto;
    padding-right: 0.75rem;
  }}
}}
/* Narrower: the panes stack; the ticket is a short box above the editor, scrolling inside. */
@media (max-width: {WIDE - 1}px) {{
  .st-key-exercise-panes [data-testid="stHorizontalBlock"] {{ flex-direction: column; }}
  .st-key-exercise-panes [data-testid="stColumn"] {{ width: 100% !important; flex: 1 1 auto !important; }}
  .st-key-ticket {{ max-height: 45vh; overflow-y: auto; }}
}}
/* Tablets and small laptops: a narrower sidebar and headings that leave room for the work. */
@media (max-width: 960px) {{
  section[data-testid="stSidebar"][data-collapsed="false"] {{
    width: 13rem !important;
    min-width: 13rem !important;
  }}
  .stMainBlockContainer {{ padding-left: 1.25rem; padding-right: 1.25rem; }}
  h1 {{ font-size: 2rem !important; }}
  h2 {{ font-size: 1.5rem !important; }}
  h3 {{ font-size: 1.25rem !important; }}
}}
/* Phones: the sidebar starts collapsed (Streamlit's own rule); metrics shrink to fit. */
@media (max-width: 640px) {{
  .stMainBlockContainer {{ padding-top: 4.5rem; }}  /* below the sidebar's open button */
  [data-testid="stMetricValue"] {{ font-size: 1.6rem; }}
  h1 {{ font-size: 1.75rem !important; }}
}}
</style>
"""


def page_style() -> None:
    """Called once per run by app.py, before the page draws."""
    st.html(_STYLE)


def exercise_panes() -> tuple[st.delta_generator.DeltaGenerator, st.delta_generator.DeltaGenerator]:
    """The ticket pane (brief, project files, find the flaw) and the desk (editor, result)."""
    panes = st.container(key="exercise-panes")
    ticket, desk = panes.columns([4, 6], gap="medium")
    return ticket.container(key="ticket"), desk.container(key="desk")
