"""`python -m config` prints the settings table; `python -m config --readme` rewrites README.md's."""

from __future__ import annotations

import sys

from config.settings import PROJECT_ROOT, markdown_table

MARKER = "<!-- settings table: made by `python -m config --readme`; tests/config checks it -->"

if "--readme" in sys.argv[1:]:
    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(MARKER) + len(MARKER) + 1
    end = text.index("\n\n", start)
    readme.write_text(text[:start] + markdown_table() + text[end:], encoding="utf-8")
else:
    print(markdown_table())
