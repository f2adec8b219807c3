"""One lock for every Python parse the host does.

CPython 3.11's `ast.parse` is not safe to run from two threads at once: under concurrent grading
(the app's grading threads, the Reality check) it raised `SystemError: AST constructor recursion
depth mismatch`, and the attempt ended as a grader failure. bandit, radon and our own discovery all
parse, so they all take this lock; a parse costs milliseconds, so grades barely wait for it.
"""

from __future__ import annotations

import ast
import threading

AST_LOCK = threading.RLock()


def parse(source: str) -> ast.Module:
    with AST_LOCK:
        return ast.parse(source)
