"""Is a submission gradable at all? Size, encoding, emptiness and syntax, with precise reasons."""

from __future__ import annotations

from dataclasses import dataclass

from grading.report import ErrorKind

MAX_BYTES = 64 * 1024  # the one copy of the limit: the app checks pastes against it too


@dataclass(frozen=True)
class Rejection:
    kind: ErrorKind
    message: str
    line: int | None = None


def decode(raw: str | bytes) -> tuple[str | None, Rejection | None]:
    """The submission as text, or why it can't be read as Python source."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            return None, _too_large(len(raw))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, Rejection(
                ErrorKind.ENCODING, f"The file is not UTF-8 text (byte {exc.start})."
            )
    try:
        size = len(raw.encode("utf-8"))
    except UnicodeEncodeError:
        return None, Rejection(
            ErrorKind.ENCODING, "The text contains characters that are not valid UTF-8."
        )
    if size > MAX_BYTES:
        return None, _too_large(size)
    if "\x00" in raw:
        return None, Rejection(
            ErrorKind.ENCODING, "The text contains NUL bytes; paste the source code only."
        )
    return raw, None


def gradable(raw: str | bytes, filename: str) -> str | Rejection:
    """The submission's text, or why it cannot be graded at all."""
    text, rejection = decode(raw)
    if text is None or rejection is not None:
        return rejection or Rejection(ErrorKind.ENCODING, "The submission could not be read.")
    return check(text, filename) or text


def check(source: str, filename: str) -> Rejection | None:
    if not source.strip():
        return Rejection(ErrorKind.EMPTY, "The submission is empty: there is no code to grade.")
    try:
        compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        where = f" on line {exc.lineno}" if exc.lineno else ""
        return Rejection(ErrorKind.SYNTAX, f"Syntax error{where}: {exc.msg}.", exc.lineno)
    except (RecursionError, MemoryError, ValueError):
        return Rejection(ErrorKind.SYNTAX, "The code is nested too deeply to compile.")
    return None


def human_size(size: int) -> str:
    """Bytes as a person reads them: "64 KiB", "5.1 MiB"."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f}".removesuffix(".0") + " MiB"
    return f"{size / 1024:.0f} KiB"


def _too_large(size: int) -> Rejection:
    return Rejection(
        ErrorKind.TOO_LARGE,
        f"The submission is {human_size(size)}; the limit is {human_size(MAX_BYTES)}. "
        "Submit only the module you are fixing.",
    )
